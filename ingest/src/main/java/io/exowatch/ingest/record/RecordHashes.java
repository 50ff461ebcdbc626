package io.exowatch.ingest.record;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Content hashes of raw records: SHA-256 (lower-case hex) over the Avro binary encoding of the record
 * with its fetch metadata blanked, so that re-scraping identical content gives the same hash.
 *
 * <p>Blanked before hashing: {@code fetchedAt} (0, the epoch), {@code sourceUrl} (null), {@code sourcePayload}
 * (null), {@code sourcePayloadTruncated} (false) and {@code contentHash} (""). Every other field,
 * including fields added to the schema later, takes part. The record passed in is not modified.
 * Thread-safe.
 */
public final class RecordHashes {

  private static final Set<String> FETCH_METADATA = Set.of(
      "fetchedAt", "sourceUrl", "sourcePayload", "sourcePayloadTruncated", "contentHash");

  // Built from the generated classes' own models: Avro 1.12 refuses to look generated classes up
  // by name unless their package is trusted, and these writers never need to.
  private static final SpecificDatumWriter<TrialRecord> TRIAL_WRITER = new SpecificDatumWriter<>(
      TrialRecord.getClassSchema(), SpecificData.getForClass(TrialRecord.class));
  private static final SpecificDatumWriter<ArticleRecord> ARTICLE_WRITER = new SpecificDatumWriter<>(
      ArticleRecord.getClassSchema(), SpecificData.getForClass(ArticleRecord.class));

  private RecordHashes() {
  }

  /**
   * The content hash of a trial record.
   *
   * @param trial the record; its {@code contentHash} may hold anything, it is ignored
   * @return 64 lower-case hex characters
   */
  public static String trialHash(final TrialRecord trial) {
    final TrialRecord copy = new TrialRecord();
    copyContent(trial, copy);
    return sha256(TRIAL_WRITER, copy);
  }

  /**
   * The content hash of an article record.
   *
   * @param article the record; its {@code contentHash} may hold anything, it is ignored
   * @return 64 lower-case hex characters
   */
  public static String articleHash(final ArticleRecord article) {
    final ArticleRecord copy = new ArticleRecord();
    copyContent(article, copy);
    return sha256(ARTICLE_WRITER, copy);
  }

  /** A shallow copy of every content field; fetch metadata gets its neutral value. */
  private static void copyContent(final SpecificRecordBase from, final SpecificRecordBase to) {
    for (final Schema.Field field : from.getSchema().getFields()) {
      final int pos = field.pos();
      switch (field.name()) {
        case "fetchedAt" -> to.put(pos, Instant.EPOCH);
        case "sourcePayloadTruncated" -> to.put(pos, false);
        case "contentHash" -> to.put(pos, "");
        default -> to.put(pos, FETCH_METADATA.contains(field.name()) ? null : from.get(pos));
      }
    }
  }

  private static <T> String sha256(final SpecificDatumWriter<T> writer, final T record) {
    final Sha256Sink sink = SINKS.get();
    sink.encoder = EncoderFactory.get().binaryEncoder(sink, sink.encoder);
    try {
      writer.write(record, sink.encoder);
      sink.encoder.flush();
    } catch (final IOException e) {
      throw new UncheckedIOException("Avro encoding for the content hash failed", e);
    }
    return HexFormat.of().formatHex(sink.digest.digest());
  }

  /** Per thread: a SHA-256 digest fed directly by a reused Avro encoder, so hashing allocates almost nothing. */
  private static final ThreadLocal<Sha256Sink> SINKS = ThreadLocal.withInitial(Sha256Sink::new);

  /** An output stream that feeds a SHA-256 digest. */
  private static final class Sha256Sink extends OutputStream {
    private final MessageDigest digest;
    private BinaryEncoder encoder;

    Sha256Sink() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (final NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java platform has SHA-256", e);
      }
    }

    @Override
    public void write(final int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
      digest.update(b, off, len);
    }
  }
}
