package io.exowatch.ingest.isrctn;

import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.List;

/**
 * One response of the ISRCTN API.
 *
 * @param records the trials read, in response order
 * @param failures the {@code fullTrial}s that could not be mapped, in response order
 * @param totalCount how many trials match the query ({@code allTrials/@totalCount}); more than
 *     {@code records + failures} when the response was cut at the request's {@code limit}
 */
public record IsrctnPage(List<TrialRecord> records, List<RecordFailure> failures, int totalCount) {

  /** Copies the lists. */
  public IsrctnPage {
    records = List.copyOf(records);
    failures = List.copyOf(failures);
  }

  /** How many trials this response holds, read or not. */
  public int size() {
    return records.size() + failures.size();
  }
}
