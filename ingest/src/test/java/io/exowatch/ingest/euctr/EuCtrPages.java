package io.exowatch.ingest.euctr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * EU CTR responses written by the tests themselves, in the register's layouts (as the files in
 * src/test/resources/euctr): search result pages, full-text downloads and protocol pages of small
 * MSC-vesicle trials, one member state each or several.
 */
public final class EuCtrPages {

  /** The download's first line. */
  public static final String PREAMBLE = "This file contains full details on each clinical trial selected for download. "
      + "Where multi-state trials have been downloaded full information for each of the member states/countries "
      + "involved in the trial are included separately.";

  private EuCtrPages() {
  }

  /**
   * A trial to write.
   *
   * @param eudractNumber its number
   * @param title its full title (A.3)
   * @param states its member-state codes ({@code ES}, {@code 3rd})
   */
  public record Trial(String eudractNumber, String title, List<String> states) {

    /** A trial of {@code states}. */
    public static Trial of(final String eudractNumber, final String title, final String... states) {
      return new Trial(eudractNumber, title, List.of(states));
    }
  }

  /** Search result page {@code page} of {@code pages}, listing {@code trials} (20 a page on the real site). */
  public static String searchPage(final int page, final int pages, final int total, final List<Trial> trials) {
    final String next = page < pages
        ? "<a href=\"/ctr-search/search?query=exosome&amp;page=" + (page + 1) + "\" accesskey=\"n\">Next&raquo;</a>" : "";
    final String results = trials.stream().map(EuCtrPages::result).collect(Collectors.joining("\n"));
    return "<!DOCTYPE html>\n<html><head><title>Clinical Trials Register - Search for exosome</title></head><body>\n"
        + "<div id=\"content\" class=\"container_12\">\n<div class=\"outcome grid_12\">" + total
        + " result(s) found for: exosome. &nbsp; Displaying page " + page + " of " + pages + ".\n"
        + "<div class=\"margin-bottom\"><strong>" + page + "</strong>&nbsp;" + next + "</div></div>\n"
        + "<div id=\"tabs\" class=\"grid_12\"><ul><li><a href=\"#tabs-1\">Trials with a EudraCT protocol (" + total
        + ")</a></li></ul>\n<div id=\"tabs-1\" class=\"results grid_12\">\n" + results + "\n</div></div></div>\n</body></html>\n";
  }

  private static String result(final Trial t) {
    final String links = t.states().stream().map(s -> "<a href=\"/ctr-search/trial/" + t.eudractNumber() + "/" + s
        + "\">" + s + "</a><span class=\"status\">(Ongoing)</span>").collect(Collectors.joining(" "));
    return "<table class=\"result\">\n<tr><td class=\"first\"><span class=\"label\">EudraCT Number:</span> "
        + t.eudractNumber() + "</td><td><span class=\"label\">Sponsor Protocol Number:</span> P-1</td></tr>\n"
        + "<tr><td colspan=\"3\"><span class=\"label\">Full Title:</span> " + t.title() + "</td></tr>\n"
        + "<tr><td colspan=\"3\"><span class=\"label\">Trial protocol:</span> " + links + "</td></tr>\n</table>";
  }

  /** The full-text download of {@code trials}: the preamble, then one block per trial and member state. */
  public static String download(final List<Trial> trials) {
    final StringBuilder sb = new StringBuilder(PREAMBLE).append("\n\n");
    for (final Trial t : trials) {
      for (final String state : t.states()) {
        sb.append(block(t.eudractNumber(), t.title(), state)).append('\n');
      }
    }
    return sb.toString();
  }

  /** One member-state block of a download; {@code eudractNumber} is written as given (it may be broken). */
  public static String block(final String eudractNumber, final String title, final String state) {
    final boolean third = state.equals("3rd");
    return "Summary\nEudraCT Number: " + eudractNumber + "\nSponsor's Protocol Code Number: P-1\n"
        + (third ? "" : "National Competent Authority: " + authority(state) + "\n")
        + "Clinical Trial Type: " + (third ? "Outside EU/EEA" : "EEA CTA") + "\n"
        + (third ? "" : "Trial Status: Ongoing\n")
        + "Date on which this record was first entered in the EudraCT database: 2021-03-04\n"
        + "Link: https://www.clinicaltrialsregister.eu/ctr-search/trial/" + eudractNumber + "/" + state + "/\n\n"
        + "A. Protocol Information\n" + (third ? "" : "A.1 Member State Concerned: " + authority(state) + "\n")
        + "A.2 EudraCT number: " + eudractNumber + "\nA.3 Full title of the trial: " + title + "\n\n"
        + "D. IMP Identification\nD.IMP: 1\nD.1.2 and D.1.3 IMP Role: Test\n"
        + "D.3.1 Product name: MSC-EV\nD.3.7 Routes of administration for this IMP:\nIntravenous use\n\n"
        + "E. General Information on the Trial\nE.1.1 Medical condition(s) being investigated: ARDS\n"
        + "E.7.2 Therapeutic exploratory (Phase II): Yes\n";
  }

  /** A member state's protocol page of a trial, in the page layout (summary table and section tables). */
  public static String protocolPage(final Trial t, final String state) {
    return "<!DOCTYPE html>\n<html><head><title>Clinical Trials Register</title></head><body><div class=\"detail\">\n"
        + "<a name=\"summary\"></a><table class=\"section summary\"><tbody>\n"
        + summaryRow("EudraCT Number:", t.eudractNumber()) + summaryRow("National Competent Authority:", authority(state))
        + summaryRow("Trial Status:", "Ongoing") + "</tbody></table>\n"
        + "<table id=\"section-a\" class=\"section content\"><thead><tr><th colspan=\"3\"><div class=\"title\"> "
        + "A. Protocol Information </div></th></tr></thead><tbody>\n"
        + row("A.1", "Member State Concerned", authority(state)) + row("A.2", "EudraCT number", t.eudractNumber())
        + row("A.3", "Full title of the trial", "<table border=\"1\" width=\"100%\"><tr><td width=\"90%\">" + t.title()
            + "</td></tr></table>")
        + "</tbody></table>\n"
        + "<table id=\"section-d\" class=\"section content\"><tbody>\n<tr><td colspan=\"3\" class=\"cellBlue\">D.IMP: 1</td></tr>\n"
        + row("D.3.1", "Product name", "MSC-EV") + row("D.3.7", "Routes of administration for this IMP", "Intravenous use<br>")
        + "</tbody></table>\n</div></body></html>\n";
  }

  private static String summaryRow(final String label, final String value) {
    return "<tr><td class=\"cellGrey\" width=\"35%\">" + label + "</td><td class=\"cellLighterGrey\">" + value + "</td></tr>\n";
  }

  private static String row(final String code, final String label, final String value) {
    return "<tr class=\"tricell\"><td class=\"first\">" + code + "</td><td class=\"second\">" + label
        + "</td><td class=\"third\">" + value + "</td></tr>\n";
  }

  private static String authority(final String state) {
    return switch (state) {
      case "ES" -> "Spain - AEMPS";
      case "DE" -> "Germany - BfArM";
      case "FR" -> "France - ANSM";
      case "IT" -> "Italy - Italian Medicines Agency";
      case "GB" -> "UK - MHRA";
      default -> state + " - Competent Authority";
    };
  }
}
