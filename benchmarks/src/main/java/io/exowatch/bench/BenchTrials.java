package io.exowatch.bench;

import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic, varied trial registrations from a fixed seed, for the enrich benchmark: about 3.8 KB each
 * (registry content plus a source payload); one in five an MSC-exosome trial with a reference and an
 * id in another registry.
 */
final class BenchTrials {

  private static final String[] TISSUES = {"umbilical cord", "adipose tissue", "bone marrow", "Wharton's jelly",
    "placenta", "dental pulp", "menstrual blood"};
  private static final String[] CONDITIONS = {"Acute Respiratory Distress Syndrome", "COVID-19 Pneumonia",
    "Knee Osteoarthritis", "Diabetic Foot Ulcer", "Dry Eye Disease", "Ischemic Stroke", "Crohn's Disease",
    "Bronchopulmonary Dysplasia", "Liver Cirrhosis", "Alzheimer Disease", "Psoriasis", "Type 2 Diabetes"};
  private static final String[] ROUTES = {"aerosol inhalation", "intravenous infusion", "intra-articular injection",
    "eye drops", "topical gel", "nasal drip", "intrathecal injection"};
  private static final String[] DRUGS = {"Metformin", "Placebo", "Dexamethasone", "Hyaluronic Acid",
    "Standard of care", "Saline", "Atorvastatin", "Pembrolizumab"};
  private static final String[] STATUSES = {"RECRUITING", "NOT_YET_RECRUITING", "COMPLETED",
    "ACTIVE_NOT_RECRUITING", "UNKNOWN", "WITHDRAWN"};
  private static final String[] PHASES = {"PHASE1", "PHASE2", "PHASE3", "EARLY_PHASE1", "NA"};
  private static final String[] COUNTRIES = {"China", "Iran, Islamic Republic of", "United States", "Spain",
    "Indonesia", "Russian Federation", "Turkey", "France", "Egypt"};
  private static final String[] SPONSORS = {"Ruijin Hospital", "Tehran University of Medical Sciences",
    "Direct Biologics, LLC", "Royan Institute", "Fudan University", "Cairo University", "Mayo Clinic"};
  private static final String FILLER = "Participants are followed for adverse events, laboratory values and"
      + " clinical scores at baseline, week 1, week 4, week 12 and week 24; the data safety monitoring board"
      + " reviews unblinded safety data after each cohort. ";

  private final Random random;

  BenchTrials(final long seed) {
    random = new Random(seed);
  }

  List<TrialRecord> make(final int n) {
    final List<TrialRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(trial(i));
    }
    return out;
  }

  private String pick(final String[] pool) {
    return pool[random.nextInt(pool.length)];
  }

  private TrialRecord trial(final int i) {
    final String id = String.format(Locale.ROOT, "NCT%08d", 10_000_000 + i);
    final boolean exosome = i % 5 == 0;
    final String condition = pick(CONDITIONS);
    final String tissue = pick(TISSUES);
    final String route = pick(ROUTES);
    final String product = exosome
        ? "exosomes derived from " + tissue + " mesenchymal stem cells (MSC-Exos)"
        : pick(DRUGS);
    final String title = (exosome ? "Safety and Efficacy of " + route + " of " : "A Study of ") + product
        + " in Patients With " + condition;
    final StringBuilder description = new StringBuilder("This is a randomized, controlled study of ")
        .append(product).append(" given by ").append(route).append(" to adults with ").append(condition)
        .append(". ");
    while (description.length() < 1200) {
      description.append(FILLER);
    }
    final List<SecondaryId> secondary = new ArrayList<>();
    secondary.add(new SecondaryId("PROTO-" + i, "OTHER", null));
    if (exosome) {
      secondary.add(new SecondaryId(String.format(Locale.ROOT, "ChiCTR2%09d", i), "REGISTRY", "CHICTR"));
    }
    final List<Reference> references = exosome
        ? List.of(new Reference(Integer.toString(30_000_000 + i), null, "Author A, et al. " + title + ".", "RESULT"))
        : List.of();
    final String status = pick(STATUSES);
    final String payload = "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"" + id
        + "\",\"briefTitle\":\"" + title + "\"},\"descriptionModule\":{\"detailedDescription\":\""
        + description + "\"},\"statusModule\":{\"overallStatus\":\"" + status + "\"}}}";
    return TrialRecord.newBuilder()
        .setRegistry("CTGOV")
        .setRegistryId(id)
        .setSecondaryIds(secondary)
        .setBriefTitle(title)
        .setOfficialTitle("A Phase " + (1 + random.nextInt(3)) + ", Multicentre Trial: " + title)
        .setBriefSummary("The study evaluates " + product + " in " + condition.toLowerCase(Locale.ROOT) + ".")
        .setDetailedDescription(description.toString())
        .setConditions(List.of(condition))
        .setKeywords(exosome ? List.of("exosome", "mesenchymal stem cell", tissue) : List.of(condition))
        .setInterventions(List.of(
            new Intervention(exosome ? "BIOLOGICAL" : "DRUG", product, "Given by " + route + " on days 1, 3 and 5.",
                List.of(), List.of("Experimental")),
            new Intervention("OTHER", "Placebo", "Matching placebo.", List.of(), List.of("Control"))))
        .setArms(List.of(
            new Arm("Experimental", "EXPERIMENTAL", "Receives " + product, List.of(product)),
            new Arm("Control", "PLACEBO_COMPARATOR", "Receives placebo", List.of("Placebo"))))
        .setOutcomes(List.of("Incidence of treatment-emergent adverse events", "Change in "
            + condition + " severity score from baseline to week 12"))
        .setPhases(List.of(pick(PHASES)))
        .setStatus(status)
        .setStudyType("INTERVENTIONAL")
        .setEnrollment(20 + random.nextInt(400))
        .setEnrollmentType("ESTIMATED")
        .setFirstPosted("2023-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10))
        .setLastUpdatePosted("2025-0" + (1 + random.nextInt(9)) + "-2" + random.nextInt(8))
        .setStartDate("2023-10")
        .setLeadSponsor(pick(SPONSORS))
        .setCountries(List.of(pick(COUNTRIES)))
        .setReferences(references)
        .setSourceUrl("https://clinicaltrials.gov/study/" + id)
        .setFetchedAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i))
        .setContentHash(Integer.toHexString(title.hashCode()) + Integer.toHexString(i))
        .setSourcePayload(payload)
        .build();
  }
}
