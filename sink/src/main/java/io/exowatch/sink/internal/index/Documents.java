package io.exowatch.sink.internal.index;

import io.exowatch.schemas.avro.ArticleLink;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns enriched Avro records into the OpenSearch documents of {@code trials-mappings.json} and
 * {@code articles-mappings.json}. Text is copied as is (it is escaped by whoever renders it); dates
 * are passed through trimmed, since the mapping reads ISO dates and the partial forms
 * {@code yyyy-MM} and {@code yyyy}: a date in any other shape breaks the record contract and is
 * rejected by OpenSearch, which sends the record to the dead-letter topic with the reason.
 *
 * <p>Cross-registry identity: every trial document has {@code canonicalId} (the record's, or the
 * trial's own id when the record has none) and {@code registrations} (its own id, then its
 * {@code sameAs} ids), so search can collapse the registrations of one real trial into one hit.
 */
public final class Documents {

  private static final Pattern YEAR = Pattern.compile("^(\\d{4})(?:-|$)");

  private Documents() {}

  /** The document of an enriched trial, with the Kafka position it was read from. */
  public static Map<String, Object> trial(final EnrichedTrial value, final int partition, final long offset) {
    final TrialRecord t = value.getTrial();
    final Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", t.getRegistryId());
    d.put("registry", t.getRegistry());
    d.put("registryId", t.getRegistryId());
    d.put("secondaryIds", map(t.getSecondaryIds(), SecondaryId::getId));
    d.put("title", firstNonBlank(t.getBriefTitle(), t.getOfficialTitle(), t.getRegistryId()));
    put(d, "officialTitle", t.getOfficialTitle());
    put(d, "acronym", t.getAcronym());
    put(d, "summary", t.getBriefSummary());
    put(d, "description", t.getDetailedDescription());
    d.put("conditions", t.getConditions());
    d.put("keywords", t.getKeywords());
    d.put("interventions", map(t.getInterventions(), Intervention::getName));
    d.put("interventionDescriptions", nonNull(map(t.getInterventions(), Intervention::getDescription)));
    d.put("arms", nonNull(map(t.getArms(), Documents::armText)));
    d.put("outcomes", t.getOutcomes());
    d.put("phasesRaw", t.getPhases());
    put(d, "statusRaw", t.getStatus());
    put(d, "whyStopped", t.getWhyStopped());
    put(d, "studyType", t.getStudyType());
    put(d, "enrollment", t.getEnrollment());
    put(d, "enrollmentType", t.getEnrollmentType());
    put(d, "firstPosted", date(t.getFirstPosted()));
    put(d, "lastUpdate", date(t.getLastUpdatePosted()));
    put(d, "startDate", date(t.getStartDate()));
    put(d, "startYear", year(t.getStartDate()));
    put(d, "primaryCompletionDate", date(t.getPrimaryCompletionDate()));
    put(d, "completionDate", date(t.getCompletionDate()));
    put(d, "sponsor", t.getLeadSponsor());
    d.put("collaborators", t.getCollaborators());
    d.put("countries", t.getCountries());
    d.put("referenceIds", referenceIds(t.getReferences()));
    put(d, "sourceUrl", t.getSourceUrl());
    put(d, "fetchedAt", millis(t.getFetchedAt()));
    put(d, "contentHash", t.getContentHash());
    classification(d, value.getClassification(), true);
    d.put("linkedArticles", map(value.getLinkedArticles(), Documents::link));
    d.put("sameAs", value.getSameAs());
    d.put("canonicalId", canonicalId(t.getRegistryId(), value.getCanonicalId()));
    d.put("registrations", registrations(t.getRegistryId(), value.getSameAs()));
    put(d, "enrichedAt", millis(value.getEnrichedAt()));
    d.put("kafka", Map.of("partition", partition, "offset", offset));
    return d;
  }

