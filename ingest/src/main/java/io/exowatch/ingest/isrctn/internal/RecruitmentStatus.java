package io.exowatch.ingest.isrctn.internal;

import static io.exowatch.ingest.isrctn.internal.NsElements.child;
import static io.exowatch.ingest.isrctn.internal.NsElements.text;

import io.exowatch.ingest.parse.PartialDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.w3c.dom.Element;

/**
 * The status of an ISRCTN trial in ISRCTN's own words. The default API format carries no status
 * text: the site works it out from the dates unless the registry set an override. So, in order:
 * {@code participants/recruitmentStatusOverride} (e.g. "Stopped", "Suspended"), then
 * {@code trialDesign/overallStatusOverride}, then from the dates as of the fetch: "Completed" once
 * the overall end date and the recruitment end have passed, "Not yet recruiting" before the
 * recruitment start, "No longer recruiting" after the recruitment end, "Recruiting" in between;
 * {@code null} without a recruitment start.
 */
public final class RecruitmentStatus {

  private RecruitmentStatus() {
  }

  /** The status of {@code trial} as of {@code at}. */
  public static String of(final Element trial, final Instant at) {
    final Element participants = child(trial, "participants");
    final Element design = child(trial, "trialDesign");
    final String override = text(child(participants, "recruitmentStatusOverride"));
    if (override != null) {
      return override;
    }
    final String overall = text(child(design, "overallStatusOverride"));
    if (overall != null) {
      return overall;
    }
    final LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
    final LocalDate start = day(text(child(participants, "recruitmentStart")));
    final LocalDate end = day(text(child(participants, "recruitmentEnd")));
    final LocalDate overallEnd = day(text(child(design, "overallEndDate")));
    if (end != null && end.isBefore(today) && overallEnd != null && overallEnd.isBefore(today)) {
      return "Completed";
    }
    if (start == null) {
      return null;
    }
    if (start.isAfter(today)) {
      return "Not yet recruiting";
    }
    return end != null && end.isBefore(today) ? "No longer recruiting" : "Recruiting";
  }

  private static LocalDate day(final String text) {
    final String iso = PartialDates.normalize(text);
    return iso != null && iso.length() == 10 ? LocalDate.parse(iso) : null;
  }
}
