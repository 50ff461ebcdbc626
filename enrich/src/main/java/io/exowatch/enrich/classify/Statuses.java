package io.exowatch.enrich.classify;

import io.exowatch.schemas.avro.TrialStatus;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Normalises recruitment statuses as registries write them into one {@link TrialStatus}.
 *
 * <p>Understood: every ClinicalTrials.gov enum ({@code ACTIVE_NOT_RECRUITING}, {@code TEMPORARILY_NOT_AVAILABLE}
 * as SUSPENDED, {@code APPROVED_FOR_MARKETING} as AVAILABLE, {@code WITHHELD} as UNKNOWN); ChiCTR,
 * IRCT, ISRCTN, ANZCTR and EU register words: {@code Pending}, {@code Authorised} and
 * {@code Not yet recruiting} (NOT_YET_RECRUITING), {@code Recruiting}, {@code Open},
 * {@code Restarted} (RECRUITING), {@code Ongoing}, {@code Recruitment complete},
 * {@code No longer recruiting}, {@code Closed to recruitment} (ACTIVE_NOT_RECRUITING),
 * {@code Suspended}, {@code Temporarily halted} (SUSPENDED), {@code Prematurely Ended},
 * {@code Stopped}, {@code Stopped early} (TERMINATED), {@code Completed}, {@code Complete},
 * {@code Finished} (COMPLETED), {@code Withdrawn}; and ChiCTR's Chinese status words. Case,
 * underscores and punctuation are ignored. Anything else is UNKNOWN. Thread-safe, no state.
 */
public final class Statuses {

  private static final Map<String, TrialStatus> EXACT = Map.ofEntries(
      Map.entry("not yet recruiting", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("pending", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("authorised", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("authorized", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("approved", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("planned", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("recruiting", TrialStatus.RECRUITING),
      Map.entry("open", TrialStatus.RECRUITING),
      Map.entry("open to recruitment", TrialStatus.RECRUITING),
      Map.entry("restarted", TrialStatus.RECRUITING),
      Map.entry("enrolling by invitation", TrialStatus.ENROLLING_BY_INVITATION),
      Map.entry("active not recruiting", TrialStatus.ACTIVE_NOT_RECRUITING),
      // "Ongoing" (EU CTR, ISRCTN) says the trial runs, not whether it recruits.
      Map.entry("ongoing", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("active", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("not recruiting", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("no longer recruiting", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("recruitment complete", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("recruitment completed", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("closed to recruitment", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("closed to accrual", TrialStatus.ACTIVE_NOT_RECRUITING),
      Map.entry("suspended", TrialStatus.SUSPENDED),
      Map.entry("suspending", TrialStatus.SUSPENDED),
      Map.entry("temporarily halted", TrialStatus.SUSPENDED),
      Map.entry("temporarily not available", TrialStatus.SUSPENDED),
      Map.entry("recruiting stopped after recruiting started", TrialStatus.SUSPENDED),
      Map.entry("terminated", TrialStatus.TERMINATED),
      Map.entry("prematurely ended", TrialStatus.TERMINATED),
      Map.entry("stopped", TrialStatus.TERMINATED),
      Map.entry("stopped early", TrialStatus.TERMINATED),
      Map.entry("completed", TrialStatus.COMPLETED),
      Map.entry("complete", TrialStatus.COMPLETED),
      Map.entry("finished", TrialStatus.COMPLETED),
      Map.entry("ended", TrialStatus.COMPLETED),
      Map.entry("withdrawn", TrialStatus.WITHDRAWN),
      Map.entry("available", TrialStatus.AVAILABLE),
      Map.entry("approved for marketing", TrialStatus.AVAILABLE),
      Map.entry("no longer available", TrialStatus.NO_LONGER_AVAILABLE),
      Map.entry("unknown", TrialStatus.UNKNOWN),
      Map.entry("unknown status", TrialStatus.UNKNOWN),
      Map.entry("withheld", TrialStatus.UNKNOWN),
      Map.entry("尚未开始", TrialStatus.NOT_YET_RECRUITING),
      Map.entry("正在进行", TrialStatus.RECRUITING),
      Map.entry("暂停或中断", TrialStatus.SUSPENDED),
      Map.entry("结束", TrialStatus.COMPLETED));

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /**
   * Statuses read before, by the registry's text: registries use a few dozen, so nearly every
   * record is a lookup. Bounded, so that free-text statuses cannot grow it without end.
   */
  private static final Map<String, TrialStatus> READ = new ConcurrentHashMap<>();
  private static final int READ_LIMIT = 4096;

  private Statuses() {
  }

  /**
   * The normalised status of a record.
   *
   * @param status the status as the registry states it; {@code null} or blank gives UNKNOWN
   * @return the status
   */
  public static TrialStatus normalise(final String status) {
    if (status == null) {
      return TrialStatus.UNKNOWN;
    }
    final TrialStatus known = READ.get(status);
    if (known != null) {
      return known;
    }
    final TrialStatus read = read(status);
    if (READ.size() < READ_LIMIT) {
      READ.put(status, read);
    }
    return read;
  }

  private static TrialStatus read(final String status) {
    if (status.isBlank()) {
      return TrialStatus.UNKNOWN;
    }
    final String key = NON_WORD.matcher(status.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    final TrialStatus exact = EXACT.get(key);
    if (exact != null) {
      return exact;
    }
    if (key.contains("withdrawn")) {
      return TrialStatus.WITHDRAWN;
    } else if (key.contains("terminat") || key.contains("stopped") || key.contains("prematurely")) {
      return TrialStatus.TERMINATED;
    } else if (key.contains("suspend") || key.contains("halt")) {
      return TrialStatus.SUSPENDED;
    } else if (key.contains("not yet")) {
      return TrialStatus.NOT_YET_RECRUITING;
    } else if (key.contains("invitation")) {
      return TrialStatus.ENROLLING_BY_INVITATION;
    } else if (key.contains("no longer available")) {
      return TrialStatus.NO_LONGER_AVAILABLE;
    } else if (key.contains("not recruiting") || key.contains("no longer recruiting")
        || key.contains("recruitment complete") || key.contains("closed")) {
      return TrialStatus.ACTIVE_NOT_RECRUITING;
    } else if (key.contains("recruiting")) {
      return TrialStatus.RECRUITING;
    } else if (key.contains("complet")) {
      return TrialStatus.COMPLETED;
    }
    return TrialStatus.UNKNOWN;
  }
}
