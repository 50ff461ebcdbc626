package io.exowatch.ingest.irct;

import io.exowatch.ingest.irct.internal.Elements;
import io.exowatch.ingest.irct.internal.TrialMapper;
import io.exowatch.ingest.parse.BodyChecks;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.ingest.parse.SafeXml;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * Parses the XML IRCT serves for one trial at {@code /trial/{n}/xml}: its WHO Trial Registration
 * Data Set export, {@code <trials><trial><main>...</main><contacts/><countries/><criteria/>
 * <health_condition_code/>...<secondary_ids/>...</trial></trials>}, with an inline DTD of element
 * declarations (read without loading anything, through {@link SafeXml}). Pure: no I/O, no clock.
 *
 * <p>Mapping: {@code trial_id} the registration id (normalised, must be an IRCT id); {@code utrn}
 * and each {@code secondary_id} ({@code sec_id} typed by its {@code issuing_authority}; NCT,
 * EudraCT, ISRCTN... ids get their registry code) the secondary ids; {@code public_title},
 * {@code scientific_title}, {@code acronym}; {@code hc_freetext} lines and {@code hc_keyword}s the
 * conditions, {@code hc_code}s (ICD-10) the keywords; the numbered groups of {@code i_freetext}
 * the arms, and one intervention per {@code i_keyword} typed by its {@code i_code}; the measure of
 * each {@code prim_outcome} and {@code sec_outcome} (the text before "Timepoint:") the outcomes;
 * {@code phase} ("Phase 2-3", "N/A"), {@code recruitment_status} and {@code study_type} as stated;
 * {@code date_registration}, {@code date_enrolment} (expected recruitment start) and
 * {@code results_date_completed} through {@link io.exowatch.ingest.parse.PartialDates#dayFirst}
 * (the DTD says dd/mm/yyyy; ISO dates also pass); {@code target_size} (or
 * {@code results_actual_enrolment}) the enrolment; {@code primary_sponsor} the lead sponsor,
 * {@code sponsor_name}s and {@code source_name}s the collaborators; {@code country2}s the
 * countries, canonical ({@code Iran (Islamic Republic of)} becomes {@code Iran}).
 *
 * <p>Language: the XML is IRCT's English export and has one text per field. A registrant who gave
 * no English text for a field leaves it empty or, in some records, in Persian; Persian text is kept
 * as it is (plain, like all text) rather than dropped, since it is the only text there is.
 *
 * <p>The payload of each record is its {@code <trial>} element, bounded by
 * {@link Payloads#MAX_PAYLOAD_CHARS}. Thread-safe, no state.
 */
public final class IrctTrialParser {

  private IrctTrialParser() {
  }

  /**
   * Parses one trial document (IRCT's DTD allows several {@code <trial>}s; each is read).
   *
   * @param xml the body of {@code /trial/{n}/xml}
   * @param pageUrl the trial's public page ({@code {base}/trial/{n}}), the records' {@code sourceUrl}
   * @param fetchedAt when it was fetched
   * @return the records, and a {@link RecordFailure} per {@code <trial>} that could not be mapped
   * @throws IrctParseException when the body is not XML, is an HTML page, is not a {@code <trials>}
   *     document, declares entities, or holds no {@code <trial>}
   */
  public static Parsed<TrialRecord> parse(final String xml, final String pageUrl, final Instant fetchedAt)
      throws IrctParseException {
    Objects.requireNonNull(pageUrl, "pageUrl");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    final Element root = root(xml);
    final List<Element> trials = Elements.children(root, "trial");
    if (trials.isEmpty()) {
      throw new IrctParseException(ParseException.Kind.MISSING_FIELD, "IRCT <trials> document holds no <trial>");
    }
    final List<TrialRecord> records = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      final Element trial = trials.get(i);
      final String payload = SafeXml.toXml(trial);
      try {
        records.add(complete(TrialMapper.map(trial), pageUrl, fetchedAt, payload));
      } catch (final ParseException | RuntimeException e) {
        failures.add(new RecordFailure(TrialMapper.registrationId(trial), "trial #" + i + ": " + e.getMessage(),
            e.getClass().getName(), payload));
      }
    }
    return new Parsed<>(records, failures);
  }

  private static Element root(final String xml) throws IrctParseException {
    final Element root;
    try {
      BodyChecks.expectXml(xml);
      root = SafeXml.parse(xml).getDocumentElement();
    } catch (final ParseException e) {
      throw new IrctParseException(e.kind(), "unreadable IRCT trial XML (" + e.getMessage() + ")", e);
    }
    if (!root.getTagName().equals("trials")) {
      throw new IrctParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "expected IRCT's <trials> document, found <" + root.getTagName() + ">");
    }
    return root;
  }

  private static TrialRecord complete(final TrialRecord.Builder b, final String pageUrl, final Instant fetchedAt,
      final String payload) {
    final Payloads.Bounded bounded = Payloads.bound(payload, Payloads.MAX_PAYLOAD_CHARS);
    b.setSourceUrl(pageUrl).setFetchedAt(fetchedAt).setSourcePayload(bounded.text())
        .setSourcePayloadTruncated(bounded.truncated()).setContentHash("");
    final TrialRecord record = b.build();
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }
}
