package io.exowatch.ingest.record;

import java.util.Objects;

/**
 * Bounds the source text a raw record carries ({@code sourcePayload}), so one huge page cannot blow
 * up a Kafka message. The default bound is {@link #MAX_PAYLOAD_CHARS} (256 KiB of characters).
 */
public final class Payloads {

  /** The default bound of a record's {@code sourcePayload}: 256 Ki characters. */
  public static final int MAX_PAYLOAD_CHARS = 256 * 1024;

  private Payloads() {
  }

  /**
   * A payload cut to at most {@code maxChars} characters. The cut never splits a surrogate pair, so
   * the result may be one character shorter than {@code maxChars}.
   *
   * @param text the payload; {@code null} gives a {@code null} text, not truncated
   * @param maxChars the most characters to keep, at least 1
   * @return the bounded text and whether anything was cut off
   * @throws IllegalArgumentException if {@code maxChars} is less than 1
   */
  public static Bounded bound(final String text, final int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
    }
    if (text == null || text.length() <= maxChars) {
      return new Bounded(text, false);
    }
    int end = maxChars;
    if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    return new Bounded(text.substring(0, end), true);
  }

  /**
   * A bounded payload.
   *
   * @param text the text kept, possibly {@code null}
   * @param truncated whether the original was longer than the bound
   */
  public record Bounded(String text, boolean truncated) {

    /** Checks that a truncated payload has text. */
    public Bounded {
      if (truncated) {
        Objects.requireNonNull(text, "a truncated payload has text");
      }
    }
  }
}
