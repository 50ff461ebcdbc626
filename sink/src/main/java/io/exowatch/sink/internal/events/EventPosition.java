package io.exowatch.sink.internal.events;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A position in {@code trial-events} across all its partitions: for each partition, the offset of
 * the next record to read. It is the SSE event id, written {@code 0-15.1-7.2-3}
 * (partition-offset pairs joined by dots), so a client's {@code Last-Event-ID} resumes every
 * partition exactly where the last event it received left it: no gaps, no repeats.
 */
public final class EventPosition {

  private static final Pattern FORMAT = Pattern.compile("\\d{1,5}-\\d{1,19}(\\.\\d{1,5}-\\d{1,19}){0,1023}");

  private final TreeMap<Integer, Long> next;

  private EventPosition(final TreeMap<Integer, Long> next) {
    this.next = next;
  }

  /** A position with no partitions yet. */
  public static EventPosition empty() {
    return new EventPosition(new TreeMap<>());
  }

  /** Parses an event id. @throws IllegalArgumentException naming what is malformed */
  public static EventPosition parse(final String id) {
    if (id == null || !FORMAT.matcher(id).matches()) {
      throw new IllegalArgumentException("Malformed event id '" + (id == null ? "" : id.length() > 60 ? id.substring(0, 60) + "..." : id)
          + "': expected partition-offset pairs joined by dots, e.g. 0-15.1-7");
    }
    final TreeMap<Integer, Long> m = new TreeMap<>();
    for (final String pair : id.split("\\.")) {
      final int dash = pair.indexOf('-');
      final int partition;
      final long offset;
      try {
        partition = Integer.parseInt(pair.substring(0, dash));
        offset = Long.parseLong(pair.substring(dash + 1));
      } catch (final NumberFormatException e) {
        throw new IllegalArgumentException("Malformed event id: number out of range in '" + pair + "'");
      }
      if (m.put(partition, offset) != null) {
        throw new IllegalArgumentException("Malformed event id: partition " + partition + " given twice");
      }
    }
    return new EventPosition(m);
  }

  /** Records that the record at {@code offset} of {@code partition} was read. */
  public void advance(final int partition, final long offset) {
    next.merge(partition, offset + 1, Math::max);
  }

  /** Sets the next offset of {@code partition}. */
  public void set(final int partition, final long nextOffset) {
    next.put(partition, nextOffset);
  }

  /** Next offset per partition. */
  public Map<Integer, Long> offsets() {
    return Collections.unmodifiableMap(next);
  }

  /** The event id. */
  public String encode() {
    final StringBuilder sb = new StringBuilder();
    next.forEach((p, o) -> sb.append(sb.length() == 0 ? "" : ".").append(p).append('-').append(o));
    return sb.toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
