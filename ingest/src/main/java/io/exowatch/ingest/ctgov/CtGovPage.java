package io.exowatch.ingest.ctgov;

import io.exowatch.schemas.avro.TrialRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One parsed ClinicalTrials.gov response: the studies that mapped to records, the ones that did not
 * (with their JSON, so nothing is lost), and the paging cursor of a search response.
 */
public final class CtGovPage {

  private final List<TrialRecord> records;
  private final List<Failure> failures;
  private final String nextPageToken;
  private final Integer totalCount;

  /**
   * A parsed page.
   *
   * @param records the studies parsed, in response order
   * @param failures the studies that could not be parsed, in response order
   * @param nextPageToken the cursor of the next page, or {@code null} on the last page
   * @param totalCount the total hit count when the request asked for it ({@code countTotal=true}), or {@code null}
   */
  public CtGovPage(final List<TrialRecord> records, final List<Failure> failures,
      final String nextPageToken, final Integer totalCount) {
    this.records = List.copyOf(records);
    this.failures = List.copyOf(failures);
    this.nextPageToken = nextPageToken;
    this.totalCount = totalCount;
  }

  /** The studies parsed, in response order. */
  public List<TrialRecord> records() {
    return records;
  }

  /** The studies that could not be parsed, in response order. */
  public List<Failure> failures() {
    return failures;
  }

  /** The cursor for the next page ({@code pageToken}), empty on the last page. */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  /** The total number of hits, when the response carried {@code totalCount}. */
  public OptionalInt totalCount() {
    return totalCount == null ? OptionalInt.empty() : OptionalInt.of(totalCount);
  }

  /** The number of studies in the response, parsed or not. */
  public int size() {
    return records.size() + failures.size();
  }

  /**
   * A study of the response that could not be mapped.
   *
   * @param index the study's 0-based position in the response
   * @param nctId its NCT id when it could be read, else {@code null}
   * @param reason what was wrong, naming the field
   * @param json the study's JSON text, for a dead letter
   */
  public record Failure(int index, String nctId, String reason, String json) {

    /** Checks the required parts. */
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(json, "json");
    }

    /** The NCT id, when known. */
    public Optional<String> nctIdIfKnown() {
      return Optional.ofNullable(nctId);
    }

    /** A one-line description: {@code study #3 (NCT01234567): reason}. */
    public String describe() {
      return "study #" + index + (nctId == null ? "" : " (" + nctId + ")") + ": " + reason;
    }
  }
}
