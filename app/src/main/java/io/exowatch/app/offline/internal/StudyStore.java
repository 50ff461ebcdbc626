package io.exowatch.app.offline.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The simulator's mutable set of studies, keyed and ordered by NCT id, with keyset paging: a page
 * starts strictly after the last study of the previous page in the requested order, so studies added
 * or updated between pages are neither skipped (when they sort later) nor repeated (unless an update
 * moves them later in a date order, as on the real registry). Thread-safe.
 */
public final class StudyStore {

  /** Orders studies can be listed in. */
  public enum Order {
    /** By NCT id, ascending (the simulator's default). */
    NCT_ID(Comparator.comparing(StoredStudy::nctId)),
    /** By last-update date, oldest first, then NCT id. */
    LAST_UPDATE_ASC(Comparator.comparing(StoredStudy::lastUpdatePostDate).thenComparing(StoredStudy::nctId)),
    /** By last-update date, newest first, then NCT id. */
    LAST_UPDATE_DESC(Comparator.comparing(StoredStudy::lastUpdatePostDate).reversed()
        .thenComparing(StoredStudy::nctId));

    private final Comparator<StoredStudy> comparator;

    Order(final Comparator<StoredStudy> comparator) {
      this.comparator = comparator;
    }

    /** The comparator of this order. */
    public Comparator<StoredStudy> comparator() {
      return comparator;
    }
  }

  /**
   * One page.
   *
   * @param studies the studies, in order
   * @param hasMore whether more studies follow the last one
   */
  public record Page(List<StoredStudy> studies, boolean hasMore) {
    /** Copies the list. */
    public Page {
      studies = List.copyOf(studies);
    }
  }

  private final ConcurrentSkipListMap<String, StoredStudy> studies = new ConcurrentSkipListMap<>();

  /** Adds or replaces a study. */
  public void put(final StoredStudy study) {
    studies.put(study.nctId(), study);
  }

  /** Adds {@code study} unless its id is taken; returns whether it was added. */
  public boolean putIfAbsent(final StoredStudy study) {
    return studies.putIfAbsent(study.nctId(), study) == null;
  }

  /** The study with {@code nctId}. */
  public Optional<StoredStudy> get(final String nctId) {
    return Optional.ofNullable(studies.get(nctId));
  }

  /** How many studies are held. */
  public int size() {
    return studies.size();
  }

  /** A live view of all studies in NCT id order. */
  public Collection<StoredStudy> all() {
    return studies.values();
  }

  /** How many studies match {@code filter}. */
  public long count(final Predicate<StoredStudy> filter) {
    return studies.values().stream().filter(filter).count();
  }

  /**
   * The page of at most {@code size} studies matching {@code filter} that come after {@code after}
   * in {@code order} ({@code null}: from the start).
   */
  public Page page(final Predicate<StoredStudy> filter, final Order order, final StoredStudy after, final int size) {
    final List<StoredStudy> out = new ArrayList<>(Math.min(size + 1, 1024));
    if (order == Order.NCT_ID) {
      final Map<String, StoredStudy> tail = after == null ? studies : studies.tailMap(after.nctId(), false);
      for (final StoredStudy s : tail.values()) {
        if (filter.test(s)) {
          out.add(s);
          if (out.size() > size) {
            break;
          }
        }
      }
    } else {
      final List<StoredStudy> matching = new ArrayList<>();
      for (final StoredStudy s : studies.values()) {
        if (filter.test(s) && (after == null || order.comparator().compare(s, after) > 0)) {
          matching.add(s);
        }
      }
      matching.sort(order.comparator());
      out.addAll(matching.subList(0, Math.min(matching.size(), size + 1)));
    }
    final boolean hasMore = out.size() > size;
    return new Page(hasMore ? out.subList(0, size) : out, hasMore);
  }
}
