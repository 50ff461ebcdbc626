package io.exowatch.ingest.ictrp;

import io.exowatch.ingest.parse.ParseException;

/**
 * A file that is not a WHO ICTRP CSV export (no {@code TrialID} column in its first row, or no rows
 * at all). The message names the missing header and shows the start of what was found instead.
 */
public class IctrpFormatException extends ParseException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A file that is not an ICTRP export, for the reason given. */
  public IctrpFormatException(final String reason) {
    super(Kind.UNEXPECTED_CONTENT, reason);
    this.reason = reason;
  }

  /** The reason, without the {@link Kind} prefix of {@link #getMessage()}: for people. */
  public String reason() {
    return reason;
  }
}
