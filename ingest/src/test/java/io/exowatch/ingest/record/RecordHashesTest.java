package io.exowatch.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordHashesTest {

  private static TrialRecord trial() {
    return TrialRecord.newBuilder()
        .setRegistry("CHICTR")
        .setRegistryId("ChiCTR2000029990")
        .setSecondaryIds(List.of())
        .setInterventions(List.of())
        .setArms(List.of())
        .setReferences(List.of())
        .setBriefTitle("Mesenchymal stem cell exosomes for severe COVID-19")
        .setConditions(List.of("COVID-19"))
        .setSourceUrl("https://www.chictr.org.cn/showproj.html?proj=49146")
        .setFetchedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setContentHash("old")
        .setSourcePayload("<html>...</html>")
        .setSourcePayloadTruncated(false)
        .build();
  }

  private static ArticleRecord article() {
    return ArticleRecord.newBuilder()
        .setId("pmid:31431712")
        .setSource("PUBMED")
        .setPmid("31431712")
        .setTitle("Exosomes from MSCs")
        .setAbstractSections(List.of())
        .setFetchedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setContentHash("")
        .build();
  }

  @Test
  void shouldGiveSixtyFourHexCharacters() {
    assertThat(RecordHashes.trialHash(trial())).matches("[0-9a-f]{64}");
    assertThat(RecordHashes.articleHash(article())).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldIgnoreFetchMetadata() {
    final TrialRecord a = trial();
    final TrialRecord b = trial();
    b.setFetchedAt(Instant.parse("2026-06-01T00:00:00Z"));
    b.setSourceUrl("https://mirror.example/ChiCTR2000029990");
    b.setSourcePayload("different bytes of the same page");
    b.setSourcePayloadTruncated(true);
    b.setContentHash("whatever");

    assertThat(RecordHashes.trialHash(b)).isEqualTo(RecordHashes.trialHash(a));
  }

  @Test
  void shouldChangeWhenContentChanges() {
    final TrialRecord changed = trial();
    changed.setBriefTitle("Mesenchymal stem cell exosomes for severe COVID-19 (amended)");
    assertThat(RecordHashes.trialHash(changed)).isNotEqualTo(RecordHashes.trialHash(trial()));

    final ArticleRecord changedArticle = article();
    changedArticle.setTrialIds(List.of("NCT04276987"));
    assertThat(RecordHashes.articleHash(changedArticle)).isNotEqualTo(RecordHashes.articleHash(article()));
  }

  @Test
  void shouldGiveTheSameHashFromManyThreadsAtOnce() {
    final String expected = RecordHashes.trialHash(trial());
    final java.util.Set<String> hashes = java.util.stream.IntStream.range(0, 2_000).parallel()
        .mapToObj(i -> i % 2 == 0 ? RecordHashes.trialHash(trial()) : RecordHashes.articleHash(article()))
        .collect(java.util.stream.Collectors.toSet());
    assertThat(hashes).containsExactlyInAnyOrder(expected, RecordHashes.articleHash(article()));
  }

  @Test
  void shouldLeaveTheRecordItHashesUnchanged() {
    final TrialRecord t = trial();
    RecordHashes.trialHash(t);
    assertThat(t).isEqualTo(trial());
  }
}
