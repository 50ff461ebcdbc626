package io.exowatch.common.kafka;

import java.time.Duration;
import java.util.List;

/**
 * The topics of the pipeline (DESIGN.md): names, and how each is created. Keys are stable source
 * ids; raw and enriched topics are compacted so the search index can always be rebuilt from Kafka.
 */
public final class Topics {

  /** Raw trial registrations, key = registry id, value = {@code TrialRecord}. Compacted. */
  public static final TopicSpec TRIALS_RAW = TopicSpec.compacted("trials-raw");
  /** Raw articles, key = {@code doi:...} or {@code pmid:...}, value = {@code ArticleRecord}. Compacted. */
  public static final TopicSpec ARTICLES_RAW = TopicSpec.compacted("articles-raw");
  /** Classified and linked trials, value = {@code EnrichedTrial}. Compacted. */
  public static final TopicSpec TRIALS_ENRICHED = TopicSpec.compacted("trials-enriched");
  /** Classified and linked articles, value = {@code EnrichedArticle}. Compacted. */
  public static final TopicSpec ARTICLES_ENRICHED = TopicSpec.compacted("articles-enriched");
  /** New and changed trials, value = {@code TrialEvent}. Deleted by time, kept long (default: forever). */
  public static final TopicSpec TRIAL_EVENTS = TopicSpec.deleting("trial-events", null);
  /** Ingest dead letters, value = {@code DeadLetter}. */
  public static final TopicSpec INGEST_DLQ = TopicSpec.deleting("ingest-dlq", Duration.ofDays(30));
  /** Enrich dead letters, value = {@code DeadLetter}. */
  public static final TopicSpec ENRICH_DLQ = TopicSpec.deleting("enrich-dlq", Duration.ofDays(30));
  /** Sink dead letters, value = {@code DeadLetter}. */
  public static final TopicSpec SINK_DLQ = TopicSpec.deleting("sink-dlq", Duration.ofDays(30));
  /** Ingest cursors, key = source name, value = JSON. Compacted, one partition. */
  public static final TopicSpec INGEST_CURSORS = TopicSpec.compacted("ingest-cursors").withPartitions(1);

  private Topics() {}

  /** Every topic the pipeline uses. */
  public static List<TopicSpec> all() {
    return List.of(TRIALS_RAW, ARTICLES_RAW, TRIALS_ENRICHED, ARTICLES_ENRICHED, TRIAL_EVENTS,
        INGEST_DLQ, ENRICH_DLQ, SINK_DLQ, INGEST_CURSORS);
  }
}
