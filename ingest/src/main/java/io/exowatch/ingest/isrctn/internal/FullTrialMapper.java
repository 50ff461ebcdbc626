package io.exowatch.ingest.isrctn.internal;

import static io.exowatch.ingest.isrctn.internal.NsElements.attribute;
import static io.exowatch.ingest.isrctn.internal.NsElements.child;
import static io.exowatch.ingest.isrctn.internal.NsElements.children;
import static io.exowatch.ingest.isrctn.internal.NsElements.raw;
import static io.exowatch.ingest.isrctn.internal.NsElements.text;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.Countries;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Maps one {@code <fullTrial>} ({@code trial} with its {@code sponsor} and {@code funder} siblings)
 * to a {@link TrialRecord} builder (content fields only: the caller adds source URL, fetch time,
 * payload and hash).
 */
public final class FullTrialMapper {

  private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d{1,9})");
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)^(plain english summary( of protocol)? )?not provided"
      + "( at (the )?time of registration)?\\.?$");

  private FullTrialMapper() {
  }

  /** The ISRCTN id of a {@code fullTrial}, normalised, or {@code null}. */
  public static String isrctnId(final Element fullTrial) {
    final Element trial = child(fullTrial, "trial");
    final String number = text(child(trial, "isrctn"));
    final String canonical = attribute(trial, "publicIdentifierCanonical");
    final String raw = number != null ? (number.startsWith("ISRCTN") ? number : "ISRCTN" + number) : canonical;
    return raw == null ? null : TrialIds.normalize(raw).orElse(raw);
  }

  /**
   * The content of {@code fullTrial}.
   *
   * @param fullTrial the element
   * @param fetchedAt when it was fetched: the default format carries no status text, so the
   *     recruitment status is worked out from the dates as of then (see {@link RecruitmentStatus})
   * @throws ParseException {@code MISSING_FIELD} without {@code trial} or a valid ISRCTN number
   */
  public static TrialRecord.Builder map(final Element fullTrial, final Instant fetchedAt) throws ParseException {
    final Element trial = child(fullTrial, "trial");
    if (trial == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "<fullTrial> has no <trial>");
    }
    final String id = isrctnId(fullTrial);
    if (id == null || !id.matches("ISRCTN\\d{8}")) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "<trial> has no valid <isrctn> number"
          + (id == null ? "" : " (found '" + id + "')"));
    }
    final Element description = child(trial, "trialDescription");
    final Element design = child(trial, "trialDesign");
    final Element participants = child(trial, "participants");
    final List<String> sponsors = names(children(fullTrial, "sponsor"), "organisation");
    final TrialRecord.Builder b = TrialRecord.newBuilder()
        .setRegistry(TrialIds.ISRCTN)
        .setRegistryId(id)
        .setSecondaryIds(ExternalRefs.of(child(trial, "externalRefs")))
        .setBriefTitle(text(child(description, "title")))
        .setOfficialTitle(text(child(description, "scientificTitle")))
        .setAcronym(text(child(description, "acronym")))
        .setBriefSummary(summary(text(child(description, "plainEnglishSummary"))))
        .setDetailedDescription(text(child(description, "studyHypothesis")))
        .setConditions(conditions(child(trial, "conditions")))
        .setKeywords(texts(children(child(trial, "conditions"), "condition"), "diseaseClass1"))
        .setInterventions(interventions(child(trial, "interventions")))
        .setArms(List.of())
        .setOutcomes(outcomes(description))
        .setPhases(texts(children(child(trial, "interventions"), "intervention"), "phase"))
        .setStudyType(text(child(design, "primaryStudyDesign")))
        .setWhyStopped(text(child(design, "reasonAbandoned")))
        .setStatus(RecruitmentStatus.of(trial, fetchedAt))
        .setFirstPosted(PartialDates.normalize(firstNonNull(attribute(child(trial, "isrctn"), "dateAssigned"),
            attribute(trial, "publicIdentifierDateAssigned"))))
        .setLastUpdatePosted(PartialDates.normalize(attribute(trial, "lastUpdated")))
        .setStartDate(PartialDates.normalize(firstNonNull(text(child(design, "overallStartDate")),
            text(child(participants, "recruitmentStart")))))
        .setCompletionDate(PartialDates.normalize(text(child(design, "overallEndDate"))))
        .setLeadSponsor(sponsors.isEmpty() ? null : sponsors.get(0))
        .setCollaborators(collaborators(sponsors, names(children(fullTrial, "funder"), "name")))
        .setCountries(countries(participants))
        .setReferences(List.of());
    enrollment(participants, b);
    return b;
  }

  private static String summary(final String plainEnglish) {
    return plainEnglish == null || PLACEHOLDER.matcher(plainEnglish).matches() ? null : plainEnglish;
  }

  /** Each line of each condition's description, then the specific disease chosen ({@code diseaseClass2}). */
  private static List<String> conditions(final Element conditions) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element c : children(conditions, "condition")) {
      out.addAll(NumberedText.items(raw(child(c, "description"))));
      final String specific = text(child(c, "diseaseClass2"));
      if (specific != null) {
        out.add(specific);
      }
    }
    return new ArrayList<>(out);
  }

  /** One per {@code intervention}: named by its {@code drugNames}, else by its description's first sentence. */
  private static List<Intervention> interventions(final Element interventions) {
    final List<Intervention> out = new ArrayList<>();
    for (final Element i : children(interventions, "intervention")) {
      final String descriptionText = text(child(i, "description"));
      final String name = firstNonNull(text(child(i, "drugNames")), NumberedText.shortName(descriptionText));
      if (name != null) {
        out.add(Intervention.newBuilder().setName(name).setType(text(child(i, "interventionType")))
            .setDescription(descriptionText).build());
      }
    }
    return out;
  }

  /** The structured outcome measures' variables; the older free-text lists where there are none. */
  private static List<String> outcomes(final Element description) {
    final List<String> out = new ArrayList<>();
    for (final String kind : List.of("primary", "secondary")) {
      final List<String> structured = texts(children(child(description, kind + "Outcomes"), "outcomeMeasure"),
          "variable");
      out.addAll(structured.isEmpty() ? NumberedText.items(raw(child(description, kind + "Outcome"))) : structured);
    }
    return out;
  }

  private static List<String> countries(final Element participants) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element c : children(child(participants, "recruitmentCountries"), "country")) {
      Optional.ofNullable(text(c)).map(Countries::canonicalOrAsGiven).ifPresent(out::add);
    }
    for (final Element centre : children(child(participants, "trialCentres"), "trialCentre")) {
      Optional.ofNullable(text(child(centre, "country"))).map(Countries::canonicalOrAsGiven).ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }

  /** The final enrolment once there is one (above zero), else the target. */
  private static void enrollment(final Element participants, final TrialRecord.Builder b) {
    final Integer finalEnrolment = number(text(child(participants, "totalFinalEnrolment")));
    if (finalEnrolment != null && finalEnrolment > 0) {
      b.setEnrollment(finalEnrolment).setEnrollmentType("ACTUAL");
      return;
    }
    final Integer target = number(firstNonNull(text(child(participants, "targetEnrolment")),
        text(child(participants, "totalTarget"))));
    if (target != null) {
      b.setEnrollment(target).setEnrollmentType("ESTIMATED");
    }
  }

  private static List<String> collaborators(final List<String> sponsors, final List<String> funders) {
    final Set<String> out = new LinkedHashSet<>(sponsors.size() > 1 ? sponsors.subList(1, sponsors.size()) : List.of());
    out.addAll(funders);
    if (!sponsors.isEmpty()) {
      out.remove(sponsors.get(0));
    }
    return new ArrayList<>(out);
  }

  private static List<String> names(final List<Element> parties, final String field) {
    return texts(parties, field);
  }

  /** The distinct plain texts of the {@code field} child of each element, in order. */
  private static List<String> texts(final List<Element> elements, final String field) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element e : elements) {
      final String t = text(child(e, field));
      if (t != null) {
        out.add(t);
      }
    }
    return new ArrayList<>(out);
  }

  private static Integer number(final String text) {
    if (text == null) {
      return null;
    }
    final Matcher m = FIRST_NUMBER.matcher(text);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static String firstNonNull(final String a, final String b) {
    return a != null ? a : b;
  }
}
