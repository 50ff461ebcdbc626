package io.exowatch.enrich.classify.internal;

/** Receives the phrase matches of one scan. */
@FunctionalInterface
public interface HitSink {

  /**
   * One match.
   *
   * @param termId the matched term
   * @param start the first char of the match in the scanned text
   * @param end one past its last char
   * @param tokenStart the index of its first word in the text
   * @param tokenEnd the index of its last word
   * @param sentence the index of the sentence it starts in
   */
  void hit(int termId, int start, int end, int tokenStart, int tokenEnd, int sentence);
}
