package io.exowatch.enrich.classify;

/**
 * A vocabulary file could not be read: the message names the source, the line and what is wrong
 * ({@code vocabulary.txt:42: unknown label 'EXOSOMES' for section [vesicle]}).
 */
public class VocabularyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * A vocabulary error.
   *
   * @param message what is wrong, naming source and line
   */
  public VocabularyException(final String message) {
    super(message);
  }

  /**
   * A vocabulary error with a cause.
   *
   * @param message what is wrong, naming the source
   * @param cause the underlying error
   */
  public VocabularyException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
