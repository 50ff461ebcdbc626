package io.exowatch.ingest.ictrp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns of a WHO ICTRP CSV export that the import reads, each with the header names the export
 * versions use for it. Header names match ignoring case, punctuation, spacing and a UTF-8 byte-order
 * mark ({@code "Date enrollement"}, {@code "date_enrollement"} and {@code "Date enrollment"} are the
 * same column). The search portal's export (58 columns in 2025: {@code TrialID}, {@code Last Refreshed on},
 * ..., {@code Secondary ID}, ..., {@code Bridging flag truefalse}, {@code Bridged type}) and the older
 * COVID-19 export (no {@code Secondary ID}, a {@code Retrospective flag}) both map; any column may be
 * absent except {@link #TRIAL_ID}, and columns not listed here are kept only in the record's payload.
 */
public enum IctrpColumn {

  /** The registration id as ICTRP writes it ({@code EUCTR2020-001039-29-GR}, {@code JPRN-jRCT2031210123}). */
  TRIAL_ID("TrialID", "Trial ID", "Main ID"),
  /** When ICTRP last refreshed the record from its registry, e.g. {@code 17 February 2025}. */
  LAST_REFRESHED_ON("Last Refreshed on", "Last updated"),
  /** Other ids of the registration: sponsor numbers, UTNs, other registries' ids. */
  SECONDARY_ID("Secondary ID", "Secondary IDs", "SecondaryIDs"),
  /** Title for the public. */
  PUBLIC_TITLE("Public title"),
  /** Scientific title. */
  SCIENTIFIC_TITLE("Scientific title"),
  /** Acronym. */
  ACRONYM("Acronym"),
  /** Primary sponsor. */
  PRIMARY_SPONSOR("Primary sponsor"),
  /** Secondary sponsors, {@code ;}-separated. */
  SECONDARY_SPONSOR("Secondary Sponsor", "Secondary sponsors"),
  /** Registration date as the registry gave it (mostly {@code dd/mm/yyyy}). */
  DATE_REGISTRATION("Date registration", "Date of registration"),
  /** Registration date as {@code yyyymmdd}; preferred over {@link #DATE_REGISTRATION}. */
  DATE_REGISTRATION3("Date registration3"),
  /** The registry, e.g. {@code ClinicalTrials.gov}, {@code ChiCTR}, {@code EU Clinical Trials Register}. */
  SOURCE_REGISTER("Source Register"),
  /** The registration's page at its registry. */
  WEB_ADDRESS("web address", "url"),
  /** Recruitment status as stated. */
  RECRUITMENT_STATUS("Recruitment Status"),
  /** Whether (or which) other records of the trial exist. */
  OTHER_RECORDS("other records"),
  /** Date of first enrolment; its form varies by registry. */
  DATE_ENROLLMENT("Date enrollement", "Date enrollment", "Date enrolment"),
  /** Whether the enrolment is anticipated or actual (weekly full export). */
  TYPE_ENROLMENT("type enrolment", "Type enrollment", "Enrollment type"),
  /** Target sample size: a number, or per group ({@code Group A:30;Group B:30;}). */
  TARGET_SIZE("Target size"),
  /** Study type as stated. */
  STUDY_TYPE("Study type"),
  /** Phase as stated; EU CTR writes one yes/no line per phase. */
  PHASE("Phase"),
  /** Countries of recruitment, {@code ;}-separated. */
  COUNTRIES("Countries"),
  /** Health conditions studied. */
  CONDITION("Condition", "Conditions"),
  /** Interventions. */
  INTERVENTION("Intervention", "Interventions"),
  /** Primary outcomes. */
  PRIMARY_OUTCOME("Primary outcome", "Primary outcomes"),
  /** Secondary outcomes. */
  SECONDARY_OUTCOME("Secondary outcome", "Secondary outcomes"),
  /** Date the study completed (results section). */
  RESULTS_DATE_COMPLETED("results date completed"),
  /** Bridging: {@code True}/{@code False} in the portal export, the bridged registration's id in the full export. */
  BRIDGING_FLAG("Bridging flag truefalse", "Bridging flag"),
  /** {@code parent} or {@code child}: which side of a bridge this row is. */
  BRIDGED_TYPE("Bridged type"),
  /** Ids of the child registrations of a parent row (weekly full export). */
  CHILDS("Childs", "Child records");

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Map<String, IctrpColumn> BY_KEY = byKey();

  private final List<String> headers;

  IctrpColumn(final String... headers) {
    this.headers = List.of(headers);
  }

  /** The header names this column goes by, the usual one first. */
  public List<String> headers() {
    return headers;
  }

  /** The column a header cell names, if it is one the import reads. */
  public static Optional<IctrpColumn> forHeader(final String header) {
    return Optional.ofNullable(BY_KEY.get(key(header)));
  }

  /** A header name folded: no byte-order mark, lower case, runs of anything but letters and digits as one space. */
  static String key(final String header) {
    if (header == null) {
      return "";
    }
    final String noBom = header.replace("\uFEFF", "");
    return NOT_WORD.matcher(noBom.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private static Map<String, IctrpColumn> byKey() {
    final Map<String, IctrpColumn> map = new HashMap<>();
    for (final IctrpColumn c : values()) {
      for (final String h : c.headers) {
        map.put(key(h), c);
      }
    }
    return Map.copyOf(map);
  }
}