  /** The document of an enriched article, with the Kafka position it was read from. */
  public static Map<String, Object> article(final EnrichedArticle value, final int partition, final long offset) {
    final ArticleRecord a = value.getArticle();
    final Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", a.getId());
    d.put("source", a.getSource());
    put(d, "doi", a.getDoi());
    put(d, "pmid", a.getPmid());
    put(d, "pmcid", a.getPmcid());
    d.put("title", firstNonBlank(a.getTitle(), a.getId()));
    put(d, "abstract", a.getAbstractText());
    put(d, "journal", a.getJournal());
    put(d, "publicationDate", date(a.getPublicationDate()));
    put(d, "publicationYear", year(a.getPublicationDate()));
    d.put("authors", a.getAuthors());
    d.put("keywords", a.getKeywords());
    d.put("meshTerms", a.getMeshTerms());
    d.put("publicationTypes", a.getPublicationTypes());
    d.put("languages", a.getLanguages());
    d.put("trialIds", a.getTrialIds());
    put(d, "sourceUrl", a.getSourceUrl());
    put(d, "fetchedAt", millis(a.getFetchedAt()));
    put(d, "contentHash", a.getContentHash());
    classification(d, value.getClassification(), false);
    final Classification c = value.getClassification();
    put(d, "studyKind", c.getStudyKind() == null ? null : c.getStudyKind().name());
    d.put("linkedTrialIds", value.getLinkedTrialIds());
    put(d, "enrichedAt", millis(value.getEnrichedAt()));
    d.put("kafka", Map.of("partition", partition, "offset", offset));
    return d;
  }

  private static void classification(final Map<String, Object> d, final Classification c, final boolean trial) {
    d.put("category", c.getCategory().name());
    d.put("confidence", c.getConfidence());
    d.put("applications", names(c.getApplications()));
    d.put("mscSources", names(c.getMscSources()));
    d.put("productTypes", names(c.getProductTypes()));
    d.put("routes", names(c.getRoutes()));
    put(d, "cargo", c.getCargo() == null ? null : c.getCargo().name());
    put(d, "cargoDetail", c.getCargoDetail());
    d.put("conditionAreas", names(c.getConditionAreas()));
    if (trial) {
      // Trials carry a normalised phase and status; for articles they mean nothing.
      d.put("phase", c.getPhase().name());
      d.put("status", c.getStatus().name());
    }
    d.put("mentionedTrialIds", c.getMentionedTrialIds());
    d.put("evidence", map(c.getEvidence(), Documents::evidence));
    d.put("classifierVersion", c.getClassifierVersion());
  }

  /** The id the registrations of one real trial share: {@code canonicalId} when given, else the trial's own {@code id}. */
  public static String canonicalId(final String id, final String canonicalId) {
    return canonicalId == null || canonicalId.isBlank() ? id : canonicalId.strip();
  }

  /** The trial's own {@code id} followed by its {@code sameAs} ids, without repeats or blanks. */
  public static List<String> registrations(final String id, final List<String> sameAs) {
    final Set<String> ids = new LinkedHashSet<>();
    ids.add(id);
    for (final String other : sameAs) {
      if (other != null && !other.isBlank()) {
        ids.add(other.strip());
      }
    }
    return new ArrayList<>(ids);
  }

  /** The year of an ISO date ({@code yyyy}, {@code yyyy-MM}, {@code yyyy-MM-dd...}), or {@code null}. */
  static Integer year(final String date) {
    if (date == null) {
      return null;
    }
    final Matcher m = YEAR.matcher(date.trim());
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** A date trimmed, or {@code null} when blank. */
  static String date(final String date) {
    return date == null || date.isBlank() ? null : date.trim();
  }

  private static Map<String, Object> evidence(final Evidence e) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", e.getLabel());
    m.put("field", e.getField());
    m.put("text", e.getText());
    return m;
  }

  private static Map<String, Object> link(final ArticleLink l) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.getId());
    put(m, "title", l.getTitle());
    return m;
  }

  private static String armText(final Arm arm) {
    return arm.getDescription() == null ? arm.getLabel() : arm.getLabel() + ": " + arm.getDescription();
  }

  private static List<String> referenceIds(final List<Reference> refs) {
    final List<String> ids = new ArrayList<>();
    for (final Reference r : refs) {
      if (r.getDoi() != null) {
        ids.add("doi:" + r.getDoi());
      }
      if (r.getPmid() != null) {
        ids.add("pmid:" + r.getPmid());
      }
    }
    return ids;
  }

  private static List<String> names(final List<? extends Enum<?>> values) {
    return map(values, Enum::name);
  }

  private static <A, B> List<B> map(final List<A> in, final Function<A, B> f) {
    final List<B> out = new ArrayList<>(in.size());
    for (final A a : in) {
      out.add(f.apply(a));
    }
    return out;
  }

  private static <A> List<A> nonNull(final List<A> in) {
    in.removeIf(x -> x == null);
    return in;
  }

  private static Long millis(final Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static String firstNonBlank(final String... values) {
    for (final String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static void put(final Map<String, Object> d, final String key, final Object value) {
    if (value != null) {
      d.put(key, value);
    }
  }
}
