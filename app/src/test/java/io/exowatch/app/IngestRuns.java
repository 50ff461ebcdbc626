package io.exowatch.app;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.IngestSummary;

/**
 * Lets tests outside this package run the ingest service exactly as {@code exowatch ingest --once}
 * builds it ({@link IngestRuntime}: topics created where missing, the Avro producer, cursors in
 * Kafka), without a child process.
 */
public final class IngestRuns {

  private IngestRuns() {}

  /** Builds the ingest runtime from {@code config}, runs one pass over the enabled sources and closes it. */
  public static IngestSummary once(final ExoConfig config, final IngestListener listener) {
    try (IngestRuntime runtime = IngestRuntime.create(config, listener)) {
      return runtime.service().runOnce();
    }
  }
}
