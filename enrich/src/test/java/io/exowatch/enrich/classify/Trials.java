package io.exowatch.enrich.classify;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small records for classifier tests. */
final class Trials {

  private Trials() {
  }

  /** An interventional trial with a title, one biological intervention and conditions. */
  static TrialRecord trial(final String title, final String intervention, final String description,
      final String... conditions) {
    return TrialRecord.newBuilder()
        .setRegistry("CTGOV")
        .setRegistryId("NCT99999999")
        .setSecondaryIds(new ArrayList<>())
        .setBriefTitle(title)
        .setConditions(List.of(conditions))
        .setInterventions(intervention == null ? List.of() : List.of(Intervention.newBuilder()
            .setType("BIOLOGICAL").setName(intervention).setDescription(description)
            .setOtherNames(List.of()).setArmGroupLabels(List.of()).build()))
        .setArms(List.of())
        .setReferences(List.of())
        .setStudyType("INTERVENTIONAL")
        .setPhases(List.of("PHASE1"))
        .setStatus("RECRUITING")
        .setFetchedAt(Instant.EPOCH)
        .setContentHash("")
        .build();
  }

  /** An article with title, abstract, publication types and trial ids. */
  static ArticleRecord article(final String title, final String abstractText, final List<String> publicationTypes,
      final List<String> trialIds) {
    return ArticleRecord.newBuilder()
        .setId("pmid:1")
        .setSource("PUBMED")
        .setPmid("1")
        .setTitle(title)
        .setAbstractText(abstractText)
        .setAbstractSections(List.of())
        .setPublicationTypes(publicationTypes)
        .setTrialIds(trialIds)
        .setFetchedAt(Instant.EPOCH)
        .setContentHash("")
        .build();
  }
}
