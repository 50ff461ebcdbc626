package io.exowatch.ingest.ictrp.internal;

import io.exowatch.common.ids.TrialIds;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry code of an ICTRP {@code Source Register} cell, for rows whose {@code TrialID} is not
 * an id {@link TrialIds} knows: the {@link TrialIds} codes for the registries it knows under any of the
 * names ICTRP uses ({@code ClinicalTrials.gov}, {@code EU Clinical Trials Register},
 * {@code German Clinical Trials Register}, ...), otherwise the name in upper case with anything but
 * letters and digits as {@code -} ({@code NL-OMON}, {@code RPCEC}, {@code ITMCTR}), and
 * {@value #UNKNOWN} when the cell is empty.
 */
public final class SourceRegisters {

  /** The code of a row whose registry is unknown. */
  public static final String UNKNOWN = "ICTRP";

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static final Map<String, String> CODES = Map.ofEntries(
      Map.entry("clinicaltrials gov", TrialIds.CTGOV), Map.entry("ctgov", TrialIds.CTGOV),
      Map.entry("chictr", TrialIds.CHICTR), Map.entry("chinese clinical trial registry", TrialIds.CHICTR),
      Map.entry("irct", TrialIds.IRCT), Map.entry("iranian registry of clinical trials", TrialIds.IRCT),
      Map.entry("isrctn", TrialIds.ISRCTN),
      Map.entry("eu clinical trials register", TrialIds.EUCTR), Map.entry("euctr", TrialIds.EUCTR),
      Map.entry("clinical trials information system", TrialIds.EUCTR), Map.entry("ctis", TrialIds.EUCTR),
      Map.entry("anzctr", TrialIds.ANZCTR),
      Map.entry("german clinical trials register", TrialIds.DRKS), Map.entry("drks", TrialIds.DRKS),
      Map.entry("jprn", TrialIds.JPRN), Map.entry("ctri", TrialIds.CTRI),
      Map.entry("cris", TrialIds.CRIS), Map.entry("kct", TrialIds.CRIS),
      Map.entry("netherlands trial register", TrialIds.NTR), Map.entry("ntr", TrialIds.NTR),
      Map.entry("pactr", TrialIds.PACTR), Map.entry("tctr", TrialIds.TCTR),
      Map.entry("rebec", TrialIds.REBEC), Map.entry("slctr", TrialIds.SLCTR), Map.entry("lbctr", TrialIds.LBCTR));

  private SourceRegisters() {
  }

  /** The registry code for a {@code Source Register} cell ({@code null} or blank gives {@value #UNKNOWN}). */
  public static String code(final String sourceRegister) {
    if (sourceRegister == null || sourceRegister.isBlank()) {
      return UNKNOWN;
    }
    final String folded = NOT_WORD.matcher(sourceRegister.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    final String known = CODES.get(folded);
    if (known != null) {
      return known;
    }
    final String code = NOT_WORD.matcher(sourceRegister.strip().toUpperCase(Locale.ROOT)).replaceAll("-");
    final String trimmed = code.replaceAll("^-+|-+$", "");
    return trimmed.isEmpty() ? UNKNOWN : trimmed;
  }
}
