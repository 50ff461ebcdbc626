package io.exowatch.enrich;

import io.exowatch.enrich.classify.Classifier;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.Objects;

/**
 * What the topology asks of a classifier. Production code passes {@link #of(Classifier)}; tests
 * pass their own to see what the topology does when a classifier changes its mind or throws.
 * Implementations must be thread-safe (stream threads share one).
 */
public interface RecordClassifier {

  /** Classifies a trial registration. */
  Classification classify(TrialRecord trial);

  /** Classifies an article. */
  Classification classify(ArticleRecord article);

  /** The project's classifier ({@link Classifier}, thread-safe). */
  static RecordClassifier of(final Classifier classifier) {
    Objects.requireNonNull(classifier, "classifier");
    return new RecordClassifier() {
      @Override
      public Classification classify(final TrialRecord trial) {
        return classifier.classify(trial);
      }

      @Override
      public Classification classify(final ArticleRecord article) {
        return classifier.classify(article);
      }
    };
  }
}
