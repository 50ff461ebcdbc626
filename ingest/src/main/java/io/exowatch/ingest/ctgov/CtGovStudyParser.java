package io.exowatch.ingest.ctgov;

import static io.exowatch.ingest.ctgov.internal.JsonFields.array;
import static io.exowatch.ingest.ctgov.internal.JsonFields.integer;
import static io.exowatch.ingest.ctgov.internal.JsonFields.object;
import static io.exowatch.ingest.ctgov.internal.JsonFields.text;
import static io.exowatch.ingest.ctgov.internal.JsonFields.texts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.ctgov.internal.MarkdownText;
import io.exowatch.ingest.ctgov.internal.StudyDocument;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps ClinicalTrials.gov API v2 studies ({@code /api/v2/studies} and {@code /api/v2/studies/{nctId}})
 * to registry-neutral {@link TrialRecord}s. Pure: no I/O, no clock; the caller says when it fetched.
 *
 * <p>Every module the record model holds is read; any module or field may be missing (the API returns
 * field-filtered, sparse studies). A field of the wrong JSON type fails that study with a
 * {@link CtGovParseException} naming the field path. Free text loses the API's markdown escapes
 * ({@code \>}, {@code \*}, {@code \[} ...). The record gets registry {@value #REGISTRY}, source URL
 * {@value #STUDY_URL_PREFIX}{@code <nctId>}, the study's JSON as {@code sourcePayload} bounded to
 * {@link Payloads#MAX_PAYLOAD_CHARS} characters by default, and its {@link RecordHashes#trialHash content hash}.
 *
 * <p>Where the model has no field of its own: {@code orgStudyIdInfo} becomes the first secondary id
 * with type {@value #ORG_STUDY_ID_TYPE}; secondary ids that are registrations elsewhere (ChiCTR, IRCT,
 * ISRCTN, EudraCT, ACTRN, ...) are normalised ({@code EUCTR2020-001234-56-GB} becomes
 * {@code 2020-001234-56}) and get their registry code; {@code domain} and {@code link} are only used
 * to recognise the registry. Reference DOIs are taken from the citation text. Thread-safe.
 */
public final class CtGovStudyParser {

  /** The registry code of ClinicalTrials.gov records. */
  public static final String REGISTRY = TrialIds.CTGOV;
  /** The public page of a study is this prefix followed by its NCT id. */
  public static final String STUDY_URL_PREFIX = "https://clinicaltrials.gov/study/";
  /** The secondary-id type given to the sponsor's own study id ({@code orgStudyIdInfo}). */
  public static final String ORG_STUDY_ID_TYPE = "ORG_STUDY_ID";

  private static final Pattern NCT_ID = Pattern.compile("NCT\\d{8}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
  private static final DateTimeFormatter LEGACY_MONTH =
      DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter LEGACY_DAY =
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);

  private static final String PROTOCOL = "protocolSection";

  private final ObjectMapper mapper;
  private final int maxPayloadChars;

  /** A parser with a default {@link ObjectMapper} and the default payload bound. */
  public CtGovStudyParser() {
    this(new ObjectMapper(), Payloads.MAX_PAYLOAD_CHARS);
  }

  /**
   * A parser.
   *
   * @param mapper the Jackson mapper used to read bodies and write payloads
   * @param maxPayloadChars the bound of {@code sourcePayload} in characters
   */
  public CtGovStudyParser(final ObjectMapper mapper, final int maxPayloadChars) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    if (maxPayloadChars < 1) {
      throw new IllegalArgumentException("maxPayloadChars must be at least 1, was " + maxPayloadChars);
    }
    this.maxPayloadChars = maxPayloadChars;
  }

  /**
   * Maps one study object.
   *
   * @param study a study as the API returns it ({@code {"protocolSection": {...}, ...}})
   * @param fetchedAt when it was fetched
   * @return the record, with content hash set
   * @throws CtGovParseException when the study has no NCT id or a field has the wrong JSON type
   */
  public TrialRecord parse(final JsonNode study, final Instant fetchedAt) {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (study == null || !study.isObject()) {
      throw new CtGovParseException("Expected a study object but found "
          + (study == null ? "nothing" : study.getNodeType()), study == null ? null : study.toString(), null);
    }
    final String payload;
    try {
      payload = mapper.writeValueAsString(study);
    } catch (final JsonProcessingException e) {
      throw new CtGovParseException("Could not write the study back as JSON", null, e);
    }
    return map(study, payload, fetchedAt);
  }

  /**
   * Maps one study from its JSON text; the text itself (not a re-serialisation) becomes the payload.
   *
   * @param studyJson a study object as the API returns it
   * @param fetchedAt when it was fetched
   * @return the record, with content hash set
   * @throws CtGovParseException when the text is not a JSON object, has no NCT id or a field has the wrong type
   */
  public TrialRecord parse(final String studyJson, final Instant fetchedAt) {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    final StudyDocument doc = readJson(studyJson);
    if (doc.isArray() || doc.hasStudiesField() || doc.scalar() != null) {
      throw new CtGovParseException("Expected a study object but found " + describeShape(doc), studyJson, null);
    }
    return map(doc.fields(), studyJson.strip(), fetchedAt);
  }

  /**
   * Parses a search response {@code {"studies": [...], "nextPageToken": ..., "totalCount": ...}}.
   * A study that cannot be mapped becomes a {@link CtGovPage.Failure}; the others are kept. Each
   * record's payload is its study's text as it appears in the body.
   *
   * @param body the response body
   * @param fetchedAt when it was fetched
   * @return the parsed page
   * @throws CtGovParseException when the body is not JSON or not a search response (e.g. an HTML or
   *     text error page); the message holds an excerpt of the body
   */
  public CtGovPage parsePage(final String body, final Instant fetchedAt) {
    final StudyDocument doc = readJson(body);
    if (!doc.hasStudiesField()) {
      throw new CtGovParseException("Expected a ClinicalTrials.gov search response {\"studies\": [...]} but found "
          + describeShape(doc), body, null);
    }
    return studiesOf(doc, body, fetchedAt);
  }

  /**
   * Reads any of the three shapes a user may hand in: a search response {@code {"studies": [...]}},
   * one study object {@code {"protocolSection": ...}}, or a JSON array of study objects.
   *
   * @param body the JSON text
   * @param fetchedAt the time to stamp on the records
   * @return the parsed studies; paging fields only for a search response
   * @throws CtGovParseException when the body is not JSON or none of the three shapes
   */
  public CtGovPage readStudies(final String body, final Instant fetchedAt) {
    final StudyDocument doc = readJson(body);
    if (doc.hasStudiesField()) {
      return studiesOf(doc, body, fetchedAt);
    }
    if (doc.isArray()) {
      return collect(doc.studies(), fetchedAt, null, null);
    }
    if (doc.fields().has(PROTOCOL)) {
      return collect(List.of(new StudyDocument.Element(doc.fields(), body.strip())), fetchedAt, null, null);
    }
    throw new CtGovParseException("Expected a search response {\"studies\": [...]}, a study object "
        + "{\"protocolSection\": ...} or an array of studies but found " + describeShape(doc), body, null);
  }

  private CtGovPage studiesOf(final StudyDocument doc, final String body, final Instant fetchedAt) {
    if (doc.studies() == null) {
      final JsonNode studies = doc.fields().get("studies");
      throw new CtGovParseException("Expected an array at studies but found "
          + (studies == null ? "null" : studies.getNodeType()), body, null);
    }
    final String next = text(doc.fields(), "nextPageToken", "");
    final Integer total = integer(doc.fields(), "totalCount", "");
    return collect(doc.studies(), fetchedAt, next, total);
  }

  private CtGovPage collect(final List<StudyDocument.Element> studies, final Instant fetchedAt, final String next,
      final Integer total) {
    final List<TrialRecord> records = new ArrayList<>(studies.size());
    final List<CtGovPage.Failure> failures = new ArrayList<>();
    for (int i = 0; i < studies.size(); i++) {
      final StudyDocument.Element study = studies.get(i);
      try {
        if (!study.node().isObject()) {
          throw new CtGovParseException("Expected a study object but found " + study.node().getNodeType());
        }
        records.add(map(study.node(), study.text(), fetchedAt));
      } catch (final CtGovParseException e) {
        failures.add(new CtGovPage.Failure(i, nctIdOf(study.node()), e.reason(), study.text()));
      }
    }
    return new CtGovPage(records, failures, next, total);
  }

  private StudyDocument readJson(final String body) {
    if (body == null || body.isBlank()) {
      throw new CtGovParseException("Expected ClinicalTrials.gov JSON but the body is empty");
    }
    final String start = body.stripLeading();
    if (start.startsWith("<")) {
      throw new CtGovParseException("Expected ClinicalTrials.gov JSON but the body looks like HTML or XML", body, null);
    }
    try {
      return StudyDocument.read(mapper, body);
    } catch (final JsonProcessingException e) {
      throw new CtGovParseException("Expected ClinicalTrials.gov JSON but the body is not JSON ("
          + e.getOriginalMessage() + ")", body, e);
    } catch (final IOException e) {
      throw new CtGovParseException("Expected ClinicalTrials.gov JSON but the body is not JSON ("
          + e.getMessage() + ")", body, e);
    }
  }

  private static String describeShape(final StudyDocument doc) {
    if (doc.isArray()) {
      return "a JSON array";
    }
    if (doc.scalar() != null) {
      return "a JSON " + doc.scalar().getNodeType().name().toLowerCase(Locale.ROOT);
    }
    final List<String> names = new ArrayList<>();
    doc.fields().fieldNames().forEachRemaining(names::add);
    return "an object with fields " + (names.size() > 10 ? names.subList(0, 10) + "..." : names);
  }

  private static String nctIdOf(final JsonNode study) {
    final JsonNode id = study.path(PROTOCOL).path("identificationModule").path("nctId");
    return id.isTextual() && !id.asText().isBlank() ? id.asText().strip() : null;
  }

  private TrialRecord map(final JsonNode study, final String payload, final Instant fetchedAt) {
    final JsonNode protocol = object(study, PROTOCOL, "");
    if (protocol.isMissingNode()) {
      throw new CtGovParseException("Missing protocolSection in the study");
    }
    final String p = PROTOCOL;
    final JsonNode ident = object(protocol, "identificationModule", p);
    final String identPath = p + ".identificationModule";
    final String nctId = text(ident, "nctId", identPath);
    if (nctId == null) {
      throw new CtGovParseException("Missing " + identPath + ".nctId");
    }
    if (!NCT_ID.matcher(nctId.strip()).matches()) {
      throw new CtGovParseException("Not an NCT id at " + identPath + ".nctId: '" + nctId + "'");
    }
    final TrialRecord.Builder b = TrialRecord.newBuilder()
        .setRegistry(REGISTRY)
        .setRegistryId(nctId.strip())
        .setSecondaryIds(secondaryIds(ident, identPath))
        .setBriefTitle(free(text(ident, "briefTitle", identPath)))
        .setOfficialTitle(free(text(ident, "officialTitle", identPath)))
        .setAcronym(free(text(ident, "acronym", identPath)));

    final JsonNode status = object(protocol, "statusModule", p);
    final String statusPath = p + ".statusModule";
    b.setStatus(text(status, "overallStatus", statusPath))
        .setWhyStopped(free(text(status, "whyStopped", statusPath)))
        .setStartDate(date(status, "startDateStruct", statusPath))
        .setPrimaryCompletionDate(date(status, "primaryCompletionDateStruct", statusPath))
        .setCompletionDate(date(status, "completionDateStruct", statusPath))
        .setFirstPosted(date(status, "studyFirstPostDateStruct", statusPath))
        .setLastUpdatePosted(date(status, "lastUpdatePostDateStruct", statusPath));

    final JsonNode sponsors = object(protocol, "sponsorCollaboratorsModule", p);
    final String sponsorsPath = p + ".sponsorCollaboratorsModule";
    b.setLeadSponsor(free(text(object(sponsors, "leadSponsor", sponsorsPath), "name",
        sponsorsPath + ".leadSponsor")));
    final List<String> collaborators = new ArrayList<>();
    final List<JsonNode> collabNodes = array(sponsors, "collaborators", sponsorsPath);
    for (int i = 0; i < collabNodes.size(); i++) {
      final String name = free(text(collabNodes.get(i), "name", sponsorsPath + ".collaborators[" + i + "]"));
      if (name != null) {
        collaborators.add(name);
      }
    }
    b.setCollaborators(collaborators);

    final JsonNode description = object(protocol, "descriptionModule", p);
    final String descriptionPath = p + ".descriptionModule";
    b.setBriefSummary(free(text(description, "briefSummary", descriptionPath)))
        .setDetailedDescription(free(text(description, "detailedDescription", descriptionPath)));

    final JsonNode conditions = object(protocol, "conditionsModule", p);
    final String conditionsPath = p + ".conditionsModule";
    b.setConditions(freeAll(texts(conditions, "conditions", conditionsPath)))
        .setKeywords(freeAll(texts(conditions, "keywords", conditionsPath)));

    final JsonNode design = object(protocol, "designModule", p);
    final String designPath = p + ".designModule";
    final JsonNode enrollment = object(design, "enrollmentInfo", designPath);
    b.setStudyType(text(design, "studyType", designPath))
        .setPhases(texts(design, "phases", designPath))
        .setEnrollment(integer(enrollment, "count", designPath + ".enrollmentInfo"))
        .setEnrollmentType(text(enrollment, "type", designPath + ".enrollmentInfo"));

    final JsonNode arms = object(protocol, "armsInterventionsModule", p);
    final String armsPath = p + ".armsInterventionsModule";
    b.setArms(arms(arms, armsPath)).setInterventions(interventions(arms, armsPath));

    final JsonNode outcomes = object(protocol, "outcomesModule", p);
    final String outcomesPath = p + ".outcomesModule";
    final List<String> measures = new ArrayList<>();
    for (final String kind : List.of("primaryOutcomes", "secondaryOutcomes")) {
      final List<JsonNode> list = array(outcomes, kind, outcomesPath);
      for (int i = 0; i < list.size(); i++) {
        final String measure = free(text(list.get(i), "measure", outcomesPath + "." + kind + "[" + i + "]"));
        if (measure != null) {
          measures.add(measure);
        }
      }
    }
    b.setOutcomes(measures);

    final JsonNode contacts = object(protocol, "contactsLocationsModule", p);
    final String contactsPath = p + ".contactsLocationsModule";
    final Set<String> countries = new LinkedHashSet<>();
    final List<JsonNode> locations = array(contacts, "locations", contactsPath);
    for (int i = 0; i < locations.size(); i++) {
      final String country = text(locations.get(i), "country", contactsPath + ".locations[" + i + "]");
      if (country != null) {
        countries.add(Countries.canonicalOrAsGiven(country));
      }
    }
    b.setCountries(new ArrayList<>(countries));

    b.setReferences(references(object(protocol, "referencesModule", p), p + ".referencesModule"));

    final Payloads.Bounded bounded = Payloads.bound(payload, maxPayloadChars);
    b.setSourceUrl(STUDY_URL_PREFIX + nctId.strip())
        .setFetchedAt(fetchedAt)
        .setSourcePayload(bounded.text())
        .setSourcePayloadTruncated(bounded.truncated())
        .setContentHash("");
    final TrialRecord record = b.build();
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }

  private static List<SecondaryId> secondaryIds(final JsonNode ident, final String identPath) {
    final List<SecondaryId> out = new ArrayList<>();
    final JsonNode org = object(ident, "orgStudyIdInfo", identPath);
    final String orgId = text(org, "id", identPath + ".orgStudyIdInfo");
    if (orgId != null) {
      out.add(secondaryId(orgId.strip(), ORG_STUDY_ID_TYPE, null, null));
    }
    final List<JsonNode> infos = array(ident, "secondaryIdInfos", identPath);
    for (int i = 0; i < infos.size(); i++) {
      final String path = identPath + ".secondaryIdInfos[" + i + "]";
      final JsonNode info = infos.get(i);
      final String id = text(info, "id", path);
      if (id != null) {
        out.add(secondaryId(id.strip(), text(info, "type", path), text(info, "domain", path),
            text(info, "link", path)));
      }
    }
    return out;
  }

  /** A secondary id; when it names a registration elsewhere, normalised and with its registry. */
  private static SecondaryId secondaryId(final String id, final String type, final String domain,
      final String link) {
    Optional<String> normalised = TrialIds.normalize(id);
    if (normalised.isEmpty() && domain != null) {
      // Some sponsors put the registry in the domain and only the number in the id.
      normalised = TrialIds.normalize(registryPrefix(domain) + id);
    }
    if (normalised.isEmpty() && link != null) {
      normalised = TrialIds.find(link).stream().findFirst();
    }
    if (normalised.isPresent()) {
      return new SecondaryId(normalised.get(), type, TrialIds.registryOf(normalised.get()));
    }
    return new SecondaryId(id, type, null);
  }

  private static String registryPrefix(final String domain) {
    final String d = domain.toLowerCase(Locale.ROOT);
    if (d.contains("chictr") || d.contains("chinese clinical trial")) {
      return "ChiCTR";
    } else if (d.contains("isrctn")) {
      return "ISRCTN";
    } else if (d.contains("anzctr") || d.contains("australian new zealand")) {
      return "ACTRN";
    } else if (d.contains("drks") || d.contains("german clinical trials")) {
      return "DRKS";
    }
    return "";
  }

  private static List<Arm> arms(final JsonNode module, final String modulePath) {
    final List<JsonNode> groups = array(module, "armGroups", modulePath);
    final List<Arm> out = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      final String path = modulePath + ".armGroups[" + i + "]";
      final JsonNode g = groups.get(i);
      final String label = free(text(g, "label", path));
      out.add(Arm.newBuilder()
          .setLabel(label == null ? "" : label)
          .setType(text(g, "type", path))
          .setDescription(free(text(g, "description", path)))
          .setInterventionNames(freeAll(texts(g, "interventionNames", path)))
          .build());
    }
    return out;
  }

  private static List<Intervention> interventions(final JsonNode module, final String modulePath) {
    final List<JsonNode> items = array(module, "interventions", modulePath);
    final List<Intervention> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      final String path = modulePath + ".interventions[" + i + "]";
      final JsonNode item = items.get(i);
      final String name = free(text(item, "name", path));
      out.add(Intervention.newBuilder()
          .setType(text(item, "type", path))
          .setName(name == null ? "" : name)
          .setDescription(free(text(item, "description", path)))
          .setOtherNames(freeAll(texts(item, "otherNames", path)))
          .setArmGroupLabels(freeAll(texts(item, "armGroupLabels", path)))
          .build());
    }
    return out;
  }

  private static List<Reference> references(final JsonNode module, final String modulePath) {
    final List<JsonNode> items = array(module, "references", modulePath);
    final List<Reference> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      final String path = modulePath + ".references[" + i + "]";
      final JsonNode item = items.get(i);
      final String citation = free(text(item, "citation", path));
      final String pmid = text(item, "pmid", path);
      out.add(Reference.newBuilder()
          .setPmid(pmid == null ? null : pmid.strip())
          .setDoi(doiIn(citation))
          .setCitation(citation)
          .setType(text(item, "type", path))
          .build());
    }
    return out;
  }

  /**
   * The first DOI in a citation, without a {@code doi:} or {@code https://doi.org/} prefix and without
   * trailing sentence punctuation, or {@code null}. A DOI is {@code 10.} with 4 to 9 digits, a slash
   * and a suffix up to white space; unless prefixed it may not be glued to a word before it.
   */
  static String doiIn(final String citation) {
    if (citation == null) {
      return null;
    }
    final int n = citation.length();
    int from = 0;
    while (true) {
      final int i = citation.indexOf("10.", from);
      if (i < 0) {
        return null;
      }
      from = i + 3;
      final char before = i > 0 ? citation.charAt(i - 1) : ' ';
      if ((Character.isLetterOrDigit(before) || before == '.' || before == '/' || before == '_')
          && !prefixedByDoi(citation, i)) {
        continue;
      }
      int j = i + 3;
      while (j < n && j - i - 3 < 10 && Character.isDigit(citation.charAt(j))) {
        j++;
      }
      final int digits = j - i - 3;
      if (digits < 4 || digits > 9 || j >= n || citation.charAt(j) != '/') {
        continue;
      }
      int k = j + 1;
      while (k < n && !Character.isWhitespace(citation.charAt(k)) && "\"<>".indexOf(citation.charAt(k)) < 0) {
        k++;
      }
      String doi = citation.substring(i, k);
      while (!doi.isEmpty() && ".,;:".indexOf(doi.charAt(doi.length() - 1)) >= 0
          || doi.endsWith(")") && count(doi, '(') < count(doi, ')')
          || doi.endsWith("]") && count(doi, '[') < count(doi, ']')) {
        doi = doi.substring(0, doi.length() - 1);
      }
      if (doi.length() > j - i + 1) {
        return doi;
      }
    }
  }

  /** Whether {@code doi:} (and white space) or {@code doi.org/} comes right before index {@code i}. */
  private static boolean prefixedByDoi(final String s, final int i) {
    if (s.regionMatches(true, Math.max(0, i - 8), "doi.org/", 0, 8) && i >= 8) {
      return true;
    }
    int k = i;
    while (k > 0 && Character.isWhitespace(s.charAt(k - 1))) {
      k--;
    }
    return k >= 4 && s.regionMatches(true, k - 4, "doi:", 0, 4);
  }

  private static int count(final String s, final char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** The {@code date} of a date struct as ISO-8601 (possibly partial), or {@code null}. */
  private static String date(final JsonNode status, final String structName, final String statusPath) {
    final String path = statusPath + "." + structName;
    final String raw = text(object(status, structName, statusPath), "date", path);
    if (raw == null) {
      return null;
    }
    final String d = raw.strip();
    if (ISO_DATE.matcher(d).matches()) {
      return d;
    }
    // The classic API wrote "March 2020" / "March 5, 2020"; accept it from old saved bodies.
    try {
      return LocalDate.parse(d, LEGACY_DAY).toString();
    } catch (final DateTimeParseException notADay) {
      try {
        return YearMonth.parse(d, LEGACY_MONTH).toString();
      } catch (final DateTimeParseException notAMonth) {
        throw new CtGovParseException("Not a date at " + path + ".date: '" + d + "'");
      }
    }
  }

  private static String free(final String text) {
    return text == null ? null : MarkdownText.unescape(text.strip());
  }

  private static List<String> freeAll(final List<String> texts) {
    final List<String> out = new ArrayList<>(texts.size());
    for (final String t : texts) {
      out.add(free(t));
    }
    return out;
  }
}
