package io.exowatch.ingest.euctr;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.euctr.internal.Values;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the member-state protocols of one EudraCT trial to one {@link TrialRecord}. The fields and how
 * several member states combine are listed on {@link EuCtrParser}. Interventions come from
 * {@link EuCtrInterventions}.
 */
final class EuCtrTrialMapper {

  /** Member-state statuses, the one to report first: a trial running anywhere is running. */
  private static final List<String> STATUS_RANK = List.of("ongoing", "restarted", "temporarily halted",
      "suspended by ca", "prematurely ended", "completed");
  private static final Pattern PHASE = Pattern.compile("\\((Phase [IV]+)\\)");
  private static final List<String> PHASE_CODES = List.of("E.7.1", "E.7.2", "E.7.3", "E.7.4");
  private static final int MAX_ACRONYM_CHARS = 30;

  private final int maxPayloadChars;

  EuCtrTrialMapper(final int maxPayloadChars) {
    this.maxPayloadChars = maxPayloadChars;
  }

  TrialRecord map(final String eudractNumber, final List<MemberStateProtocol> states, final Instant fetchedAt) {
    final String official = first(states, "A.3", "Full title");
    final String lay = first(states, "A.3.1", "");
    final String name = first(states, "A.3.2", "");
    final String sponsor = lead(states);
    final Integer enrollment = enrollment(states);
    final List<String> sources = states.stream().map(MemberStateProtocol::source).toList();
    final Payloads.Bounded payload = Payloads.bound(String.join("\n\n", sources), maxPayloadChars);
    final TrialRecord record = TrialRecord.newBuilder()
        .setRegistry(EuCtrParser.REGISTRY)
        .setRegistryId(eudractNumber)
        .setSecondaryIds(secondaryIds(eudractNumber, states))
        .setBriefTitle(lay != null ? lay : name != null ? name : official)
        .setOfficialTitle(official)
        .setAcronym(name != null && name.length() <= MAX_ACRONYM_CHARS ? name : null)
        .setBriefSummary(first(states, "E.2.1", ""))
        .setDetailedDescription(first(states, "E.2.2", ""))
        .setConditions(distinct(texts(states, "E.1.1", "Medical condition"), texts(states, "E.1.2", "Term")))
        .setKeywords(distinct(texts(states, "E.1.1.1", ""), texts(states, "E.1.1.2", "")))
        .setInterventions(EuCtrInterventions.of(states))
        .setArms(List.of())
        .setOutcomes(distinct(texts(states, "E.5.1", ""), texts(states, "E.5.2", "")))
        .setPhases(phases(states))
        .setStatus(status(states))
        .setStudyType(EuCtrParser.STUDY_TYPE)
        .setEnrollment(enrollment)
        .setEnrollmentType(enrollment == null ? null : "ESTIMATED")
        .setFirstPosted(earliest(states, "", "Date on which this record was first entered"))
        .setCompletionDate(latest(states, "P.", "Date of the global end of the trial"))
        .setLeadSponsor(sponsor)
        .setCollaborators(collaborators(states, sponsor))
        .setCountries(countries(states))
        .setReferences(List.of())
        .setSourceUrl(EuCtrParser.TRIAL_URL_PREFIX + eudractNumber)
        .setFetchedAt(fetchedAt.truncatedTo(ChronoUnit.MILLIS))
        .setContentHash("")
        .setSourcePayload(payload.text())
        .setSourcePayloadTruncated(payload.truncated())
        .build();
    record.setContentHash(RecordHashes.trialHash(record));
    return record;
  }

  /** The first plain value of {@code code} in any member state. */
  static String first(final List<MemberStateProtocol> states, final String code, final String labelStart) {
    for (final MemberStateProtocol s : states) {
      final Optional<String> v = s.value(code, labelStart).map(Values::text);
      if (v.isPresent()) {
        return v.get();
      }
    }
    return null;
  }

