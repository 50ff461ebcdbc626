package io.exowatch.ingest.parse;

import io.exowatch.ingest.record.Payloads;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.AbstractSection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The last step every article parser shares: the source's own text bounded into
 * {@code sourcePayload} ({@link Payloads#MAX_PAYLOAD_CHARS}), {@code fetchedAt} at millisecond
 * precision (what Avro keeps), and the {@code contentHash} ({@link RecordHashes#articleHash}).
 */
public final class ArticleRecords {

  private ArticleRecords() {
  }

  /**
   * Completes and builds a record whose content fields are set.
   *
   * @param builder the record so far; {@code id} and {@code source} must be set
   * @param fetchedAt when the response was fetched
   * @param payload the source's own text of this record
   */
  public static ArticleRecord complete(final ArticleRecord.Builder builder, final Instant fetchedAt,
      final String payload) {
    final Payloads.Bounded bounded = Payloads.bound(payload, Payloads.MAX_PAYLOAD_CHARS);
    final ArticleRecord record = builder
        .setFetchedAt(fetchedAt.truncatedTo(ChronoUnit.MILLIS))
        .setSourcePayload(bounded.text())
        .setSourcePayloadTruncated(bounded.truncated())
        .setContentHash("")
        .build();
    record.setContentHash(RecordHashes.articleHash(record));
    return record;
  }

  /**
   * An abstract as one text: a section a line, labelled ones as {@code "LABEL: text"};
   * {@code null} when there are no sections.
   */
  public static String abstractText(final List<AbstractSection> sections) {
    if (sections.isEmpty()) {
      return null;
    }
    final StringBuilder sb = new StringBuilder();
    for (final AbstractSection s : sections) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (s.getLabel() != null) {
        sb.append(s.getLabel()).append(": ");
      }
      sb.append(s.getText());
    }
    return sb.toString();
  }
}
