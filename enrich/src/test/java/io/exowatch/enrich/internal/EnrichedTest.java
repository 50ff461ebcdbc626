package io.exowatch.enrich.internal;

import static io.exowatch.enrich.testing.TestRecords.article;
import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enriched records: the content of the raw record without its source document. */
class EnrichedTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final RuleClassifier classifier = new RuleClassifier();

  @Test
  void shouldLeaveTheSourcePayloadOfATrialOnTheRawTopic() {
    final TrialRecord trial = exosomeTrial("NCT04276987").setSourcePayload("{\"protocolSection\":{}}")
        .setSourcePayloadTruncated(true).build();

    final EnrichedTrial enriched = Enriched.trial(trial, classifier.classify(trial), Links.none(), List.of(),
        SameAsView.assumed("NCT04276987", List.of()), NOW);

    assertThat(enriched.getTrial().getSourcePayload()).isNull();
    assertThat(enriched.getTrial().getSourcePayloadTruncated()).isTrue();
    final TrialRecord expected = TrialRecord.newBuilder(trial).setSourcePayload(null).build();
    assertThat(enriched.getTrial()).isEqualTo(expected);
    assertThat(trial.getSourcePayload()).as("the caller's record is not changed").isEqualTo("{\"protocolSection\":{}}");
  }

  @Test
  void shouldLeaveTheSourcePayloadOfAnArticleOnTheRawTopic() {
    final ArticleRecord record = article().setSourcePayload("<PubmedArticle/>").build();

    final EnrichedArticle enriched = Enriched.article(record, classifier.classify(record), Links.none(), NOW);

    assertThat(enriched.getArticle().getSourcePayload()).isNull();
    assertThat(enriched.getArticle()).isEqualTo(ArticleRecord.newBuilder(record).setSourcePayload(null).build());
    assertThat(record.getSourcePayload()).isEqualTo("<PubmedArticle/>");
  }

  @Test
  void shouldPassARecordWithoutPayloadAsItIs() {
    final TrialRecord trial = exosomeTrial("NCT04276987").setSourcePayload(null).build();

    final EnrichedTrial enriched = Enriched.trial(trial, classifier.classify(trial), Links.none(), List.of(),
        SameAsView.assumed("NCT04276987", List.of()), NOW);

    assertThat(enriched.getTrial()).isSameAs(trial);
  }
}