  /** Every plain value of {@code code} in every member state, in order. */
  private static List<String> texts(final List<MemberStateProtocol> states, final String code, final String labelStart) {
    final List<String> out = new ArrayList<>();
    for (final MemberStateProtocol s : states) {
      for (final ProtocolField f : s.all(code)) {
        final String t = f.is(code, labelStart) ? Values.text(f.value()) : null;
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  @SafeVarargs
  private static List<String> distinct(final Collection<String>... lists) {
    final Map<String, String> seen = new LinkedHashMap<>();
    for (final Collection<String> list : lists) {
      for (final String s : list) {
        seen.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
      }
    }
    return new ArrayList<>(seen.values());
  }

  /**
   * The sponsor's protocol code (A.4.1) and the ids of A.5 (ISRCTN, US NCT, WHO UTRN, other identifiers):
   * a registration elsewhere gets its normalised id and registry code, anything else stays as written.
   */
  private static List<SecondaryId> secondaryIds(final String own, final List<MemberStateProtocol> states) {
    final Map<String, SecondaryId> ids = new LinkedHashMap<>();
    for (final MemberStateProtocol s : states) {
      for (final ProtocolField f : s.fields()) {
        if (!f.code().equals("A.4.1") && !f.code().startsWith("A.5")) {
          continue;
        }
        for (final String value : Values.lines(f.value())) {
          for (final SecondaryId id : idsIn(value, f.label())) {
            if (!id.getId().equals(own)) {
              ids.putIfAbsent(id.getId().toLowerCase(Locale.ROOT), id);
            }
          }
        }
      }
    }
    return new ArrayList<>(ids.values());
  }

  private static List<SecondaryId> idsIn(final String value, final String label) {
    String text = value;
    if (label.toUpperCase(Locale.ROOT).startsWith("ISRCTN") && value.matches("\\d{8}")) {
      text = "ISRCTN" + value;
    }
    final List<String> found = TrialIds.find(text);
    if (found.isEmpty()) {
      return List.of(new SecondaryId(value, label, null));
    }
    return found.stream().map(id -> new SecondaryId(id, label, TrialIds.registryOf(id))).toList();
  }

  /** The phases whose E.7 checkbox says Yes, as the label names them ({@code Phase II}). */
  private static List<String> phases(final List<MemberStateProtocol> states) {
    final Set<String> phases = new LinkedHashSet<>();
    for (final String code : PHASE_CODES) {
      for (final MemberStateProtocol s : states) {
        for (final ProtocolField f : s.all(code)) {
          final Matcher m = PHASE.matcher(f.label());
          if (Values.isYes(f.value()) && m.find()) {
            phases.add(m.group(1));
          }
        }
      }
    }
    return new ArrayList<>(phases);
  }

  /**
   * The trial's status from its member states' ({@code Trial Status}, else {@code P. End of Trial Status}):
   * the first of Ongoing, Restarted, Temporarily Halted, Suspended by CA, Prematurely Ended, Completed that
   * any state has; else the first state's, as written (e.g. {@code Not Authorised}).
   */
  private static String status(final List<MemberStateProtocol> states) {
    final List<String> all = new ArrayList<>();
    for (final MemberStateProtocol s : states) {
      s.summary("Trial Status").or(() -> s.value("P.", "End of Trial Status")).map(Values::text).ifPresent(all::add);
    }
    for (final String wanted : STATUS_RANK) {
      for (final String st : all) {
        if (st.equalsIgnoreCase(wanted)) {
          return st;
        }
      }
    }
    return all.isEmpty() ? null : all.get(0);
  }

  /** Planned subjects: the whole trial (F.4.2.2), else the EEA (F.4.2.1), else the member states' (F.4.1) added up. */
  private static Integer enrollment(final List<MemberStateProtocol> states) {
    final Integer whole = max(states, "F.4.2.2");
    if (whole != null) {
      return whole;
    }
    final Integer eea = max(states, "F.4.2.1");
    if (eea != null) {
      return eea;
    }
    Integer sum = null;
    for (final MemberStateProtocol s : states) {
      final Integer n = s.value("F.4.1", "").map(EuCtrTrialMapper::number).orElse(null);
      if (n != null) {
        sum = sum == null ? n : sum + n;
      }
    }
    return sum;
  }

  private static Integer max(final List<MemberStateProtocol> states, final String code) {
    Integer max = null;
    for (final MemberStateProtocol s : states) {
      final Integer n = s.value(code, "").map(EuCtrTrialMapper::number).orElse(null);
      if (n != null && (max == null || n > max)) {
        max = n;
      }
    }
    return max;
  }

  private static Integer number(final String raw) {
    final String digits = raw.replaceAll("[\\s,.']", "");
    if (!digits.matches("\\d{1,9}")) {
      return null;
    }
    return Integer.valueOf(digits);
  }

  private static String earliest(final List<MemberStateProtocol> states, final String code, final String label) {
    return dates(states, code, label).stream().min(String::compareTo).orElse(null);
  }

  private static String latest(final List<MemberStateProtocol> states, final String code, final String label) {
    return dates(states, code, label).stream().max(String::compareTo).orElse(null);
  }

  /** ISO dates of a field in every member state (the register writes {@code 2007-01-03}; day-first also read). */
  private static List<String> dates(final List<MemberStateProtocol> states, final String code, final String label) {
    final List<String> out = new ArrayList<>();
    for (final MemberStateProtocol s : states) {
      s.value(code, label).map(PartialDates::dayFirst).ifPresent(out::add);
    }
    return out;
  }

  /** The name of sponsor 1 (B.1.1) of the first member state that has one. */
  private static String lead(final List<MemberStateProtocol> states) {
    return first(states, "B.1.1", "");
  }

  /** Other sponsors (B.1.1) and the organisations giving support (B.4.1), without the lead sponsor. */
  private static List<String> collaborators(final List<MemberStateProtocol> states, final String lead) {
    final List<String> all = distinct(texts(states, "B.1.1", ""), texts(states, "B.4.1", ""));
    all.removeIf(s -> s.equalsIgnoreCase(lead));
    return all;
  }

  /**
   * The member states (their link's code, else the A.1 / competent-authority name), then the countries of
   * sites outside the EEA (E.8.6.3) and the third country that first authorised the trial (H.4.1), each
   * as {@link Countries#canonical} names it; regions that are no country are left out.
   */
  private static List<String> countries(final List<MemberStateProtocol> states) {
    final Set<String> out = new LinkedHashSet<>();
    for (final MemberStateProtocol s : states) {
      Optional<String> c = Optional.empty();
      if (s.memberState() != null && !s.memberState().equalsIgnoreCase("3rd")) {
        c = Countries.canonical(s.memberState());
      }
      if (c.isEmpty()) {
        c = s.value("A.1", "").or(() -> s.summary("National Competent Authority")).flatMap(Countries::canonical);
      }
      c.ifPresent(out::add);
    }
    for (final MemberStateProtocol s : states) {
      for (final ProtocolField f : s.all("E.8.6.3")) {
        Values.lines(f.value()).stream().map(Countries::canonical).flatMap(Optional::stream).forEach(out::add);
      }
      s.value("H.4.1", "").flatMap(Countries::canonical).ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }
}
