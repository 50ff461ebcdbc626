package io.exowatch.sink;

/**
 * Counters of a running sink since it started.
 *
 * @param indexed documents created or replaced
 * @param deleted documents deleted by tombstones
 * @param conflicts writes skipped because a newer version was already indexed (replays, late records)
 * @param rejected documents OpenSearch refused for good, now in the dead-letter topic
 * @param undecodable records that could not be decoded, now in the dead-letter topic
 * @param bulkRequests bulk requests completed
 * @param bulkFailures batches that failed after every retry and were re-read from Kafka
 * @param sseClients event-stream clients connected now
 */
public record SinkStats(long indexed, long deleted, long conflicts, long rejected, long undecodable,
    long bulkRequests, long bulkFailures, int sseClients) {}
