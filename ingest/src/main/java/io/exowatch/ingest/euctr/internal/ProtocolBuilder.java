package io.exowatch.ingest.euctr.internal;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.euctr.EuCtrParseException;
import io.exowatch.ingest.euctr.MemberStateProtocol;
import io.exowatch.ingest.euctr.ProtocolField;
import io.exowatch.ingest.parse.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the fields of one member-state protocol as a parser meets them, then checks and builds it.
 * Fields in another language (a label ending in a language code, {@code Full title of the trial (es)})
 * take their continuation lines but are left out of the result: the English field is the record's.
 */
public final class ProtocolBuilder {

  /** A EudraCT number, e.g. {@code 2005-002909-23}. */
  public static final Pattern EUDRACT = Pattern.compile("\\d{4}-\\d{6}-\\d{2}");

  /** A protocol link: {@code .../ctr-search/trial/2005-002909-23/PT} (or {@code /3rd}), a slash at the end or not. */
  public static final Pattern TRIAL_LINK = Pattern.compile(
      "/ctr-search/trial/(\\d{4}-\\d{6}-\\d{2})/([A-Za-z]{2}|3rd)/?(?:[?#].*)?$");

  private static final Pattern TRANSLATED = Pattern.compile(".*\\s\\([a-z]{2,3}\\)$");

  private final List<Entry> entries = new ArrayList<>();
  private int group;

  /** Adds a field. */
  public void field(final String code, final String label, final String value) {
    final String l = label.strip();
    entries.add(new Entry(code.strip(), l, new StringBuilder(value.strip()), group, TRANSLATED.matcher(l).matches()));
  }

  /** Adds a heading (a code and title without a value). */
  public void heading(final String code, final String title) {
    field(code, title, "");
  }

  /** Starts sponsor or IMP number {@code n}: the fields that follow belong to it. */
  public void group(final int n) {
    group = n;
  }

  /** Appends a line to the last field's value; {@code false} when there is no field yet. */
  public boolean append(final String line) {
    if (entries.isEmpty()) {
      return false;
    }
    final StringBuilder v = entries.get(entries.size() - 1).value;
    if (v.length() > 0) {
      v.append('\n');
    }
    v.append(line.strip());
    return true;
  }

  /** Whether any field was added. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether a field has a code (a protocol section field rather than only the summary). */
  public boolean hasSectionFields() {
    return entries.stream().anyMatch(e -> !e.code.isEmpty());
  }

  /**
   * The raw value of the first summary field {@code summaryLabel} or field {@code code} ({@code null}: none),
   * whichever comes first.
   */
  private Optional<String> raw(final String summaryLabel, final String code) {
    return entries.stream()
        .filter(e -> !e.translated
            && (e.code.isEmpty() && e.label.equalsIgnoreCase(summaryLabel) || code != null && e.code.equals(code)))
        .map(e -> e.value.toString().strip()).filter(v -> !v.isEmpty()).findFirst();
  }

  /**
   * The protocol.
   *
   * @param source the register's text of it
   * @param memberState the member state code when the caller knows it (the page URL), else {@code null}:
   *     then the summary's {@code Link} says
   * @throws EuCtrParseException {@code MISSING_FIELD} when there is no EudraCT number (summary or A.2),
   *     or it is not of the form {@code yyyy-nnnnnn-nn}
   */
  public MemberStateProtocol build(final String source, final String memberState) throws EuCtrParseException {
    final String raw = raw("EudraCT Number", "A.2").orElseThrow(() -> new EuCtrParseException(
        ParseException.Kind.MISSING_FIELD, "no EudraCT Number (summary or A.2) in this protocol"));
    final String id = TrialIds.normalize(raw).filter(s -> EUDRACT.matcher(s).matches())
        .orElseThrow(() -> new EuCtrParseException(ParseException.Kind.MISSING_FIELD,
            "EudraCT Number '" + raw + "' is not of the form yyyy-nnnnnn-nn"));
    String state = memberState;
    if (state == null) {
      state = raw("Link", null).map(TRIAL_LINK::matcher).filter(Matcher::find).map(m -> m.group(2)).orElse(null);
    }
    final List<ProtocolField> fields = new ArrayList<>(entries.size());
    for (final Entry e : entries) {
      if (!e.translated) {
        fields.add(new ProtocolField(e.code, e.label, e.value.toString().strip(), e.group));
      }
    }
    return new MemberStateProtocol(id, state, fields, source);
  }

  /** A field being built. */
  private record Entry(String code, String label, StringBuilder value, int group, boolean translated) {
  }
}
