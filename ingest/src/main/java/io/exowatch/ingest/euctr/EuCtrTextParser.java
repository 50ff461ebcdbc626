package io.exowatch.ingest.euctr;

import io.exowatch.ingest.euctr.internal.ProtocolBuilder;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.RecordFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Reads the EU CTR full-text download ({@code /ctr-search/rest/download/full?query=...&page=n&mode=current_page}):
 * a preamble line ({@code This file contains full details on each clinical trial ...}), then one block
 * per trial and member state. A block opens with {@code Summary} and the summary lines
 * ({@code EudraCT Number: ...}, {@code Trial Status: ...}, {@code Link: .../trial/2022-002568-62/ES/}),
 * then the protocol sections, one {@code CODE Label: value} line per field ({@code A.3 Full title of the
 * trial: ...}, {@code B.1.3.4<TAB>Country: ...}, {@code N. Competent Authority Decision: ...}). A value may
 * run on over the following lines until the next field (inclusion criteria, the routes of D.3.7, the
 * countries of E.8.6.3). {@code Sponsor 1} and {@code D.IMP: 1} lines number the sponsors and IMPs;
 * section titles and headings without a value ({@code D.3.10 Strength}, {@code MedDRA Classification})
 * end a value. Pure and thread-safe.
 */
public final class EuCtrTextParser {

  /** The first words of the download's preamble. */
  public static final String PREAMBLE = "This file contains";

  private static final Pattern SUMMARY_FIELD = Pattern.compile("^(EudraCT Number|Sponsor's Protocol Code Number"
      + "|National Competent Authority|Clinical Trial Type|Trial Status"
      + "|Date on which this record was first entered in the EudraCT database|Link)\\s*:\\s*(.*)$");
  private static final Pattern SECTION = Pattern.compile("^[A-HNP]\\.\\s+(?:Protocol Information|Sponsor Information"
      + "|Applicant Identification|IMP Identification|General Information on the Trial|Population of Trial Subjects"
      + "|Investigator Networks.*|Review by the .*|End of Trial)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern CODED = Pattern.compile(
      "^([A-HNP]\\.\\d+(?:\\.\\d+)*(?:\\s+(?:and|to)\\s+[A-HNP]\\.\\d+(?:\\.\\d+)*)?)[ \\t]+(\\S.*)$");
  private static final Pattern LETTER_ONLY = Pattern.compile("^([NP]\\.)[ \\t]+(\\S.*)$");
  private static final Pattern IMP = Pattern.compile("^D\\.IMP:\\s*(\\d+)$");
  private static final Pattern SPONSOR = Pattern.compile("^(?:B\\.)?Sponsor:?\\s*(\\d+)$");
  private static final List<String> HEADINGS = List.of("MedDRA Classification");

  /**
   * What a download held.
   *
   * @param protocols the member-state protocols, in order
   * @param failures blocks that could not be read (no EudraCT number), with their text
   */
  public record Result(List<MemberStateProtocol> protocols, List<RecordFailure> failures) {

