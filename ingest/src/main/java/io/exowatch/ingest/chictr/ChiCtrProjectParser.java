package io.exowatch.ingest.chictr;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.chictr.internal.ChiCtrDates;
import io.exowatch.ingest.chictr.internal.LabelledCells;
import io.exowatch.ingest.chictr.internal.NestedTables;
import io.exowatch.ingest.chictr.internal.OtherIds;
import io.exowatch.ingest.chictr.internal.PageChecks;
import io.exowatch.ingest.chictr.internal.Withdrawal;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Maps a ChiCTR project page ({@code showproj.html?proj=NNNNNN}) to a registry-neutral
 * {@link TrialRecord}. Pure: no I/O, no clock. Thread-safe.
 *
 * <p>Values are found by their bilingual labels ({@code 注册号：/Registration number：}): the English
 * label first, the Chinese one as the fallback, and a Chinese value wherever the English one is
 * empty, so bilingual, English-only and Chinese-only registrations all map. What goes where:
 * <ul>
 *   <li>{@code registryId}: Registration number / 注册号 ({@code ChiCTR2400084905} or the older
 *       {@code ChiCTR-TRC-12002536}), normalised; required.</li>
 *   <li>{@code secondaryIds}: "The registration number of the Partner Registry or other register" /
 *       在二级注册机构或其它机构的注册号 (type {@value #OTHER_REGISTRY_ID_TYPE}) and Study subject ID /
 *       研究课题代号(代码) (type {@value #STUDY_SUBJECT_ID_TYPE}); a registration id of another registry
 *       gets its normalised spelling and registry code ({@code NCT04313647} / {@code CTGOV}).</li>
 *   <li>{@code briefTitle} Public title / 注册题目, {@code officialTitle} Scientific title /
 *       研究课题的正式科学名称, {@code acronym} English Acronym / 注册题目简写.</li>
 *   <li>{@code status}: Recruiting status / 征募研究对象情况 as stated ({@code Not yet recruiting});
 *       {@value #WITHDRAWN_STATUS} when the title carries ChiCTR's withdrawal mark
 *       ({@code Cancelled by the investigator ...}), the mark going to {@code whyStopped}.</li>
 *   <li>{@code studyType}: Study type / 研究类型 with the Study design / 研究设计 in brackets
 *       ({@code Interventional study (Parallel)}); {@code phases}: Study phase / 研究所处阶段 as stated.</li>
 *   <li>Dates, ISO-8601: {@code firstPosted} Date of Registration / 注册时间, {@code lastUpdatePosted}
 *       Date of Last Refreshed on / 最近更新日期, {@code startDate} and {@code completionDate} the two
 *       ends of Study execute time / 研究实施时间.</li>
 *   <li>{@code leadSponsor} Primary sponsor / 研究实施负责（组长）单位; {@code collaborators} the
 *       institutions of Secondary sponsor / 试验主办单位; {@code countries} the countries of the
 *       secondary sponsors and of the sites / 研究实施地点, canonical English names.</li>
 *   <li>{@code conditions} Target disease / 研究疾病; {@code briefSummary} Objectives of Study /
 *       研究目的; {@code detailedDescription} Description for medicine or protocol of treatment /
 *       药物成份或治疗方案详述.</li>
 *   <li>{@code arms} and {@code interventions} from the intervention groups (Group / 组别,
 *       Intervention / 干预措施); {@code enrollment} the sum of the groups' Sample size / 样本量;
 *       {@code outcomes} the Outcome / 指标中文名 of every outcome.</li>
 * </ul>
 * {@code sourcePayload} is the page with its indentation removed (the real pages are mostly white
 * space), bounded to {@link Payloads#MAX_PAYLOAD_CHARS} characters by default.
 */
public final class ChiCtrProjectParser {

  /** The registry code of ChiCTR records. */
  public static final String REGISTRY = TrialIds.CHICTR;
  /** The secondary-id type of ids listed as registrations elsewhere. */
  public static final String OTHER_REGISTRY_ID_TYPE = "Partner or other registry";
  /** The secondary-id type of the sponsor's own study id. */
  public static final String STUDY_SUBJECT_ID_TYPE = "Study subject ID";
  /** The status of a registration whose title carries the withdrawal mark. */
  public static final String WITHDRAWN_STATUS = "Withdrawn";

  private static final String EXPECTED = "a ChiCTR project page (showproj.html)";
  private static final Pattern INDENTATION = Pattern.compile("[ \\t]*\\r?\\n\\s*");

  private final int maxPayloadChars;

  /** A parser with the default payload bound. */
  public ChiCtrProjectParser() {
    this(Payloads.MAX_PAYLOAD_CHARS);
  }

  /**
   * A parser.
   *
   * @param maxPayloadChars the bound of {@code sourcePayload} in characters, at least 1
   */
  public ChiCtrProjectParser(final int maxPayloadChars) {
    if (maxPayloadChars < 1) {
      throw new IllegalArgumentException("maxPayloadChars must be at least 1, was " + maxPayloadChars);
    }
    this.maxPayloadChars = maxPayloadChars;
  }

  /**
   * Maps one project page.
   *
   * @param html the page
   * @param pageUrl where it was fetched; becomes {@code sourceUrl}
   * @param fetchedAt when it was fetched
   * @return the record, content hash set
   * @throws ChiCtrParseException the body is not a project page (unknown layout, the site's firewall or
   *     error page, not HTML) or it has no ChiCTR registration number
   */
  public TrialRecord parse(final String html, final String pageUrl, final Instant fetchedAt)
      throws ChiCtrParseException {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    PageChecks.requireHtml(html, EXPECTED);
    // The real pages are three quarters indentation; without it they parse several times faster.
    final String page = INDENTATION.matcher(html.strip()).replaceAll("\n");
    final Document doc = Jsoup.parse(page, pageUrl == null ? "" : pageUrl);
    final LabelledCells f = LabelledCells.ofPage(doc);
    if (f.isEmpty()) {
      throw PageChecks.notExpected(doc, page, EXPECTED, "bilingual label cells (td.left_title with p.cn / p.en)");
    }
    final String id = registryId(f);
    // Every list is set: building with a default would make Avro look record classes up by name.
    final TrialRecord.Builder b = TrialRecord.newBuilder().setRegistry(REGISTRY).setRegistryId(id)
        .setKeywords(new ArrayList<>()).setReferences(new ArrayList<>());
    titlesAndStatus(f, b);
    ids(f, id, b);
    design(f, b);
    dates(f, b);
    sponsors(f, b);
    interventions(f, b);
    b.setConditions(listOf(f.text("Target disease", "研究疾病")))
        .setBriefSummary(f.text("Objectives of Study", "研究目的"))
        .setDetailedDescription(
            f.text("Description for medicine or protocol of treatment in detail", "药物成份或治疗方案详述"))
        .setOutcomes(NestedTables.outcomes(f));
    final Payloads.Bounded payload = Payloads.bound(page, maxPayloadChars);
    final TrialRecord record = b.setSourceUrl(pageUrl)
        .setFetchedAt(fetchedAt.truncatedTo(ChronoUnit.MILLIS))
        .setSourcePayload(payload.text())
        .setSourcePayloadTruncated(payload.truncated())
        .setContentHash("")
        .build();
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }

  private static String registryId(final LabelledCells f) throws ChiCtrParseException {
    final String raw = f.text("Registration number", "注册号");
    if (raw == null) {
      throw new ChiCtrParseException(ParseException.Kind.MISSING_FIELD,
          "no registration number (注册号 / Registration number) on the project page");
    }
    final Optional<String> id = TrialIds.normalize(raw).filter(i -> REGISTRY.equals(TrialIds.registryOf(i)));
    if (id.isEmpty()) {
      throw new ChiCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "not a ChiCTR registration number at 注册号 / Registration number: '" + raw + "'");
    }
    return id.get();
  }

  private static void titlesAndStatus(final LabelledCells f, final TrialRecord.Builder b) {
    String title = f.text("Public title", "注册题目");
    final Optional<Withdrawal> fromTitle = Withdrawal.of(title);
    final Optional<Withdrawal> withdrawal = fromTitle.isPresent() ? fromTitle : Withdrawal.of(f.chinese("注册题目"));
    if (fromTitle.isPresent()) {
      title = fromTitle.get().title();
    }
    final String official = f.text("Scientific title", "研究课题的正式科学名称");
    b.setBriefTitle(title)
        .setOfficialTitle(Withdrawal.of(official).map(Withdrawal::title).orElse(official))
        .setAcronym(f.text("English Acronym", "注册题目简写"))
        .setStatus(withdrawal.isPresent() ? WITHDRAWN_STATUS : f.text("Recruiting status", "征募研究对象情况"))
        .setWhyStopped(withdrawal.map(Withdrawal::reason).orElse(null));
  }

  private static void ids(final LabelledCells f, final String id, final TrialRecord.Builder b) {
    final Map<String, SecondaryId> ids = new LinkedHashMap<>();
    final String other = f.raw("The registration number of the Partner Registry or other register",
        "在二级注册机构或其它机构的注册号");
    for (final SecondaryId s : OtherIds.listed(other, OTHER_REGISTRY_ID_TYPE, id)) {
      ids.putIfAbsent(s.getId(), s);
    }
    final String subjectId = f.raw("Study subject ID", "研究课题代号(代码)");
    for (final SecondaryId s : OtherIds.single(subjectId, STUDY_SUBJECT_ID_TYPE, id)) {
      ids.putIfAbsent(s.getId(), s);
    }
    b.setSecondaryIds(new ArrayList<>(ids.values()));
  }

  private static void design(final LabelledCells f, final TrialRecord.Builder b) {
    final String type = f.text("Study type", "研究类型");
    final String design = f.text("Study design", "研究设计");
    b.setStudyType(type == null ? design : design == null ? type : type + " (" + design + ")")
        .setPhases(listOf(f.text("Study phase", "研究所处阶段")));
  }

  private static void dates(final LabelledCells f, final TrialRecord.Builder b) {
    final String[] execute = ChiCtrDates.range(f.raw("Study execute time", "研究实施时间"));
    b.setFirstPosted(ChiCtrDates.first(f.raw("Date of Registration", "注册时间")))
        .setLastUpdatePosted(ChiCtrDates.first(f.raw("Date of Last Refreshed on", "最近更新日期")))
        .setStartDate(execute[0])
        .setCompletionDate(execute[1]);
  }

  private static void sponsors(final LabelledCells f, final TrialRecord.Builder b) {
    final String lead = f.text("Primary sponsor", "研究实施负责(组长)单位");
    final String sponsorsEn = "Secondary sponsor";
    final String sponsorsCn = "试验主办单位(项目批准或申办者)";
    final Set<String> collaborators = new LinkedHashSet<>(
        NestedTables.values(f, sponsorsEn, sponsorsCn, "Institution hospital", "单位(医院)"));
    collaborators.remove(lead);
    final List<String> countries = new ArrayList<>(NestedTables.values(f, sponsorsEn, sponsorsCn, "Country", "国家"));
    countries.addAll(NestedTables.values(f, "Countries of recruitment and research settings", "研究实施地点",
        "Country", "国家"));
    final Set<String> canonical = new LinkedHashSet<>();
    for (final String c : countries) {
      canonical.add(Countries.canonical(c).orElse(c));
    }
    b.setLeadSponsor(lead).setCollaborators(new ArrayList<>(collaborators)).setCountries(new ArrayList<>(canonical));
  }

  private static void interventions(final LabelledCells f, final TrialRecord.Builder b) {
    final List<Arm> arms = new ArrayList<>();
    final Map<String, List<String>> armsByIntervention = new LinkedHashMap<>();
    Integer enrollment = null;
    for (final NestedTables.Group g : NestedTables.groups(f)) {
      final String label = g.group() != null ? g.group() : g.intervention();
      arms.add(Arm.newBuilder().setLabel(label)
          .setInterventionNames(g.intervention() == null ? List.of() : List.of(g.intervention())).build());
      if (g.intervention() != null) {
        armsByIntervention.computeIfAbsent(g.intervention(), k -> new ArrayList<>()).add(label);
      }
      if (g.sampleSize() != null) {
        enrollment = (enrollment == null ? 0 : enrollment) + g.sampleSize();
      }
    }
    final List<Intervention> interventions = new ArrayList<>();
    armsByIntervention.forEach((name, labels) ->
        interventions.add(Intervention.newBuilder().setName(name).setOtherNames(new ArrayList<>())
            .setArmGroupLabels(labels).build()));
    b.setArms(arms).setInterventions(interventions).setEnrollment(enrollment);
  }

  private static List<String> listOf(final String value) {
    return value == null ? new ArrayList<>() : new ArrayList<>(List.of(value));
  }
}
