package io.exowatch.ingest.ictrp;

import static io.exowatch.ingest.ictrp.IctrpColumn.ACRONYM;
import static io.exowatch.ingest.ictrp.IctrpColumn.BRIDGED_TYPE;
import static io.exowatch.ingest.ictrp.IctrpColumn.BRIDGING_FLAG;
import static io.exowatch.ingest.ictrp.IctrpColumn.CHILDS;
import static io.exowatch.ingest.ictrp.IctrpColumn.CONDITION;
import static io.exowatch.ingest.ictrp.IctrpColumn.COUNTRIES;
import static io.exowatch.ingest.ictrp.IctrpColumn.DATE_ENROLLMENT;
import static io.exowatch.ingest.ictrp.IctrpColumn.INTERVENTION;
import static io.exowatch.ingest.ictrp.IctrpColumn.LAST_REFRESHED_ON;
import static io.exowatch.ingest.ictrp.IctrpColumn.OTHER_RECORDS;
import static io.exowatch.ingest.ictrp.IctrpColumn.PHASE;
import static io.exowatch.ingest.ictrp.IctrpColumn.PRIMARY_OUTCOME;
import static io.exowatch.ingest.ictrp.IctrpColumn.PRIMARY_SPONSOR;
import static io.exowatch.ingest.ictrp.IctrpColumn.PUBLIC_TITLE;
import static io.exowatch.ingest.ictrp.IctrpColumn.RECRUITMENT_STATUS;
import static io.exowatch.ingest.ictrp.IctrpColumn.RESULTS_DATE_COMPLETED;
import static io.exowatch.ingest.ictrp.IctrpColumn.SCIENTIFIC_TITLE;
import static io.exowatch.ingest.ictrp.IctrpColumn.SECONDARY_ID;
import static io.exowatch.ingest.ictrp.IctrpColumn.SECONDARY_OUTCOME;
import static io.exowatch.ingest.ictrp.IctrpColumn.SECONDARY_SPONSOR;
import static io.exowatch.ingest.ictrp.IctrpColumn.SOURCE_REGISTER;
import static io.exowatch.ingest.ictrp.IctrpColumn.STUDY_TYPE;
import static io.exowatch.ingest.ictrp.IctrpColumn.TARGET_SIZE;
import static io.exowatch.ingest.ictrp.IctrpColumn.TRIAL_ID;
import static io.exowatch.ingest.ictrp.IctrpColumn.TYPE_ENROLMENT;
import static io.exowatch.ingest.ictrp.IctrpColumn.WEB_ADDRESS;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.ictrp.internal.CsvLines;
import io.exowatch.ingest.ictrp.internal.InterventionCells;
import io.exowatch.ingest.ictrp.internal.ListCells;
import io.exowatch.ingest.ictrp.internal.ListCells.Breaks;
import io.exowatch.ingest.ictrp.internal.PhaseCells;
import io.exowatch.ingest.ictrp.internal.SecondaryIdCells;
import io.exowatch.ingest.ictrp.internal.SourceRegisters;
import io.exowatch.ingest.ictrp.internal.TargetSizes;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.PlainText;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Maps rows of an ICTRP export to registry-neutral {@link TrialRecord}s. Pure: no I/O, no clock.
 *
 * <p><b>Identity.</b> {@code registryId} is the {@code TrialID} normalised with {@link TrialIds#normalize}
 * ({@code JPRN-jRCT2031210123} becomes {@code jRCT2031210123}, {@code EUCTR2005-002909-23-PT} and
 * {@code EUCTR2011-005852-33-3RD} become {@code 2005-002909-23} and {@code 2011-005852-33},
 * {@code CTIS2023-503456-12-00} becomes {@code 2023-503456-12-00}) and
 * {@code registry} its {@link TrialIds#registryOf registry code}; an id {@link TrialIds} does not know
 * ({@code NL-OMON12345}) is kept as written, with the code of its {@code Source Register}
 * ({@code NL-OMON}, or {@value SourceRegisters#UNKNOWN} without one). The rows of one registration
 * (EU CTR lists a trial once per member state) are parsed together by {@link #parse(List, Instant)}.
 *
 * <p><b>Secondary ids.</b> From {@code Secondary ID} (type {@value #SECONDARY_ID_TYPE}: every registry
 * id in it normalised with its registry, other labels as written), the bridging cells (the bridged
 * registration's id in {@code Bridging flag}: type {@value #BRIDGED_CHILD_TYPE} on a {@code parent} row,
 * {@value #BRIDGED_PARENT_TYPE} on a {@code child} row, else {@value #BRIDGED_ID_TYPE}; {@code Childs}:
 * {@value #BRIDGED_CHILD_TYPE}) and registry ids in {@code other records} ({@value #OTHER_RECORD_TYPE}).
 * A ChiCTR row listing {@code NCT04276987} gives the secondary id {@code NCT04276987} with registry {@code CTGOV}.
 *
 * <p><b>Fields.</b> Public and scientific title, acronym; conditions, interventions (ChiCTR groups as
 * arms), primary then secondary outcomes, secondary sponsors as collaborators and countries split at
 * {@code ;} and line breaks ({@link ListCells}); countries through {@link Countries#canonicalOrAsGiven};
 * phases as stated ({@link PhaseCells}); status and study type as stated; enrollment from
 * {@code Target size} (per-group counts added up); {@code firstPosted} the registration date,
 * {@code lastUpdatePosted} {@code Last Refreshed on}, {@code startDate} {@code Date enrollement},
 * {@code completionDate} {@code results date completed} ({@link IctrpDates}); {@code sourceUrl} the
 * {@code web address} (http and https only). All text is plain ({@code <br>} and entities gone). The
 * payload is the header line and the row(s) as CSV, bounded to {@value #DEFAULT_MAX_PAYLOAD_CHARS}
 * characters by default. A cell the parser cannot read (a date, a size) is left out; only a row
 * without a usable {@code TrialID} fails. Thread-safe.
 */
public final class IctrpRowParser {

  /** Type of ids from the {@code Secondary ID} cell. */
  public static final String SECONDARY_ID_TYPE = "SECONDARY_ID";
  /** Type of a bridged registration whose side is not stated. */
  public static final String BRIDGED_ID_TYPE = "BRIDGED";
  /** Type of the parent registration named by a {@code child} row. */
  public static final String BRIDGED_PARENT_TYPE = "BRIDGED_PARENT";
  /** Type of the child registrations named by a {@code parent} row. */
  public static final String BRIDGED_CHILD_TYPE = "BRIDGED_CHILD";
  /** Type of registry ids in the {@code other records} cell. */
  public static final String OTHER_RECORD_TYPE = "OTHER_RECORD";

  /** The longest {@code TrialID} taken as an id. */
  private static final int MAX_ID_CHARS = 64;
  /**
   * EU CTR rows carry the member state ({@code -DE}) or {@code -3RD} for third countries, which
   * {@link TrialIds} does not all take; a {@code CTIS} prefix may precede an EU CT number.
   */
  private static final Pattern EU_ROW_ID = Pattern.compile(
      "(?i)(?:EUCTR|CTIS)((?:19|20)\\d{2}-\\d{6}-\\d{2}(?:-\\d{2})?)(?:-[A-Z0-9]{2,4})?");
  private static final Comparator<IctrpRow> BY_TRIAL_ID = Comparator
      .comparing((IctrpRow r) -> Objects.toString(r.get(TRIAL_ID), "")).thenComparingLong(IctrpRow::number);

  private final int maxPayloadChars;

  /**
   * The default bound of {@code sourcePayload}: 64 Ki characters. Smaller than
   * {@link Payloads#MAX_PAYLOAD_CHARS} so that a record (payload, CJK text at 3 bytes a character, and
   * the mapped fields besides) stays well under Kafka's default 1 MB request size even for a trial
   * merged from many member-state rows.
   */
  public static final int DEFAULT_MAX_PAYLOAD_CHARS = 64 * 1024;

  /** A parser with the default payload bound ({@value #DEFAULT_MAX_PAYLOAD_CHARS} characters). */
  public IctrpRowParser() {
    this(DEFAULT_MAX_PAYLOAD_CHARS);
  }

  /**
   * A parser.
   *
   * @param maxPayloadChars the bound of {@code sourcePayload} in characters, at least 1
   */
  public IctrpRowParser(final int maxPayloadChars) {
    if (maxPayloadChars < 1) {
      throw new IllegalArgumentException("maxPayloadChars must be at least 1, was " + maxPayloadChars);
    }
    this.maxPayloadChars = maxPayloadChars;
  }

  /**
   * Which registration a row is of.
   *
   * @param registry the registry code ({@code CTGOV}, {@code JPRN}, {@code NL-OMON}, ...)
   * @param registryId the normalised id, the key on {@code trials-raw}
   * @param trialId the {@code TrialID} cell as written
   */
  public record Identity(String registry, String registryId, String trialId) {
  }

  /**
   * The registration a row is of, read from {@code TrialID} (and {@code Source Register}) only.
   *
   * @throws ParseException when {@code TrialID} is empty ({@link ParseException.Kind#MISSING_FIELD}) or
   *     not an id: longer than 64 characters, with spaces or markup ({@link ParseException.Kind#UNEXPECTED_CONTENT})
   */
  public static Identity identify(final IctrpRow row) throws ParseException {
    final String raw = row.get(TRIAL_ID);
    if (raw == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "the TrialID cell is empty");
    }
    if (raw.length() > MAX_ID_CHARS || !raw.chars().allMatch(c -> c > ' ' && c != '<' && c != '>' && c != 0x7f)) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT, "TrialID '"
          + (raw.length() > MAX_ID_CHARS ? raw.substring(0, MAX_ID_CHARS) + "..." : raw)
          + "' is not a registration id (longer than " + MAX_ID_CHARS + " characters, spaces or markup)");
    }
    final Matcher eu = EU_ROW_ID.matcher(raw);
    final Optional<String> normalised = TrialIds.normalize(eu.matches() ? eu.group(1) : raw);
    if (normalised.isPresent()) {
      return new Identity(TrialIds.registryOf(normalised.get()), normalised.get(), raw);
    }
    return new Identity(SourceRegisters.code(row.get(SOURCE_REGISTER)), raw, raw);
  }

  /** The record of one row; see {@link #parse(List, Instant)}. */
  public TrialRecord parse(final IctrpRow row, final Instant fetchedAt) throws ParseException {
    return parse(List.of(row), fetchedAt);
  }

  /**
   * The record of one registration from all its rows (EU CTR: one per member state; any order). Rows are
   * taken in {@code TrialID} order ({@code -DE} before {@code -FR}), so the result does not depend on
   * the file's order: single values come from the first row that has them, lists are the union.
   *
   * @param rows the rows, all of the same registration
   * @param fetchedAt when the export was read (not part of the content hash)
   * @return the record, with content hash set
   * @throws ParseException when a row has no usable {@code TrialID}
   * @throws IllegalArgumentException when {@code rows} is empty or holds several registrations
   */
  public TrialRecord parse(final List<IctrpRow> rows, final Instant fetchedAt) throws ParseException {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows");
    }
    final List<IctrpRow> sorted = rows.stream().sorted(BY_TRIAL_ID).toList();
    final Identity identity = identify(sorted.get(0));
    final List<TrialRecord> parts = new ArrayList<>(sorted.size());
    for (final IctrpRow row : sorted) {
      final Identity other = identify(row);
      if (!other.registryId().equals(identity.registryId())) {
        throw new IllegalArgumentException("rows of different registrations: " + identity.registryId() + " and "
            + other.registryId());
      }
      parts.add(map(row, identity, fetchedAt));
    }
    final TrialRecord record = parts.size() == 1 ? parts.get(0) : merge(parts);
    final StringBuilder payload = new StringBuilder(CsvLines.of(sorted.get(0).header().names()));
    for (final IctrpRow row : sorted) {
      payload.append('\n').append(CsvLines.of(row.cells()));
    }
    final Payloads.Bounded bounded = Payloads.bound(payload.toString(), maxPayloadChars);
    record.setFetchedAt(fetchedAt);
    record.setSourcePayload(bounded.text());
    record.setSourcePayloadTruncated(bounded.truncated());
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }

  /** Every field is set: Avro 1.12 refuses to build record-typed defaults of generated classes by name. */
  private static TrialRecord map(final IctrpRow row, final Identity id, final Instant fetchedAt) {
    final SecondaryIdCells secondary = new SecondaryIdCells(id.registryId());
    secondary.addIdsAndLabels(row.get(SECONDARY_ID), SECONDARY_ID_TYPE);
    secondary.addIds(row.get(BRIDGING_FLAG), bridgedIdType(row.get(BRIDGED_TYPE)));
    secondary.addIds(row.get(CHILDS), BRIDGED_CHILD_TYPE);
    secondary.addIds(row.get(OTHER_RECORDS), OTHER_RECORD_TYPE);
    final InterventionCells.Mapped interventions =
        InterventionCells.of(row.get(INTERVENTION), TrialIds.CHICTR.equals(id.registry()));
    return TrialRecord.newBuilder()
        .setRegistry(id.registry())
        .setRegistryId(id.registryId())
        .setSecondaryIds(secondary.toList())
        .setBriefTitle(PlainText.of(row.get(PUBLIC_TITLE)))
        .setOfficialTitle(PlainText.of(row.get(SCIENTIFIC_TITLE)))
        .setAcronym(PlainText.of(row.get(ACRONYM)))
        .setBriefSummary(null)
        .setDetailedDescription(null)
        .setKeywords(List.of())
        .setConditions(ListCells.split(row.get(CONDITION), Breaks.LINES))
        .setInterventions(interventions.interventions())
        .setArms(interventions.arms())
        .setOutcomes(union(ListCells.split(row.get(PRIMARY_OUTCOME), Breaks.PARAGRAPHS),
            ListCells.split(row.get(SECONDARY_OUTCOME), Breaks.PARAGRAPHS)))
        .setPhases(PhaseCells.of(row.get(PHASE)))
        .setStatus(PlainText.of(row.get(RECRUITMENT_STATUS)))
        .setWhyStopped(null)
        .setStudyType(PlainText.of(row.get(STUDY_TYPE)))
        .setEnrollment(TargetSizes.of(row.get(TARGET_SIZE)))
        .setEnrollmentType(enrollmentType(row.get(TYPE_ENROLMENT)))
        .setFirstPosted(IctrpDates.registration(row))
        .setLastUpdatePosted(IctrpDates.parse(row.get(LAST_REFRESHED_ON)))
        .setStartDate(IctrpDates.parse(row.get(DATE_ENROLLMENT)))
        .setPrimaryCompletionDate(null)
        .setCompletionDate(IctrpDates.parse(row.get(RESULTS_DATE_COMPLETED)))
        .setLeadSponsor(PlainText.of(row.get(PRIMARY_SPONSOR)))
        .setCollaborators(ListCells.split(row.get(SECONDARY_SPONSOR), Breaks.LINES))
        .setCountries(countries(row.get(COUNTRIES)))
        .setReferences(List.of())
        .setSourceUrl(url(row.get(WEB_ADDRESS)))
        .setFetchedAt(fetchedAt)
        .setSourcePayload(null)
        .setSourcePayloadTruncated(false)
        .setContentHash("")
        .build();
  }

  /** One record of several: for each field the first non-null value, or for lists the union in order. */
  private static TrialRecord merge(final List<TrialRecord> parts) {
    final TrialRecord out = new TrialRecord();
    for (final Schema.Field field : TrialRecord.getClassSchema().getFields()) {
      final int pos = field.pos();
      if (field.schema().getType() == Schema.Type.ARRAY) {
        final Set<Object> all = new LinkedHashSet<>();
        parts.forEach(p -> all.addAll((List<?>) p.get(pos)));
        out.put(pos, new ArrayList<>(all));
      } else {
        out.put(pos, parts.stream().map(p -> p.get(pos)).filter(Objects::nonNull).findFirst().orElse(null));
      }
    }
    return out;
  }

  private static String bridgedIdType(final String bridgedType) {
    final String side = bridgedType == null ? "" : bridgedType.strip().toLowerCase(Locale.ROOT);
    return switch (side) {
      case "parent" -> BRIDGED_CHILD_TYPE;
      case "child" -> BRIDGED_PARENT_TYPE;
      default -> BRIDGED_ID_TYPE;
    };
  }

  private static String enrollmentType(final String cell) {
    final String t = cell == null ? "" : cell.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("anticipated") || t.startsWith("estimated")) {
      return "ESTIMATED";
    }
    return t.startsWith("actual") ? "ACTUAL" : null;
  }

  private static List<String> countries(final String cell) {
    final Set<String> out = new LinkedHashSet<>();
    for (final String c : ListCells.split(cell, Breaks.LINES)) {
      out.add(Countries.canonicalOrAsGiven(c));
    }
    return new ArrayList<>(out);
  }

  private static List<String> union(final List<String> a, final List<String> b) {
    final Set<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return new ArrayList<>(out);
  }

  private static String url(final String cell) {
    if (cell == null) {
      return null;
    }
    final String s = cell.strip();
    final String lower = s.toLowerCase(Locale.ROOT);
    return (lower.startsWith("https://") || lower.startsWith("http://")) && s.chars().noneMatch(Character::isWhitespace)
        ? s : null;
  }
}
