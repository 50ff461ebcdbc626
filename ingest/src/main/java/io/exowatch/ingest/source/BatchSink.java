package io.exowatch.ingest.source;

/**
 * Receives a source's batches. When {@link #accept} returns, the batch's records and dead letters
 * are acknowledged by Kafka and its cursor is stored, so a source may go on to the next request;
 * when it throws, nothing after the last accepted batch counts and the pass ends.
 */
@FunctionalInterface
public interface BatchSink {

  /** Publishes the batch and then stores its cursor. */
  void accept(Batch batch) throws InterruptedException;
}
