package io.exowatch.enrich;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;

/**
 * What the topology asks of a classifier. Production code passes the project's classifier; tests
 * pass their own to see what the topology does when a classifier changes its mind or throws.
 * Implementations must be thread-safe (stream threads share one).
 */
public interface RecordClassifier {

  /** Classifies a trial registration. */
  Classification classify(TrialRecord trial);

  /** Classifies an article. */
  Classification classify(ArticleRecord article);
}
