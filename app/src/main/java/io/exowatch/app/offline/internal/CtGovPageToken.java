package io.exowatch.app.offline.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The opaque {@code pageToken} of the simulated ClinicalTrials.gov API: the query fingerprint, the
 * order and the key of the last study served (its NCT id and last-update date), base64url-encoded.
 * A token is only valid for the query that produced it.
 *
 * @param fingerprint the fingerprint of the query the token belongs to
 * @param order the order of the listing
 * @param lastNctId the NCT id of the last study of the previous page
 * @param lastDate the last-update date of that study
 */
public record CtGovPageToken(String fingerprint, StudyStore.Order order, String lastNctId, LocalDate lastDate) {

  private static final String VERSION = "x1";

  /** The token after {@code last} in a listing of {@code query}. */
  public static CtGovPageToken after(final CtGovQuery query, final StoredStudy last) {
    return new CtGovPageToken(query.fingerprint(), query.order(), last.nctId(), last.lastUpdatePostDate());
  }

  /** The token as sent in {@code nextPageToken}. */
  public String encode() {
    final String raw = String.join("|", VERSION, fingerprint, order.name(), lastNctId, lastDate.toString());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token sent as {@code pageToken} with {@code query}.
   *
   * @throws SimulatedFailure 400 when the token is malformed or belongs to another query
   */
  public static CtGovPageToken decode(final String token, final CtGovQuery query) {
    final String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8).split("\\|");
    } catch (final IllegalArgumentException e) {
      throw invalid(token, "not base64url");
    }
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw invalid(token, "unknown format");
    }
    final CtGovPageToken t;
    try {
      t = new CtGovPageToken(parts[1], StudyStore.Order.valueOf(parts[2]), parts[3], LocalDate.parse(parts[4]));
    } catch (final IllegalArgumentException | DateTimeParseException e) {
      throw invalid(token, e.getMessage());
    }
    if (!t.fingerprint.equals(query.fingerprint()) || t.order != query.order()) {
      throw SimulatedFailure.badRequest("The pageToken '" + token + "' was issued for a different query; "
          + "send the same query.*, filter.* and sort parameters as the first page");
    }
    return t;
  }

  /** A placeholder study carrying the token's key, for comparisons in the store. */
  public StoredStudy key() {
    return new StoredStudy.Json(lastNctId, lastDate, new byte[0]);
  }

  private static SimulatedFailure invalid(final String token, final String why) {
    return SimulatedFailure.badRequest("Invalid pageToken '" + token + "': " + why);
  }
}