    /** Copies the lists. */
    public Result {
      protocols = List.copyOf(protocols);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Reads a full-text download.
   *
   * @param text the body
   * @return its protocols and unreadable blocks; none for a download of an empty result page (the preamble alone)
   * @throws EuCtrParseException {@code MALFORMED} for an empty body; {@code UNEXPECTED_CONTENT} for HTML
   *     (an error page), for text with neither the preamble nor a {@code Summary} block, and for blocks
   *     without any protocol section (the summary download rather than the full one)
   */
  public Result parse(final String text) throws EuCtrParseException {
    final String body = text == null ? "" : text.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
    if (body.isBlank()) {
      throw new EuCtrParseException(ParseException.Kind.MALFORMED,
          "empty body where the EU CTR full-text download was expected");
    }
    if (body.stripLeading().startsWith("<")) {
      throw new EuCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          describeMarkup(body) + " where the EU CTR full-text download was expected");
    }
    final List<Block> blocks = split(body);
    if (blocks.isEmpty()) {
      if (body.stripLeading().startsWith(PREAMBLE)) {
        return new Result(List.of(), List.of());
      }
      throw new EuCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT, "not an EU CTR full-text download: "
          + "neither its preamble ('" + PREAMBLE + " ...') nor a 'Summary' block with an 'EudraCT Number:' line; "
          + "it starts '" + excerpt(body) + "'");
    }
    if (blocks.stream().noneMatch(b -> b.fields.hasSectionFields())) {
      throw new EuCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT, "no protocol sections (A.1, A.3, "
          + "E.1.1 ...) in any of the " + blocks.size() + " blocks: the summary download rather than the full text?");
    }
    final List<MemberStateProtocol> protocols = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      final Block b = blocks.get(i);
      try {
        protocols.add(b.fields.build(b.text.toString().strip(), null));
      } catch (final EuCtrParseException e) {
        failures.add(new RecordFailure(null, "block #" + (i + 1) + " of the download: " + e.getMessage(),
            e.getClass().getName(), b.text.toString().strip()));
      }
    }
    return new Result(protocols, failures);
  }

  /** The blocks of the body: each opens with a {@code Summary} line or, lacking it, an {@code EudraCT Number:} line. */
  private static List<Block> split(final String body) {
    final List<Block> blocks = new ArrayList<>();
    Block current = null;
    boolean openedBySummary = false;
    for (final String rawLine : body.split("\n", -1)) {
      final String line = rawLine.strip();
      final boolean summary = line.equalsIgnoreCase("Summary");
      final boolean idLine = line.startsWith("EudraCT Number:");
      if (summary || idLine && !openedBySummary) {
        current = new Block();
        blocks.add(current);
      }
      openedBySummary = summary;
      if (current == null) {
        continue;
      }
      current.text.append(rawLine).append('\n');
      if (!summary && !line.isEmpty()) {
        read(current.fields, line);
      }
    }
    return blocks.stream().filter(b -> !b.fields.isEmpty()).toList();
  }

  /** Adds one non-blank line to the protocol being read. */
  private static void read(final ProtocolBuilder p, final String line) {
    Matcher m = SUMMARY_FIELD.matcher(line);
    if (m.matches()) {
      p.field("", m.group(1), m.group(2));
      return;
    }
    if (SECTION.matcher(line).matches()) {
      p.heading(line.substring(0, 2), line.substring(2).strip());
      p.group(0);
      return;
    }
    if ((m = IMP.matcher(line)).matches() || (m = SPONSOR.matcher(line)).matches()) {
      p.group(Integer.parseInt(m.group(1)));
      return;
    }
    m = CODED.matcher(line);
    if (m.matches()) {
      labelled(p, m.group(1), m.group(2));
      return;
    }
    m = LETTER_ONLY.matcher(line);
    if (m.matches() && separator(m.group(2)) > 0) {
      labelled(p, m.group(1), m.group(2));
      return;
    }
    if (HEADINGS.stream().anyMatch(h -> h.equalsIgnoreCase(line))) {
      p.heading("", line);
      return;
    }
    p.append(line);
  }

  /** A field line's label and value, or a heading when it has no separator. */
  private static void labelled(final ProtocolBuilder p, final String code, final String rest) {
    final int sep = separator(rest);
    if (sep < 0) {
      p.heading(code, rest);
    } else {
      p.field(code, rest.substring(0, rest.charAt(sep) == '?' ? sep + 1 : sep), rest.substring(sep + 1));
    }
  }

  /** Where the label ends: the first {@code :} (or {@code ?}) followed by a space or the end; -1 when none. */
  private static int separator(final String rest) {
    for (int i = 0; i < rest.length(); i++) {
      final char c = rest.charAt(i);
      if ((c == ':' || c == '?') && (i == rest.length() - 1 || Character.isWhitespace(rest.charAt(i + 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static String describeMarkup(final String body) {
    final String title = Jsoup.parse(body.length() > 65_536 ? body.substring(0, 65_536) : body).title().strip();
    return title.isEmpty() ? "an HTML page" : "an HTML page titled '" + excerpt(title) + "'";
  }

  private static String excerpt(final String s) {
    final String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= 120 ? one : one.substring(0, 120) + "...";
  }

  /** One member-state block: its text and its fields. */
  private static final class Block {
    private final StringBuilder text = new StringBuilder();
    private final ProtocolBuilder fields = new ProtocolBuilder();
  }
}
