package io.exowatch.ingest.isrctn;

import io.exowatch.ingest.isrctn.internal.FullTrialMapper;
import io.exowatch.ingest.isrctn.internal.NsElements;
import io.exowatch.ingest.parse.BodyChecks;
import io.exowatch.ingest.parse.ParseException;
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
 * Parses the ISRCTN API's default XML format ({@code GET /api/query/format/default?q=...&limit=...}):
 * {@code <allTrials totalCount="N" xmlns="http://www.67bricks.com/isrctn">} holding one
 * {@code <fullTrial>} per trial, each a {@code <trial>} ({@code isrctn}, {@code trialDescription},
 * {@code externalRefs}, {@code trialDesign}, {@code participants}, {@code conditions},
 * {@code interventions}, {@code results}, {@code parties}) followed by its {@code sponsor}s and
 * {@code funder}s. Namespace-aware: only elements of the ISRCTN namespace are read, whatever prefix
 * binds it. Pure: no I/O, no clock (the caller says when it fetched); XML through {@link SafeXml}.
 *
 * <p>Mapping: the ISRCTN number ({@code ISRCTN} + 8 digits); {@code externalRefs} the secondary ids
 * (NCT, EudraCT/CTIS, IRAS, CPMS, protocol numbers; recognised registry ids normalised, with their
 * registry); {@code title}, {@code scientificTitle}, {@code acronym}; {@code plainEnglishSummary}
 * (not ISRCTN's "not provided at time of registration" placeholder) the summary and
 * {@code studyHypothesis} the description; each line of each {@code condition/description} and its
 * {@code diseaseClass2} the conditions, {@code diseaseClass1} (the broad category) the keywords; one
 * intervention per {@code intervention} (named by {@code drugNames}, else its description's first
 * sentence; typed by {@code interventionType}), their {@code phase}s as stated ("Phase II",
 * "Phase I/II", "Not Applicable"); the structured outcome measures' {@code variable}s, or the numbered
 * items of the older {@code primaryOutcome}/{@code secondaryOutcome} texts; {@code primaryStudyDesign}
 * the study type; a status override or the status ISRCTN derives from the dates as of
 * {@code fetchedAt}, {@code reasonAbandoned} the reason stopped; {@code dateAssigned} first posted,
 * {@code lastUpdated} last update, the overall (or recruitment) start and the overall end date; the
 * final enrolment once above zero, else the target; the first sponsor the lead, other sponsors and
 * the funders the collaborators; recruitment countries and trial centres' countries, canonical
 * ({@code England} becomes {@code United Kingdom}). ISRCTN has no arm groups.
 *
 * <p>Each record's payload is its {@code <fullTrial>} with the namespace declared on it, bounded by
 * {@link Payloads#MAX_PAYLOAD_CHARS}; its source URL is {@value #TRIAL_URL_PREFIX}{@code <number>}.
 * Thread-safe, no state.
 */
public final class IsrctnParser {

  /** The public page of a trial is this prefix followed by its ISRCTN id. */
  public static final String TRIAL_URL_PREFIX = "https://www.isrctn.com/";

  private IsrctnParser() {
  }

  /**
   * Parses one API response. A {@code fullTrial} that cannot be mapped becomes a
   * {@link RecordFailure}; the others are kept.
   *
   * @param xml the response body
   * @param fetchedAt when it was fetched (also the date the recruitment status is derived for)
   * @return the records, failures and the total count
   * @throws IsrctnParseException when the body is not XML, is an HTML page, declares entities, or is
   *     not an {@code allTrials} document of the ISRCTN namespace with a numeric {@code totalCount}
   */
  public static IsrctnPage parse(final String xml, final Instant fetchedAt) throws IsrctnParseException {
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    final Element root = root(xml);
    final String total = root.getAttribute("totalCount").strip();
    if (!total.matches("\\d{1,9}")) {
      throw new IsrctnParseException(ParseException.Kind.MISSING_FIELD,
          "<allTrials> has no numeric totalCount (found '" + total + "')");
    }
    final List<TrialRecord> records = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    final List<Element> trials = NsElements.children(root, "fullTrial");
    for (int i = 0; i < trials.size(); i++) {
      final Element fullTrial = trials.get(i);
      final String payload = payload(fullTrial);
      try {
        records.add(complete(FullTrialMapper.map(fullTrial, fetchedAt), fetchedAt, payload));
      } catch (final ParseException | RuntimeException e) {
        failures.add(new RecordFailure(FullTrialMapper.isrctnId(fullTrial), "fullTrial #" + i + ": " + e.getMessage(),
            e.getClass().getName(), payload));
      }
    }
    return new IsrctnPage(records, failures, Integer.parseInt(total));
  }

  private static Element root(final String xml) throws IsrctnParseException {
    final Element root;
    try {
      BodyChecks.expectXml(xml);
      root = SafeXml.parse(xml).getDocumentElement();
    } catch (final ParseException e) {
      throw new IsrctnParseException(e.kind(), "unreadable ISRCTN API response (" + e.getMessage() + ")", e);
    }
    if (!NsElements.is(root, "allTrials")) {
      final String ns = NsElements.namespace(root);
      throw new IsrctnParseException(ParseException.Kind.UNEXPECTED_CONTENT, "expected <allTrials> in namespace "
          + NsElements.ISRCTN + ", found <" + root.getTagName() + ">" + (ns == null ? " without a namespace"
          : " in namespace " + ns));
    }
    return root;
  }

  /** The {@code fullTrial} as standalone XML: the namespace declared on the root is declared on it. */
  private static String payload(final Element fullTrial) {
    final Element copy = (Element) fullTrial.cloneNode(true);
    final String tag = copy.getTagName();
    final int colon = tag.indexOf(':');
    final String declaration = colon < 0 ? "xmlns" : "xmlns:" + tag.substring(0, colon);
    if (!copy.hasAttribute(declaration)) {
      copy.setAttribute(declaration, NsElements.ISRCTN);
    }
    return SafeXml.toXml(copy);
  }

  private static TrialRecord complete(final TrialRecord.Builder b, final Instant fetchedAt, final String payload) {
    final Payloads.Bounded bounded = Payloads.bound(payload, Payloads.MAX_PAYLOAD_CHARS);
    b.setSourceUrl(TRIAL_URL_PREFIX + b.getRegistryId()).setFetchedAt(fetchedAt).setSourcePayload(bounded.text())
        .setSourcePayloadTruncated(bounded.truncated()).setContentHash("");
    final TrialRecord record = b.build();
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }
}
