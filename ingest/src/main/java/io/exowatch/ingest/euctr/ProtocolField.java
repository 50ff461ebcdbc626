package io.exowatch.ingest.euctr;

import java.util.Objects;

/**
 * One labelled value of an EU CTR protocol, as both the full-text download ({@code E.1.1 Medical
 * condition(s) being investigated: ...}) and the protocol page (a row of code, label and value) give it.
 *
 * @param code the field code ({@code A.3}, {@code E.7.2}, {@code B.3.1 and B.3.2}, {@code N.}); empty for
 *     the summary fields ({@code EudraCT Number}, {@code Trial Status}, ...)
 * @param label the label without its trailing colon
 * @param value the value as written, lines of a list kept apart by {@code \n}; empty for a heading
 * @param group the number of the sponsor ({@code B.*} fields) or IMP ({@code D.*} fields) the field
 *     belongs to, counted by the register's {@code Sponsor 1} / {@code D.IMP: 1} separators; 0 before any
 */
public record ProtocolField(String code, String label, String value, int group) {

  /** Checks the parts. */
  public ProtocolField {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this field has {@code code} and a label starting with {@code labelStart} (any case; "" matches all). */
  public boolean is(final String code, final String labelStart) {
    return this.code.equals(code) && label.regionMatches(true, 0, labelStart, 0, labelStart.length());
  }
}
