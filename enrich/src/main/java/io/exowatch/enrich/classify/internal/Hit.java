package io.exowatch.enrich.classify.internal;

/** One vocabulary term found in one field. */
final class Hit {

  final Term term;
  final Field field;
  final int start;
  final int end;
  final int tokStart;
  final int tokEnd;
  final int sentence;

  Hit(final Term term, final Field field, final int start, final int end, final int tokStart,
      final int tokEnd, final int sentence) {
    this.term = term;
    this.field = field;
    this.start = start;
    this.end = end;
    this.tokStart = tokStart;
    this.tokEnd = tokEnd;
    this.sentence = sentence;
  }

  Kind kind() {
    return term.kind();
  }

  String text() {
    return field.text.substring(start, end);
  }

  /** Words strictly between this hit and a later one. */
  int gapTo(final Hit later) {
    return later.tokStart - tokEnd - 1;
  }

  boolean sameSentence(final Hit other) {
    return field == other.field && sentence == other.sentence;
  }

  @Override
  public String toString() {
    return term.kind() + ":" + text() + "@" + field.path();
  }
}
