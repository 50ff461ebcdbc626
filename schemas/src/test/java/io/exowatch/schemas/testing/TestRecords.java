package io.exowatch.schemas.testing;

import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;

/** Records in the project's own words (not copied fixtures), shaped like what the scrapers produce. */
public final class TestRecords {

    private TestRecords() {
    }

    /**
     * A ClinicalTrials.gov-like exosome trial of about 2 KB in Avro binary, every kind of field filled.
     *
     * @param registryId the trial id, e.g. {@code NCT09990001}
     * @return the record
     */
    public static TrialRecord trial(final String registryId) {
        return TrialRecord.newBuilder()
                .setRegistry("CTGOV")
                .setRegistryId(registryId)
                .setSecondaryIds(List.of(
                        SecondaryId.newBuilder().setId("ChiCTR2400099001").setType("REGISTRY").setRegistry("CHICTR")
                                .build(),
                        SecondaryId.newBuilder().setId("EXO-ARDS-02").setType("OTHER").build()))
                .setBriefTitle("Inhaled Umbilical Cord MSC-derived Exosomes for Moderate ARDS")
                .setOfficialTitle("A Randomized, Double-blind, Placebo-controlled Phase 2 Study of Nebulized "
                        + "Exosomes Secreted by Human Umbilical Cord Mesenchymal Stromal Cells in Adults With "
                        + "Moderate Acute Respiratory Distress Syndrome")
                .setAcronym("EXO-ARDS")
                .setBriefSummary("Extracellular vesicles isolated from the conditioned medium of umbilical cord "
                        + "mesenchymal stromal cells are nebulized twice daily for five days. The study measures "
                        + "safety, oxygenation and time to clinical improvement against a saline placebo.")
                .setDetailedDescription("Participants receive 2.0 x 10^9 particles per dose of small "
                        + "extracellular vesicles (exosomes, 50-150 nm by nanoparticle tracking analysis) "
                        + "suspended in 3 ml of saline via a vibrating-mesh nebulizer. Vesicles are manufactured "
                        + "under GMP from a master cell bank of umbilical cord Wharton's jelly MSCs, purified by "
                        + "tangential flow filtration and characterised for CD63, CD81 and TSG101.")
                .setConditions(List.of("Acute Respiratory Distress Syndrome", "Viral Pneumonia"))
                .setKeywords(List.of("exosome", "extracellular vesicle", "mesenchymal stromal cell", "inhalation"))
                .setInterventions(List.of(
                        Intervention.newBuilder().setType("BIOLOGICAL").setName("UC-MSC exosomes")
                                .setDescription("Nebulized MSC-derived small EVs, 2.0 x 10^9 particles, twice daily")
                                .setOtherNames(List.of("MSC-Exo", "EXO-1")).setArmGroupLabels(List.of("Exosome"))
                                .build(),
                        Intervention.newBuilder().setType("OTHER").setName("Saline placebo")
                                .setDescription("3 ml nebulized normal saline").setArmGroupLabels(List.of("Placebo"))
                                .build()))
                .setArms(List.of(
                        Arm.newBuilder().setLabel("Exosome").setType("EXPERIMENTAL")
                                .setDescription("Nebulized exosomes for 5 days")
                                .setInterventionNames(List.of("Biological: UC-MSC exosomes")).build(),
                        Arm.newBuilder().setLabel("Placebo").setType("PLACEBO_COMPARATOR")
                                .setDescription("Nebulized saline for 5 days")
                                .setInterventionNames(List.of("Other: Saline placebo")).build()))
                .setOutcomes(List.of("Incidence of treatment-emergent adverse events up to day 28",
                        "Change in PaO2/FiO2 ratio from baseline to day 7",
                        "Time to clinical improvement of two points on the WHO ordinal scale"))
                .setPhases(List.of("PHASE2"))
                .setStatus("RECRUITING")
                .setStudyType("INTERVENTIONAL")
                .setEnrollment(120)
                .setEnrollmentType("ESTIMATED")
                .setFirstPosted("2024-03-18")
                .setLastUpdatePosted("2025-01-09")
                .setStartDate("2024-05")
                .setPrimaryCompletionDate("2025-12-31")
                .setCompletionDate("2026-06")
                .setLeadSponsor("Example University Hospital")
                .setCollaborators(List.of("Example Cell Therapy Institute"))
                .setCountries(List.of("China", "Iran"))
                .setReferences(List.of(Reference.newBuilder().setPmid("31431712")
                        .setDoi("10.1038/s41409-019-0616-z").setType("BACKGROUND").build()))
                .setSourceUrl("https://clinicaltrials.gov/api/v2/studies/" + registryId)
                .setFetchedAt(Instant.parse("2025-01-10T08:30:00.123Z"))
                .setContentHash("9f2c4e0b7d1a3c5e8f6b2a4d0c9e7f1a3b5d7c9e1f0a2b4c6d8e0f1a3b5c7d9e")
                .setSourcePayload(null)
                .setSourcePayloadTruncated(false)
                .build();
    }

    /**
     * TrialRecord's schema as an older producer had it: without the last two fields (which have defaults), so data
     * written with it must read with today's class.
     *
     * @return the older schema
     */
    public static Schema trialSchemaWithoutPayloadFields() {
        final String current = TrialRecord.getClassSchema().toString();
        final Schema parsed = new Schema.Parser().parse(current);
        final List<Schema.Field> kept = parsed.getFields().stream()
                .filter(f -> !f.name().startsWith("sourcePayload"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(parsed.getName(), parsed.getDoc(), parsed.getNamespace(), false, kept);
    }
}
