package io.exowatch.ingest.irct.internal;

import static io.exowatch.ingest.irct.internal.Elements.child;
import static io.exowatch.ingest.irct.internal.Elements.children;
import static io.exowatch.ingest.irct.internal.Elements.text;
import static io.exowatch.ingest.irct.internal.Elements.texts;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.ingest.parse.PlainText;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Maps one {@code <trial>} of IRCT's WHO-format XML to a {@link TrialRecord} builder (content fields
 * only: the caller adds source URL, fetch time, payload and hash).
 */
public final class TrialMapper {

  private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d{1,9})");
  private static final Pattern TIMEPOINT = Pattern.compile("(?i)[.;,]?\\s*Timepoint\\s*:");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:\\r?\\n|;)\\s*");

  private TrialMapper() {
  }

  /** The registration id of {@code trial}, normalised, or {@code null} when it has none. */
  public static String registrationId(final Element trial) {
    final String raw = text(child(trial, "main"), "trial_id");
    return raw == null ? null : TrialIds.normalize(raw).orElse(raw);
  }

  /**
   * The content of {@code trial}.
   *
   * @throws ParseException {@code MISSING_FIELD} without {@code <main>} or {@code <trial_id>},
   *     {@code UNEXPECTED_CONTENT} when the id is not an IRCT registration
   */
  public static TrialRecord.Builder map(final Element trial) throws ParseException {
    final Element main = child(trial, "main");
    if (main == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "<trial> has no <main> section");
    }
    final String rawId = text(main, "trial_id");
    if (rawId == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "<main> has no <trial_id>");
    }
    final Optional<String> id = TrialIds.normalize(rawId);
    if (id.isEmpty() || !TrialIds.IRCT.equals(TrialIds.registryOf(id.get()))) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "<trial_id> '" + rawId + "' is not an IRCT registration number");
    }
    final List<InterventionGroups.Group> groups = InterventionGroups.of(text(main, "i_freetext"));
    final List<String> interventionNames = texts(trial, "intervention_keyword", "i_keyword");
    final List<String> interventionCodes = texts(trial, "intervention_code", "i_code");
    final String lead = text(main, "primary_sponsor");
    final TrialRecord.Builder b = TrialRecord.newBuilder()
        .setRegistry(TrialIds.IRCT)
        .setRegistryId(id.get())
        .setSecondaryIds(secondaryIds(main, trial))
        .setBriefTitle(text(main, "public_title"))
        .setOfficialTitle(text(main, "scientific_title"))
        .setAcronym(firstNonNull(text(main, "acronym"), text(main, "scientific_acronym")))
        .setConditions(conditions(main, trial))
        .setKeywords(texts(trial, "health_condition_code", "hc_code"))
        .setArms(arms(groups, interventionNames))
        .setInterventions(interventions(groups, interventionNames, interventionCodes, text(main, "i_freetext")))
        .setOutcomes(outcomes(trial))
        .setPhases(listOf(text(main, "phase")))
        .setStatus(text(main, "recruitment_status"))
        .setStudyType(text(main, "study_type"))
        .setFirstPosted(PartialDates.dayFirst(text(main, "date_registration")))
        .setStartDate(PartialDates.dayFirst(text(main, "date_enrolment")))
        .setCompletionDate(PartialDates.dayFirst(text(main, "results_date_completed")))
        .setLeadSponsor(lead)
        .setCollaborators(collaborators(trial, lead))
        .setCountries(countries(trial))
        .setReferences(List.of());
    enrollment(main, b);
    return b;
  }

  private static List<SecondaryId> secondaryIds(final Element main, final Element trial) {
    final Map<String, SecondaryId> out = new LinkedHashMap<>();
    final String utrn = text(main, "utrn");
    if (utrn != null) {
      out.put(utrn, new SecondaryId(utrn, "UTRN", null));
    }
    for (final Element s : children(child(trial, "secondary_ids"), "secondary_id")) {
      final String raw = text(s, "sec_id");
      if (raw == null) {
        continue;
      }
      final String authority = text(s, "issuing_authority");
      final Optional<String> normalised = TrialIds.normalize(raw);
      final SecondaryId id = normalised
          .map(n -> new SecondaryId(n, authority, TrialIds.registryOf(n)))
          .orElseGet(() -> new SecondaryId(raw, authority, null));
      out.putIfAbsent(id.getId(), id);
    }
    return new ArrayList<>(out.values());
  }

  private static List<String> conditions(final Element main, final Element trial) {
    final Set<String> out = new LinkedHashSet<>(split(Elements.raw(main, "hc_freetext")));
    out.addAll(texts(trial, "health_condition_keyword", "hc_keyword"));
    return new ArrayList<>(out);
  }

  private static List<Arm> arms(final List<InterventionGroups.Group> groups, final List<String> names) {
    final boolean aligned = names.size() == groups.size();
    final List<Arm> out = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      final InterventionGroups.Group g = groups.get(i);
      out.add(Arm.newBuilder().setLabel(g.label()).setType(g.kind()).setDescription(g.description())
          .setInterventionNames(aligned ? List.of(names.get(i)) : List.of()).build());
    }
    return out;
  }

  /**
   * One intervention per {@code i_keyword} (IRCT writes one per group, in group order, with one
   * {@code i_code} category each); without keywords, one per group named by its first sentence;
   * without groups either, one named by the first sentence of {@code i_freetext}.
   */
  private static List<Intervention> interventions(final List<InterventionGroups.Group> groups,
      final List<String> names, final List<String> codes, final String freeText) {
    final List<Intervention> out = new ArrayList<>();
    if (!names.isEmpty()) {
      final boolean withGroups = names.size() == groups.size();
      for (int i = 0; i < names.size(); i++) {
        out.add(Intervention.newBuilder().setName(names.get(i)).setType(code(codes, i, names.size()))
            .setDescription(withGroups ? groups.get(i).description() : null)
            .setArmGroupLabels(withGroups ? List.of(groups.get(i).label()) : List.of()).build());
      }
    } else if (!groups.isEmpty()) {
      for (int i = 0; i < groups.size(); i++) {
        final InterventionGroups.Group g = groups.get(i);
        if (g.description() != null) {
          out.add(Intervention.newBuilder().setName(InterventionGroups.shortName(g.description()))
              .setType(code(codes, i, groups.size())).setDescription(g.description())
              .setArmGroupLabels(List.of(g.label())).build());
        }
      }
    } else if (freeText != null) {
      out.add(Intervention.newBuilder().setName(InterventionGroups.shortName(freeText))
          .setType(code(codes, 0, 1)).setDescription(freeText).build());
    }
    return out;
  }

  private static String code(final List<String> codes, final int i, final int of) {
    if (codes.size() == of) {
      return codes.get(i);
    }
    return codes.size() == 1 ? codes.get(0) : null;
  }

  /** Each outcome's measure: the text before IRCT's {@code "Timepoint: ... Method of measurement: ..."} tail. */
  private static List<String> outcomes(final Element trial) {
    final List<String> out = new ArrayList<>();
    for (final String t : texts(trial, "primary_outcome", "prim_outcome")) {
      out.add(measure(t));
    }
    for (final String t : texts(trial, "secondary_outcome", "sec_outcome")) {
      out.add(measure(t));
    }
    return out;
  }

  private static String measure(final String outcome) {
    final Matcher m = TIMEPOINT.matcher(outcome);
    final String head = m.find() && m.start() > 0 ? outcome.substring(0, m.start()).strip() : outcome;
    return head.endsWith(".") ? head.substring(0, head.length() - 1).strip() : head;
  }

  private static List<String> collaborators(final Element trial, final String lead) {
    final Set<String> out = new LinkedHashSet<>(texts(trial, "secondary_sponsor", "sponsor_name"));
    out.addAll(texts(trial, "source_support", "source_name"));
    if (lead != null) {
      out.remove(lead);
    }
    return new ArrayList<>(out);
  }

  private static List<String> countries(final Element trial) {
    final Set<String> out = new LinkedHashSet<>();
    for (final String c : texts(trial, "countries", "country2")) {
      out.add(Countries.canonicalOrAsGiven(c));
    }
    return new ArrayList<>(out);
  }

  /** The actual enrolment when results give it, else the target; {@code type_enrolment} says which the target is. */
  private static void enrollment(final Element main, final TrialRecord.Builder b) {
    final Integer actual = number(text(main, "results_actual_enrolment"));
    if (actual != null) {
      b.setEnrollment(actual).setEnrollmentType("ACTUAL");
      return;
    }
    b.setEnrollment(number(text(main, "target_size")));
    final String type = text(main, "type_enrolment");
    if (type != null) {
      final String t = type.toLowerCase(Locale.ROOT);
      b.setEnrollmentType(t.startsWith("actual") ? "ACTUAL"
          : t.startsWith("anticipated") || t.startsWith("estimated") ? "ESTIMATED" : type);
    }
  }

  private static Integer number(final String text) {
    if (text == null) {
      return null;
    }
    final Matcher m = FIRST_NUMBER.matcher(text);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static List<String> split(final String text) {
    final List<String> out = new ArrayList<>();
    if (text != null) {
      for (final String part : LIST_SEPARATOR.split(text)) {
        final String p = PlainText.of(part);
        if (p != null) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static List<String> listOf(final String value) {
    return value == null ? List.of() : List.of(value);
  }

  private static String firstNonNull(final String a, final String b) {
    return a != null ? a : b;
  }
}
