package io.exowatch.enrich.internal;

import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static io.exowatch.enrich.testing.TestRecords.pmidReference;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints: what counts as a change, and their stored form. */
class FingerprintTest {

  private final Fingerprinter fingerprinter = new Fingerprinter();
  private final RuleClassifier classifier = new RuleClassifier();

  private TrialFingerprint of(final TrialRecord trial) {
    return fingerprinter.trial(trial, classifier.classify(trial));
  }

  @Test
  void shouldIgnoreFetchMetadata() {
    final TrialFingerprint first = of(exosomeTrial("NCT04276987").build());
    final TrialFingerprint refetched = of(exosomeTrial("NCT04276987")
        .setFetchedAt(Instant.parse("2027-01-01T00:00:00Z")).setSourceUrl("https://example.org/x")
        .setSourcePayload("other").setSourcePayloadTruncated(true).setContentHash("0").build());

    assertThat(first.changedFields(refetched)).isEmpty();
    assertThat(first.fields()).doesNotContainKeys("fetchedAt", "sourceUrl", "sourcePayload",
        "sourcePayloadTruncated", "contentHash").containsKeys("briefTitle", "status", "references");
  }

  @Test
  void shouldNameEachChangedFieldInSchemaOrder() {
    final TrialFingerprint before = of(exosomeTrial("NCT04276987").build());
    final TrialFingerprint after = of(exosomeTrial("NCT04276987").setCountries(List.of("China", "Iran"))
        .setBriefSummary("Revised summary.").build());

    assertThat(before.changedFields(after)).containsExactly("briefSummary", "countries");
  }

  @Test
  void shouldReportClassificationWhenOnlyEvidenceFreeLabelsChange() {
    final TrialRecord trial = exosomeTrial("NCT04276987").build();
    final Classification labels = classifier.classify(trial);
    final Classification sameLabelsOtherEvidence = Classification.newBuilder(labels).setConfidence(0.1)
        .setClassifierVersion("other").setEvidence(List.of(new Evidence("category:X", "briefTitle", "x"))).build();
    final Classification otherLabels = Classification.newBuilder(labels)
        .setCategory(io.exowatch.schemas.avro.Category.EV_DIAGNOSTIC).build();

    final TrialFingerprint base = fingerprinter.trial(trial, labels);
    assertThat(base.changedFields(fingerprinter.trial(trial, sameLabelsOtherEvidence))).isEmpty();
    assertThat(base.changedFields(fingerprinter.trial(trial, otherLabels))).containsExactly("classification");
  }

  @Test
  void shouldReportClassificationWhenTheNormalisedStatusChangesWithoutTheRegistryStatus() {
    final TrialRecord trial = exosomeTrial("NCT04276987").build();
    final Classification recruiting = classifier.classify(trial);
    final Classification reread = Classification.newBuilder(recruiting)
        .setStatus(io.exowatch.schemas.avro.TrialStatus.ACTIVE_NOT_RECRUITING).build();

    final TrialFingerprint before = fingerprinter.trial(trial, recruiting);
    final TrialFingerprint after = fingerprinter.trial(trial, reread);
    assertThat(before.changedFields(after)).containsExactly("classification");
    assertThat(before.statusChanged(after)).isTrue();
  }

  @Test
  void shouldKeepTheArticleKeysOfReferencesSortedAndLowerCased() {
    final TrialFingerprint f = of(exosomeTrial("NCT04276987").setReferences(List.of(
        pmidReference("31431712"),
        Reference.newBuilder().setDoi("https://doi.org/10.1186/S13287-020-01670-9").build())).build());

    assertThat(f.referenceKeys()).containsExactly("doi:10.1186/s13287-020-01670-9", "pmid:31431712");
  }

  @Test
  void shouldReadBackWhatTheStoreSerdeWrote() {
    final TrialFingerprint f = of(exosomeTrial("NCT04276987").setReferences(List.of(pmidReference("1"))).build());
    final TrialFingerprintSerde serde = new TrialFingerprintSerde();

    final byte[] bytes = serde.serializer().serialize("t", f);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(f);
    assertThat(bytes.length).isLessThan(1200);
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }
}
