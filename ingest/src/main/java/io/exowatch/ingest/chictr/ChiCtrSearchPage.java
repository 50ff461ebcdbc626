package io.exowatch.ingest.chictr;

import io.exowatch.ingest.parse.RecordFailure;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One parsed ChiCTR search results page ({@code searchproj.html}): the registrations it lists, the
 * rows that could not be read, and the total the page states ({@code 共检索到 N 个符合检索条件的试验}).
 *
 * @param results the listed registrations, in page order, each project once
 * @param failures result rows without a project link, in page order
 * @param total the total number of matches, or {@code null} when the page does not state it
 */
public record ChiCtrSearchPage(List<Result> results, List<RecordFailure> failures, Integer total) {

  /** Copies the lists. */
  public ChiCtrSearchPage {
    results = List.copyOf(results);
    failures = List.copyOf(failures);
  }

  /** The stated total, if any. */
  public OptionalInt totalCount() {
    return total == null ? OptionalInt.empty() : OptionalInt.of(total);
  }

  /** The number of result rows, read or not. */
  public int rows() {
    return results.size() + failures.size();
  }

  /**
   * A registration of the list.
   *
   * @param projectId the site's project number ({@code proj=} of {@code showproj.html}); its page holds the record
   * @param registrationNumber the normalised registration number when the row shows one (older rows may not), else {@code null}
   * @param title the title as listed, or {@code null}
   */
  public record Result(String projectId, String registrationNumber, String title) {

    /** Checks the project number. */
    public Result {
      Objects.requireNonNull(projectId, "projectId");
    }
  }
}
