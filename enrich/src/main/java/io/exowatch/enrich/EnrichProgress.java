package io.exowatch.enrich;

import io.exowatch.schemas.avro.TrialEventOp;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress counters of one enrich instance: records read, classified, trial events emitted by op,
 * unchanged re-scrapes, dead letters, and records skipped by the deserialization handler.
 * Thread-safe; counts start at zero when the instance starts. Under exactly-once processing a
 * record whose transaction is aborted and retried is counted again, so these are progress
 * figures, not an audit of the output topics.
 */
public final class EnrichProgress {

  private final LongAdder trialsIn = new LongAdder();
  private final LongAdder articlesIn = new LongAdder();
  private final LongAdder sameTrial = new LongAdder();
  private final LongAdder classified = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder updated = new LongAdder();
  private final LongAdder statusChanged = new LongAdder();
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder linkUpdates = new LongAdder();
  private final LongAdder deadLetters = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  /** A raw trial (or trial tombstone) was read. */
  public void trialIn() {
    trialsIn.increment();
  }

  /** A raw article (or article tombstone) was read. */
  public void articleIn() {
    articlesIn.increment();
  }

  /** A record was classified. */
  public void classified() {
    classified.increment();
  }

  /** A trial event with {@code op} was emitted. */
  public void event(final TrialEventOp op) {
    switch (op) {
      case CREATED -> created.increment();
      case UPDATED -> updated.increment();
      case STATUS_CHANGED -> statusChanged.increment();
      default -> throw new IllegalArgumentException("Unknown op " + op);
    }
  }

  /**
   * A trial seen for the first time turned out to be another registration of a real trial already
   * announced, so no {@code CREATED} event was emitted for it.
   */
  public void sameTrial() {
    sameTrial.increment();
  }

  /** A record identical to the one already seen was read and nothing was emitted. */
  public void unchanged() {
    unchanged.increment();
  }

  /** An enriched record was re-emitted because its links changed. */
  public void linkUpdate() {
    linkUpdates.increment();
  }

  /** A record went to the dead-letter topic. */
  public void deadLetter() {
    deadLetters.increment();
  }

  /** A record could not be deserialized by Kafka Streams itself and was skipped (and logged). */
  public void skipped() {
    skipped.increment();
  }

  /** The counts now. */
  public Snapshot snapshot() {
    return new Snapshot(trialsIn.sum(), articlesIn.sum(), classified.sum(), created.sum(), updated.sum(),
        statusChanged.sum(), sameTrial.sum(), unchanged.sum(), linkUpdates.sum(), deadLetters.sum(), skipped.sum());
  }

  /**
   * The counts at one moment.
   *
   * @param trialsIn raw trial records read
   * @param articlesIn raw article records read
   * @param classified records classified
   * @param created {@code CREATED} events
   * @param updated {@code UPDATED} events
   * @param statusChanged {@code STATUS_CHANGED} events
   * @param sameTrial first sightings that were another registration of an announced trial (no {@code CREATED})
   * @param unchanged identical re-scrapes (nothing emitted)
   * @param linkUpdates enriched records re-emitted for a new or removed link
   * @param deadLetters records sent to the dead-letter topic
   * @param skipped records the deserialization handler skipped
   */
  public record Snapshot(long trialsIn, long articlesIn, long classified, long created, long updated,
      long statusChanged, long sameTrial, long unchanged, long linkUpdates, long deadLetters, long skipped) {

    /** One line for progress logs. */
    @Override
    public String toString() {
      return "in: " + trialsIn + " trials, " + articlesIn + " articles; classified " + classified
          + "; events: " + created + " created, " + updated + " updated, " + statusChanged + " status changed; "
          + sameTrial + " registrations of announced trials; " + unchanged + " unchanged; " + linkUpdates + " link updates; " + deadLetters + " dead letters; "
          + skipped + " skipped";
    }
  }
}
