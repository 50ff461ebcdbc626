package io.exowatch.ingest.euctr;

import io.exowatch.ingest.euctr.internal.Values;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The protocol of one EudraCT trial in one member state ({@code 2005-002909-23/PT}), or outside the
 * EU/EEA ({@code 2011-005852-33/3rd}): its fields in the order the register gives them. Several of these
 * share one EudraCT number; {@link EuCtrParser#records} merges them into one trial record.
 *
 * @param eudractNumber the EudraCT number, normalised ({@code 2005-002909-23})
 * @param memberState the member state code of the register's link ({@code PT}, {@code GB}, {@code 3rd}),
 *     or {@code null} when the input did not say
 * @param fields every field, in order
 * @param source the register's own text of this protocol (a block of the download, or the page's HTML)
 */
public record MemberStateProtocol(String eudractNumber, String memberState, List<ProtocolField> fields,
    String source) {

  /** Copies the fields. */
  public MemberStateProtocol {
    Objects.requireNonNull(eudractNumber, "eudractNumber");
    fields = List.copyOf(fields);
    Objects.requireNonNull(source, "source");
  }

  /**
   * The first value of a field with {@code code} and a label starting with {@code labelStart}, when it
   * says something (not blank, not {@code Information not present in EudraCT}, not {@code NA}).
   */
  public Optional<String> value(final String code, final String labelStart) {
    return fields.stream().filter(f -> f.is(code, labelStart)).map(ProtocolField::value)
        .filter(v -> !Values.isPlaceholder(v)).findFirst();
  }

  /** The first value of a summary field ({@code Trial Status}, {@code EudraCT Number}, ...), when it says something. */
  public Optional<String> summary(final String label) {
    return value("", label);
  }

  /** Every field with {@code code} (any label). */
  public List<ProtocolField> all(final String code) {
    return fields.stream().filter(f -> f.code().equals(code)).toList();
  }

  /** Whether a field with {@code code} and a label starting with {@code labelStart} says {@code Yes}. */
  public boolean says(final String code, final String labelStart) {
    return fields.stream().anyMatch(f -> f.is(code, labelStart) && Values.isYes(f.value()));
  }
}
