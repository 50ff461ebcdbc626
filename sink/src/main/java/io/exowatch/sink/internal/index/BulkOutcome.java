package io.exowatch.sink.internal.index;

import java.util.List;

/**
 * What one bulk request did.
 *
 * @param indexed documents created or replaced
 * @param deleted documents deleted (or already absent) by tombstones
 * @param conflicts writes skipped because the index holds a newer version: not errors
 * @param rejected writes OpenSearch refused for good (mapping errors and other 4xx)
 */
public record BulkOutcome(int indexed, int deleted, int conflicts, List<Rejected> rejected) {

  /** A write refused for good, with OpenSearch's status, error type and reason. */
  public record Rejected(Pending.Write write, int status, String type, String reason) {}
}
