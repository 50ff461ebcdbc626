package io.exowatch.common.ids;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds clinical-trial registry identifiers in free text and normalises them, so that the same
 * registration written in different ways ({@code nct 03608631}, {@code NCT03608631}) yields one id.
 *
 * <p>Recognised forms and their normalised spelling (the registry code {@link #registryOf} returns):
 * <ul>
 *   <li>{@code NCT03608631} ({@value #CTGOV})</li>
 *   <li>{@code ChiCTR2000029990} and the older {@code ChiCTR-TRC-12002536} ({@value #CHICTR})</li>
 *   <li>{@code IRCT20130812014333N223}, older {@code IRCT201108247428N1} ({@value #IRCT})</li>
 *   <li>{@code ISRCTN12345678} ({@value #ISRCTN})</li>
 *   <li>EudraCT {@code 2005-002909-23} (an {@code EUCTR} prefix and a {@code -PT} country suffix are
 *       dropped, as is {@code -3RD}, the suffix of trials outside the EU/EEA) and EU CT (CTIS) {@code 2023-503456-12-00} ({@value #EUCTR})</li>
 *   <li>{@code ACTRN12620000123456} ({@value #ANZCTR})</li>
 *   <li>{@code DRKS00012345} ({@value #DRKS})</li>
 *   <li>Japanese registrations: {@code UMIN000012345}, {@code jRCT2031210123}, {@code jRCTs031180001},
 *       {@code JapicCTI-123456}, {@code JMA-IIA00123}; a {@code JPRN-} prefix is dropped ({@value #JPRN})</li>
 *   <li>{@code CTRI/2020/05/025215} ({@value #CTRI})</li>
 *   <li>{@code KCT0005123} ({@value #CRIS})</li>
 *   <li>{@code NTR1234} (2 to 5 digits, no separator) ({@value #NTR})</li>
 *   <li>{@code PACTR201906487901868} ({@value #PACTR})</li>
 *   <li>{@code TCTR20200405001} ({@value #TCTR}), {@code RBR-2p5wrj} ({@value #REBEC}),
 *       {@code SLCTR/2019/012} ({@value #SLCTR}), {@code LBCTR2020043495} ({@value #LBCTR})</li>
 * </ul>
 * Prefixes match in any letter case; a single space or hyphen between prefix and digits is tolerated
 * ({@code NCT 03608631}, {@code ISRCTN-12345678}). Ids must stand alone: {@code XNCT03608631} or
 * {@code NCT036086312} are not ids. Thread-safe, no state.
 */
public final class TrialIds {

  /** ClinicalTrials.gov. */
  public static final String CTGOV = "CTGOV";
  /** Chinese Clinical Trial Registry. */
  public static final String CHICTR = "CHICTR";
  /** Iranian Registry of Clinical Trials. */
  public static final String IRCT = "IRCT";
  /** ISRCTN registry. */
  public static final String ISRCTN = "ISRCTN";
  /** EU Clinical Trials Register (EudraCT) and EU CTIS. */
  public static final String EUCTR = "EUCTR";
  /** Australian New Zealand Clinical Trials Registry. */
  public static final String ANZCTR = "ANZCTR";
  /** German Clinical Trials Register. */
  public static final String DRKS = "DRKS";
  /** Japan Primary Registries Network (UMIN-CTR, jRCT, JAPIC, JMACCT). */
  public static final String JPRN = "JPRN";
  /** Clinical Trials Registry - India. */
  public static final String CTRI = "CTRI";
  /** Clinical Research Information Service, Republic of Korea. */
  public static final String CRIS = "CRIS";
  /** Netherlands Trial Register. */
  public static final String NTR = "NTR";
  /** Pan African Clinical Trials Registry. */
  public static final String PACTR = "PACTR";
  /** Thai Clinical Trials Registry. */
  public static final String TCTR = "TCTR";
  /** Brazilian Clinical Trials Registry. */
  public static final String REBEC = "REBEC";
  /** Sri Lanka Clinical Trials Registry. */
  public static final String SLCTR = "SLCTR";
  /** Lebanese Clinical Trials Registry. */
  public static final String LBCTR = "LBCTR";

  /** No letter or digit may touch an id on either side. */
  private static final String START = "(?<![\\p{L}\\p{N}])";
  private static final String END = "(?![\\p{L}\\p{N}])";
  /** An optional single space or hyphen between a prefix and its digits. */
  private static final String SEP = "[ \\-]?";

  /** An EU CT (CTIS) number, {@code 2023-503456-12-00}: the year, a number starting with 5, two pairs of digits. */
  private static final String EU_CT_NUMBER = "(?:19|20)\\d{2}-5\\d{5}-\\d{2}-\\d{2}";
  private static final Pattern EU_CT = Pattern.compile(EU_CT_NUMBER);

  /**
   * One alternation, so that {@link Matcher#find()} reports ids in text order. Each alternative has a
   * named group whose name picks the normaliser; the order matters only where forms overlap
   * (CTIS before EudraCT).
   */
  private static final Pattern ID = Pattern.compile(
      START + "(?:"
          + "(?<nct>NCT" + SEP + "\\d{8})"
          + "|ChiCTR-?(?<chictr>\\d{10})"
          + "|ChiCTR-(?<chictrold>[A-Z]{2,4}-\\d{8})"
          + "|(?<irct>IRCT\\d{8,14}N\\d{1,4})"
          + "|ISRCTN" + SEP + "(?<isrctn>\\d{8})"
          + "|(?:EUCTR)?(?<ctis>" + EU_CT_NUMBER + ")"
          + "|(?:EUCTR)?(?<eudract>(?:19|20)\\d{2}-\\d{6}-\\d{2})(?!-(?!3RD)\\d)(?:-(?:[A-Z]{2,3}|3RD)" + END + ")?"
          + "|ACTRN" + SEP + "(?<actrn>\\d{14})[pP]?"
          + "|DRKS" + SEP + "(?<drks>\\d{8})"
          + "|(?:JPRN-)?(?<umin>UMIN\\d{9})"
          + "|(?:JPRN-)?(?<jrct>jRCT[a-z]?\\d{9,10})"
          + "|(?:JPRN-)?(?<japic>JapicCTI-\\d{6})"
          + "|(?:JPRN-)?(?<jma>JMA-IIA\\d{5})"
          + "|CTRI[/\\-](?<ctri>\\d{4}[/\\-]\\d{2,3}[/\\-]\\d{6})"
          + "|KCT" + SEP + "(?<kct>\\d{7})"
          + "|NTR(?<ntr>\\d{2,5})"
          + "|PACTR" + SEP + "(?<pactr>\\d{12,16})"
          + "|TCTR" + SEP + "(?<tctr>\\d{11})"
          + "|RBR-(?<rebec>[0-9a-z]{6,8})"
          + "|SLCTR/(?<slctr>\\d{4}/\\d{3})"
          + "|LBCTR(?<lbctr>\\d{10})"
          + ")" + END,
      Pattern.CASE_INSENSITIVE);

  private TrialIds() {
  }

  /**
   * Every trial registry id in {@code text}, normalised, without duplicates, in order of first
   * appearance.
   *
   * @param text free text; {@code null} or empty gives an empty list
   * @return an unmodifiable list of normalised ids
   */
  public static List<String> find(final CharSequence text) {
    if (text == null || text.length() == 0) {
      return List.of();
    }
    final Set<String> ids = new LinkedHashSet<>();
    final Matcher m = ID.matcher(text);
    while (m.find()) {
      ids.add(normalised(m));
    }
    return List.copyOf(new ArrayList<>(ids));
  }

  /**
   * The normalised form of one id, if {@code id} (trimmed) is exactly one recognised id.
   *
   * @param id a candidate id such as {@code "nct 03608631"}
   * @return the normalised id ({@code "NCT03608631"}), or empty when it is not a recognised id
   */
  public static Optional<String> normalize(final String id) {
    if (id == null) {
      return Optional.empty();
    }
    final Matcher m = ID.matcher(id.strip());
    return m.matches() ? Optional.of(normalised(m)) : Optional.empty();
  }

  /**
   * Whether {@code id}, normalised ({@link #normalize}), is an EU CT number of CTIS rather than a
   * EudraCT number; both belong to {@value #EUCTR}.
   */
  public static boolean isEuCtNumber(final String id) {
    return id != null && EU_CT.matcher(id).matches();
  }

  /**
   * The registry code of an id, normalised or not: {@code "NCT03608631"} gives {@value #CTGOV},
   * {@code "2005-002909-23"} gives {@value #EUCTR}.
   *
   * @param id a trial registry id
   * @return the registry code, one of the constants of this class
   * @throws IllegalArgumentException if {@code id} is not a recognised trial id; the message names it
   */
  public static String registryOf(final String id) {
    final Matcher m = ID.matcher(Objects.requireNonNull(id, "id").strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a recognised trial registry id: '" + id + "'");
    }
    if (m.group("nct") != null) {
      return CTGOV;
    } else if (m.group("chictr") != null || m.group("chictrold") != null) {
      return CHICTR;
    } else if (m.group("irct") != null) {
      return IRCT;
    } else if (m.group("isrctn") != null) {
      return ISRCTN;
    } else if (m.group("ctis") != null || m.group("eudract") != null) {
      return EUCTR;
    } else if (m.group("actrn") != null) {
      return ANZCTR;
    } else if (m.group("drks") != null) {
      return DRKS;
    } else if (m.group("umin") != null || m.group("jrct") != null
        || m.group("japic") != null || m.group("jma") != null) {
      return JPRN;
    } else if (m.group("ctri") != null) {
      return CTRI;
    } else if (m.group("kct") != null) {
      return CRIS;
    } else if (m.group("ntr") != null) {
      return NTR;
    } else if (m.group("pactr") != null) {
      return PACTR;
    } else if (m.group("tctr") != null) {
      return TCTR;
    } else if (m.group("rebec") != null) {
      return REBEC;
    } else if (m.group("slctr") != null) {
      return SLCTR;
    } else {
      return LBCTR;
    }
  }

  /** The canonical spelling of the id the matcher currently holds. */
  private static String normalised(final Matcher m) {
    String g;
    if ((g = m.group("nct")) != null) {
      return "NCT" + digits(g);
    } else if ((g = m.group("chictr")) != null) {
      return "ChiCTR" + g;
    } else if ((g = m.group("chictrold")) != null) {
      return "ChiCTR-" + upper(g);
    } else if ((g = m.group("irct")) != null) {
      return upper(g);
    } else if ((g = m.group("isrctn")) != null) {
      return "ISRCTN" + g;
    } else if ((g = m.group("ctis")) != null) {
      return g;
    } else if ((g = m.group("eudract")) != null) {
      return g;
    } else if ((g = m.group("actrn")) != null) {
      return "ACTRN" + g;
    } else if ((g = m.group("drks")) != null) {
      return "DRKS" + g;
    } else if ((g = m.group("umin")) != null) {
      return upper(g);
    } else if ((g = m.group("jrct")) != null) {
      return "jRCT" + g.substring(4).toLowerCase(Locale.ROOT);
    } else if ((g = m.group("japic")) != null) {
      return "JapicCTI-" + g.substring("JapicCTI-".length());
    } else if ((g = m.group("jma")) != null) {
      return upper(g);
    } else if ((g = m.group("ctri")) != null) {
      return "CTRI/" + g.replace('-', '/');
    } else if ((g = m.group("kct")) != null) {
      return "KCT" + g;
    } else if ((g = m.group("ntr")) != null) {
      return "NTR" + g;
    } else if ((g = m.group("pactr")) != null) {
      return "PACTR" + g;
    } else if ((g = m.group("tctr")) != null) {
      return "TCTR" + g;
    } else if ((g = m.group("rebec")) != null) {
      return "RBR-" + g.toLowerCase(Locale.ROOT);
    } else if ((g = m.group("slctr")) != null) {
      return "SLCTR/" + g;
    } else {
      return "LBCTR" + m.group("lbctr");
    }
  }

  private static String digits(final String s) {
    return s.replaceAll("\\D", "");
  }

  private static String upper(final String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
