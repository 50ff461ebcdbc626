package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Cross-registry identity: decides which registrations are one real trial and announces each real
 * trial once. It reads {@code identity-claims} (one partition, so one task sees every registration)
 * and keeps, per registration, the registrations it is connected to ({@code trial-identity}).
 *
 * <p>Registrations are connected when one names the other (a secondary id that is another
 * registry's id; {@link SameAs}), in either direction and transitively: a ChiCTR record naming an
 * NCT id and an EU CTR record naming the same NCT id are one real trial. A registration seen for the
 * first time gets its {@code CREATED} event only if no registration of its real trial had one;
 * the real trial's canonical id is the registration announced first. Every present registration
 * whose canonical id or other registrations change is told over {@code links-by-trial}
 * ({@link LinkMessage.Type#SAME_AS}), so that {@code trials-enriched} carries the links both ways.
 * A registration that stops naming the others splits off; if no registration of its new real trial
 * was announced, the earliest seen one is announced then. A trial's {@code UPDATED} and
 * {@code STATUS_CHANGED} events come this way too and are passed on as they are, so that every event
 * of a trial leaves in order, after its {@code CREATED}.
 */
public final class IdentityProcessor implements Processor<String, IdentityMessage, String, Emit> {

  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, IdentityMember> members;

  /**
   * A processor counting into {@code progress}.
   *
   * @param progress counters
   */
  public IdentityProcessor(final EnrichProgress progress) {
    this.progress = progress;
  }

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.members = context.getStateStore(StoreNames.TRIAL_IDENTITY);
  }

  @Override
  public void process(final Record<String, IdentityMessage> record) {
    final IdentityMessage message = record.value();
    if (message == null) {
      return;
    }
    final String id = message.id();
    if (message.type() == IdentityMessage.Type.CHANGED) {
      // Only passed on: it leaves behind every earlier message of the trial, its CREATED included.
      context.forward(new Record<String, Emit>(id, new Emit.Event(message.change().toEvent(id)), record.timestamp()));
      return;
    }
    final Map<String, IdentityMember> entries = new TreeMap<>();
    final IdentityMember before = load(id, entries);
    for (final String claim : message.claims()) {
      load(claim, entries);
    }
    // Offsets of the one partition order the registrations; a driver without metadata counts on its own.
    final long seq = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    final IdentityMember after = updated(before, message, seq);
    entries.put(id, after);
    final boolean announcing = message.type() == IdentityMessage.Type.SEEN && message.firstSight();
    for (final List<String> component : components(entries)) {
      resolve(record, seq, component, entries, announcing ? id : null);
    }
  }

  /** The stored entry of {@code id} (or a placeholder) and those of its whole component, into {@code entries}. */
  private IdentityMember load(final String id, final Map<String, IdentityMember> entries) {
    final IdentityMember known = entries.get(id);
    if (known != null) {
      return known;
    }
    final IdentityMember stored = members.get(id);
    final IdentityMember entry = stored == null ? IdentityMember.placeholder(id) : stored;
    entries.put(id, entry);
    for (final String other : entry.component()) {
      if (!entries.containsKey(other)) {
        final IdentityMember o = members.get(other);
        entries.put(other, o == null ? IdentityMember.placeholder(other) : o);
      }
    }
    return entry;
  }

  /** {@code before} after {@code message}. */
  private static IdentityMember updated(final IdentityMember before, final IdentityMessage message, final long seq) {
    if (message.type() == IdentityMessage.Type.GONE) {
      return new IdentityMember(false, List.of(), before.component(), false, 0L, 0L, null, null);
    }
    final List<String> claims = message.claims().stream().filter(c -> !c.equals(message.id())).toList();
    final long firstSeen = before.exists() ? before.firstSeenSeq() : seq;
    final IdentityMember seen = new IdentityMember(true, claims, before.component(), before.created(),
        before.createdSeq(), firstSeen, message.draft(), before.exists() ? before.view() : null);
    // A trial the identity step never saw that is not new was announced before this step existed.
    return !message.firstSight() && !before.exists() && !before.created() ? seen.announcedAt(seq) : seen;
  }

  /** The connected components of {@code entries}, each sorted; edges are the present registrations' claims. */
  static List<List<String>> components(final Map<String, IdentityMember> entries) {
    final Map<String, Set<String>> edges = new TreeMap<>();
    entries.keySet().forEach(id -> edges.put(id, new TreeSet<>()));
    entries.forEach((id, entry) -> {
      if (entry.exists()) {
        for (final String claim : entry.claims()) {
          if (edges.containsKey(claim)) {
            edges.get(id).add(claim);
            edges.get(claim).add(id);
          }
        }
      }
    });
    final List<List<String>> components = new ArrayList<>();
    final Set<String> done = new HashSet<>();
    for (final String start : edges.keySet()) {
      if (done.add(start)) {
        final TreeSet<String> component = new TreeSet<>();
        final Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
          final String next = todo.pop();
          component.add(next);
          for (final String neighbour : edges.get(next)) {
            if (done.add(neighbour)) {
              todo.push(neighbour);
            }
          }
        }
        components.add(new ArrayList<>(component));
      }
    }
    return components;
  }

  /**
   * Stores one component: announces its real trial if nobody did, and tells each present
   * registration what changed for it.
   *
   * @param newcomer the registration seen for the first time by this message, or {@code null}
   */
  private void resolve(final Record<String, IdentityMessage> record, final long seq, final List<String> component,
      final Map<String, IdentityMember> entries, final String newcomer) {
    final List<String> present = component.stream().filter(id -> entries.get(id).exists()).toList();
    if (present.isEmpty()) {
      // Named by nobody present any more: forget the placeholders.
      component.forEach(members::delete);
      return;
    }
    if (present.stream().noneMatch(id -> entries.get(id).created())) {
      final String first = present.stream()
          .min(Comparator.comparingLong((String id) -> entries.get(id).firstSeenSeq()).thenComparing(id -> id))
          .orElseThrow();
      announce(record, seq, first, component, entries);
    } else if (newcomer != null && component.contains(newcomer) && !entries.get(newcomer).created()) {
      progress.sameTrial();
    }
    final String canonical = present.stream().filter(id -> entries.get(id).created())
        .min(Comparator.comparingLong((String id) -> entries.get(id).createdSeq()).thenComparing(id -> id))
        .orElseThrow();
    for (final String id : component) {
      IdentityMember entry = entries.get(id).inComponent(component);
      if (entry.exists()) {
        final SameAsView view = new SameAsView(canonical, component.stream().filter(o -> !o.equals(id)).toList());
        final SameAsView told = entry.view() != null ? entry.view() : SameAsView.assumed(id, entry.claims());
        if (!view.equals(told)) {
          context.forward(new Record<String, Emit>(id,
              new Emit.ToTrial(LinkMessage.sameAs(view.canonicalId(), view.others())), record.timestamp()));
          entry = entry.told(view);
        }
      }
      entries.put(id, entry);
      members.put(id, entry);
    }
  }

  private void announce(final Record<String, IdentityMessage> record, final long seq, final String id,
      final List<String> component, final Map<String, IdentityMember> entries) {
    final IdentityMember entry = entries.get(id);
    final IdentityMessage.EventDraft draft = entry.draft();
    entries.put(id, entry.announcedAt(seq));
    if (draft == null) {
      return;
    }
    progress.event(TrialEventOp.CREATED);
    final List<String> others = component.stream().filter(o -> !o.equals(id)).toList();
    final TrialEvent event = new TrialEvent(id, TrialEventOp.CREATED, List.of(), null, draft.after().toAvro(),
        draft.registry(), others, draft.classifierVersion(), Instant.ofEpochMilli(draft.ts()));
    context.forward(new Record<String, Emit>(id, new Emit.Event(event), record.timestamp()));
  }
}
