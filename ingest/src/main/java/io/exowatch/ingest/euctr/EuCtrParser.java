package io.exowatch.ingest.euctr;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The EU Clinical Trials Register's inputs to {@link TrialRecord}s: the full-text download of a search
 * page ({@link EuCtrTextParser}), protocol pages ({@link EuCtrProtocolPageParser}) and search pages
 * ({@link EuCtrSearchPageParser}). Pure: no I/O, no clock; thread-safe.
 *
 * <p>The register keeps one protocol per trial and member state ({@code 2005-002909-23/PT},
 * {@code /GB}, {@code /3rd} outside the EU/EEA); all protocols of one EudraCT number become ONE record:
 * <ul>
 *   <li>{@code registry} {@value #REGISTRY}, {@code registryId} the EudraCT number ({@code 2005-002909-23});
 *       {@code sourceUrl} {@value #TRIAL_URL_PREFIX}{@code <number>}, the register's page listing every
 *       member state.</li>
 *   <li>{@code officialTitle} A.3; {@code briefTitle} the lay title A.3.1, else the name or abbreviated
 *       title A.3.2, else A.3; {@code acronym} A.3.2 when at most 30 characters.</li>
 *   <li>{@code secondaryIds}: the sponsor's protocol code (A.4.1) and A.5 (ISRCTN, US NCT, WHO UTRN,
 *       others), a registration elsewhere with its registry code ({@code NCT01234567} → {@code CTGOV});
 *       {@code type} is the register's label.</li>
 *   <li>{@code briefSummary} the main objective (E.2.1), {@code detailedDescription} the secondary
 *       objectives (E.2.2); {@code conditions} E.1.1 and the MedDRA terms (E.1.2); {@code keywords} the
 *       condition in lay terms (E.1.1.1) and therapeutic area (E.1.1.2); {@code outcomes} the primary and
 *       secondary end points (E.5.1, E.5.2).</li>
 *   <li>{@code interventions}: the IMPs of section D and a placebo (D.8), see {@link EuCtrInterventions}.</li>
 *   <li>{@code phases}: the E.7 trial types ticked Yes, as the register names them: {@code Phase I},
 *       {@code Phase II}, {@code Phase III}, {@code Phase IV}.</li>
 *   <li>{@code status} as stated per member state ({@code Trial Status}, else {@code P. End of Trial
 *       Status}), one for the trial: Ongoing if any state is ongoing, then Restarted, Temporarily Halted,
 *       Suspended by CA, Prematurely Ended, Completed; else the first state's.</li>
 *   <li>{@code studyType} {@value #STUDY_TYPE}: the register holds interventional trials of medicines only.</li>
 *   <li>{@code enrollment} the planned subjects of the whole trial (F.4.2.2), else in the EEA (F.4.2.1),
 *       else the member states' (F.4.1) added up, {@code enrollmentType} ESTIMATED.</li>
 *   <li>{@code firstPosted} the earliest "Date on which this record was first entered in the EudraCT
 *       database"; {@code completionDate} the latest {@code P. Date of the global end of the trial}.</li>
 *   <li>{@code leadSponsor} sponsor 1 (B.1.1); {@code collaborators} other sponsors and the organisations
 *       giving support (B.4.1).</li>
 *   <li>{@code countries}: the member states, then the countries outside the EEA (E.8.6.3) and the third
 *       country of first authorisation (H.4.1), canonical English names.</li>
 *   <li>{@code sourcePayload} the protocols' own text (download blocks or page HTML), bounded to
 *       {@link Payloads#MAX_PAYLOAD_CHARS} by default; {@code contentHash} over the rest.</li>
 * </ul>
 * Values the register fills with {@code Information not present in EudraCT} or {@code NA} count as
 * absent; fields in a member state's own language ({@code A.3 Full title of the trial (es)}) are skipped.
 */
public final class EuCtrParser {

  /** The registry code of EU CTR records. */
  public static final String REGISTRY = TrialIds.EUCTR;
  /** The public page of a trial (every member state) is this prefix followed by its EudraCT number. */
  public static final String TRIAL_URL_PREFIX = "https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:";
  /** The study type of every EU CTR record. */
  public static final String STUDY_TYPE = "Interventional";

  private final EuCtrTextParser text = new EuCtrTextParser();
  private final EuCtrProtocolPageParser pages = new EuCtrProtocolPageParser();
  private final EuCtrSearchPageParser search = new EuCtrSearchPageParser();
  private final EuCtrTrialMapper mapper;

  /** A parser with the default payload bound. */
  public EuCtrParser() {
    this(Payloads.MAX_PAYLOAD_CHARS);
  }

  /**
   * A parser.
   *
   * @param maxPayloadChars the bound of {@code sourcePayload} in characters, at least 1
   */
  public EuCtrParser(final int maxPayloadChars) {
    if (maxPayloadChars < 1) {
      throw new IllegalArgumentException("maxPayloadChars must be at least 1, was " + maxPayloadChars);
    }
    this.mapper = new EuCtrTrialMapper(maxPayloadChars);
  }

  /**
   * The trials of a full-text download, one record per EudraCT number.
   *
   * @param body the download
   * @param fetchedAt when it was fetched
   * @return the records in order of first appearance, and the blocks or trials that could not be read
   * @throws EuCtrParseException the body is not a full-text download (see {@link EuCtrTextParser#parse})
   */
  public Parsed<TrialRecord> parseDownload(final String body, final Instant fetchedAt) throws EuCtrParseException {
    final EuCtrTextParser.Result result = text.parse(body);
    final Parsed<TrialRecord> records = records(result.protocols(), fetchedAt);
    final List<RecordFailure> failures = new ArrayList<>(result.failures());
    failures.addAll(records.failures());
    return new Parsed<>(records.records(), failures);
  }

  /**
   * One member state's protocol page.
   *
   * @param html the page
   * @param pageUrl its URL (gives the member state), or {@code null}
   * @throws EuCtrParseException the page is not a protocol page or has no EudraCT number
   */
  public MemberStateProtocol parseProtocolPage(final String html, final String pageUrl) throws EuCtrParseException {
    return pages.parse(html, pageUrl);
  }

  /**
   * A search results page: the trials listed and whether another page follows.
   *
   * @throws EuCtrParseException the page is not a search results page
   */
  public EuCtrSearchPage parseSearchPage(final String html) throws EuCtrParseException {
    return search.parse(html);
  }

  /**
   * Merges protocols into one record per EudraCT number, in order of first appearance. A trial whose
   * mapping fails becomes a {@link RecordFailure} with its protocols' text; the others are kept.
   */
  public Parsed<TrialRecord> records(final List<MemberStateProtocol> protocols, final Instant fetchedAt) {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    final Map<String, List<MemberStateProtocol>> byTrial = new LinkedHashMap<>();
    for (final MemberStateProtocol p : protocols) {
      byTrial.computeIfAbsent(p.eudractNumber(), k -> new ArrayList<>()).add(p);
    }
    final List<TrialRecord> records = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    byTrial.forEach((id, states) -> {
      try {
        records.add(mapper.map(id, states, fetchedAt));
      } catch (final RuntimeException e) {
        failures.add(RecordFailure.of(id, e, String.join("\n\n", states.stream().map(MemberStateProtocol::source).toList())));
      }
    });
    return new Parsed<>(records, failures);
  }
}
