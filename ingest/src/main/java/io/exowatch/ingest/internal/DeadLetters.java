package io.exowatch.ingest.internal;

import io.exowatch.ingest.source.Rejected;
import io.exowatch.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Turns rejected content into {@code DeadLetter}s: stage INGEST, the original text cut to {@value #MAX_BYTES} bytes of UTF-8. */
public final class DeadLetters {

  /** The most bytes (UTF-8) of original text a dead letter carries: 256 KiB. */
  public static final int MAX_BYTES = 256 * 1024;
  /** The stage of every ingest dead letter. */
  public static final String STAGE = "INGEST";

  private DeadLetters() {
  }

  /** A dead letter of {@code rejected} from {@code source}. */
  public static DeadLetter of(final String source, final Rejected rejected, final Instant ts) {
    final String text = rejected.content();
    final String bounded = text == null ? null : cut(text, MAX_BYTES);
    return DeadLetter.newBuilder()
        .setStage(STAGE)
        .setSource(source)
        .setReason(rejected.reason())
        .setErrorClass(rejected.errorClass())
        .setKey(rejected.key())
        .setUrl(rejected.url())
        .setOriginalText(bounded)
        .setTruncated(text != null && bounded.length() < text.length())
        .setTs(ts.truncatedTo(ChronoUnit.MILLIS))
        .build();
  }

  /** The longest prefix of {@code text} whose UTF-8 encoding fits {@code maxBytes}, never splitting a character. */
  static String cut(final String text, final int maxBytes) {
    if (text.length() <= maxBytes / 3) {
      return text;
    }
    final CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    final ByteBuffer out = ByteBuffer.allocate(maxBytes);
    final CharBuffer in = CharBuffer.wrap(text);
    enc.encode(in, out, true);
    return text.substring(0, in.position());
  }
}
