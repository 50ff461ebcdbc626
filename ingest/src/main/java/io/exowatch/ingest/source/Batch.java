package io.exowatch.ingest.source;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.List;
import java.util.Objects;

/**
 * What one request of a source yielded, handed to a {@link BatchSink}: records to publish, content
 * to dead-letter, and the cursor that holds once all of them are safely written.
 *
 * @param url the request (for progress and logs)
 * @param trials trial records
 * @param articles article records
 * @param rejected content for the dead-letter topic
 * @param cursorAfter where the source stands after this batch; {@code null} keeps the stored cursor
 */
public record Batch(String url, List<TrialRecord> trials, List<ArticleRecord> articles, List<Rejected> rejected,
    Cursor cursorAfter) {

  /** Copies the lists. */
  public Batch {
    Objects.requireNonNull(url, "url");
    trials = List.copyOf(trials);
    articles = List.copyOf(articles);
    rejected = List.copyOf(rejected);
  }

  /** A batch of trials. */
  public static Batch ofTrials(final String url, final List<TrialRecord> trials, final List<Rejected> rejected,
      final Cursor cursorAfter) {
    return new Batch(url, trials, List.of(), rejected, cursorAfter);
  }

  /** A batch of articles. */
  public static Batch ofArticles(final String url, final List<ArticleRecord> articles, final List<Rejected> rejected,
      final Cursor cursorAfter) {
    return new Batch(url, List.of(), articles, rejected, cursorAfter);
  }

  /** Only a dead letter; the cursor stays. */
  public static Batch rejectedOnly(final Rejected rejected) {
    return new Batch(rejected.url() == null ? "" : rejected.url(), List.of(), List.of(), List.of(rejected), null);
  }

  /** Only a new cursor. */
  public static Batch cursorOnly(final String url, final Cursor cursor) {
    return new Batch(url, List.of(), List.of(), List.of(), cursor);
  }

  /** Records in this batch. */
  public int recordCount() {
    return trials.size() + articles.size();
  }
}
