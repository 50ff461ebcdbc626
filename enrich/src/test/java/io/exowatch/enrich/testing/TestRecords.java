package io.exowatch.enrich.testing;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;

/**
 * Trial and article records written after real registrations and papers (wording shortened), for
 * the enrich tests. Each call returns a fresh builder, so a test changes only what it is about.
 */
public final class TestRecords {

  /** When the test records were "fetched". */
  public static final Instant FETCHED = Instant.parse("2026-11-01T06:00:00Z");

  /** NCT04276987: aerosol inhalation of adipose MSC exosomes in severe COVID-19 (Ruijin Hospital, 2020). */
  public static final String NCT_COVID_AEROSOL = "NCT04276987";
  /** DOI of the article used for linking (stored lower-case in the key). */
  public static final String DOI = "10.1038/S41409-019-0616-Z";
  /** Its article key on articles-raw. */
  public static final String DOI_KEY = "doi:10.1038/s41409-019-0616-z";
  /** Its PMID. */
  public static final String PMID = "31431712";

  private TestRecords() {}

  /** An MSC-exosome trial registered on ClinicalTrials.gov, recruiting, phase 1. */
  public static TrialRecord.Builder exosomeTrial(final String nctId) {
    return TrialRecord.newBuilder()
        .setRegistry("CTGOV")
        .setRegistryId(nctId)
        .setBriefTitle("A Pilot Clinical Study on Inhalation of Mesenchymal Stem Cells Exosomes Treating Severe"
            + " Novel Coronavirus Pneumonia")
        .setOfficialTitle("A Pilot Clinical Study on Aerosol Inhalation of the Exosomes Derived From Allogenic"
            + " Adipose Mesenchymal Stem Cells in the Treatment of Severe Patients With Novel Coronavirus Pneumonia")
        .setAcronym("MEXCOVID")
        .setBriefSummary("This study evaluates the safety and efficiency of aerosol inhalation of exosomes derived"
            + " from allogenic adipose mesenchymal stem cells (MSCs-Exo) in severe novel coronavirus pneumonia.")
        .setConditions(List.of("Coronavirus"))
        .setKeywords(List.of("exosomes", "mesenchymal stem cells", "aerosol inhalation"))
        .setInterventions(List.of(Intervention.newBuilder()
            .setType("BIOLOGICAL")
            .setName("MSCs-derived exosomes")
            .setDescription("5 times aerosol inhalation of MSCs-derived exosomes (2.0*10^8 nano vesicles/3 ml"
                + " at Day 1, Day 2, Day 3, Day 4, Day 5)")
            .setArmGroupLabels(List.of("Experimental"))
            .build()))
        .setArms(List.of(Arm.newBuilder().setLabel("Experimental").setType("EXPERIMENTAL")
            .setInterventionNames(List.of("Biological: MSCs-derived exosomes")).build()))
        .setOutcomes(List.of("Adverse reaction (AE) and severe adverse reaction (SAE)", "Time to clinical improvement"))
        .setPhases(List.of("PHASE1"))
        .setStatus("RECRUITING")
        .setStudyType("INTERVENTIONAL")
        .setEnrollment(24)
        .setEnrollmentType("ESTIMATED")
        .setFirstPosted("2020-02-19")
        .setLastUpdatePosted("2020-03-04")
        .setStartDate("2020-02-15")
        .setLeadSponsor("Ruijin Hospital")
        .setCollaborators(List.of("Shanghai Public Health Clinical Center"))
        .setCountries(List.of("China"))
        .setSourceUrl("https://clinicaltrials.gov/study/" + nctId)
        .setFetchedAt(FETCHED)
        .setContentHash("3b5d5c3712955042212316173ccf37be800000000000000000000000000000aa")
        .setSourcePayload("{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"" + nctId + "\"}}}");
  }

  /** A reference by PMID only, as ClinicalTrials.gov lists them. */
  public static Reference pmidReference(final String pmid) {
    return Reference.newBuilder().setPmid(pmid).setType("BACKGROUND")
        .setCitation("Example citation. PMID: " + pmid).build();
  }

  /** A secondary id, typed as the registry states it. */
  public static SecondaryId secondaryId(final String id, final String type) {
    return SecondaryId.newBuilder().setId(id).setType(type).build();
  }

  /** A PubMed article with a DOI and PMID, keyed by DOI. */
  public static ArticleRecord.Builder article() {
    return ArticleRecord.newBuilder()
        .setId(DOI_KEY)
        .setSource("PUBMED")
        .setDoi(DOI)
        .setPmid(PMID)
        .setTitle("Extracellular vesicles derived from mesenchymal stromal cells: a therapeutic option in"
            + " respiratory diseases?")
        .setAbstractText("Mesenchymal stromal cell-derived extracellular vesicles (MSC-EVs) are being studied in"
            + " acute respiratory distress syndrome and bronchopulmonary dysplasia.")
        .setJournal("Bone Marrow Transplantation")
        .setPublicationDate("2019-08-20")
        .setAuthors(List.of("Example A", "Example B"))
        .setPublicationTypes(List.of("Review"))
        .setSourceUrl("https://pubmed.ncbi.nlm.nih.gov/" + PMID + "/")
        .setFetchedAt(FETCHED)
        .setContentHash("aa00000000000000000000000000000000000000000000000000000000000001");
  }
}
