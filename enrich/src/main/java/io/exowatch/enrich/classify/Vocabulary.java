package io.exowatch.enrich.classify;

import io.exowatch.enrich.classify.internal.PhraseAutomaton;
import io.exowatch.enrich.classify.internal.SymbolFolding;
import io.exowatch.enrich.classify.internal.Term;
import io.exowatch.enrich.classify.internal.VocabularyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The words the classifier knows, compiled once into a phrase automaton. The bundled vocabulary is
 * the commented resource {@value #STANDARD_RESOURCE}: curators extend it (synonyms, brand names,
 * tissues, routes, conditions) without touching code; its header explains the format. Immutable and
 * thread-safe.
 */
public final class Vocabulary {

  /** Classpath location of the bundled vocabulary. */
  public static final String STANDARD_RESOURCE = "/io/exowatch/enrich/classify/vocabulary.txt";

  private final String source;
  private final List<Term> terms;
  private final PhraseAutomaton automaton;

  private Vocabulary(final String source, final List<Term> terms) {
    this.source = source;
    this.terms = List.copyOf(terms);
    final List<int[]> phrases = new ArrayList<>(terms.size());
    final boolean[] prefix = new boolean[terms.size()];
    for (final Term t : terms) {
      final String body = t.prefix() ? t.phrase().substring(0, t.phrase().length() - 1) : t.phrase();
      phrases.add(SymbolFolding.symbols(body, t.prefix()));
      prefix[t.id()] = t.prefix();
    }
    this.automaton = PhraseAutomaton.build(phrases, prefix);
  }

  /** The bundled vocabulary, read and compiled on first use. */
  public static Vocabulary standard() {
    return Standard.INSTANCE;
  }

  /**
   * Compiles a vocabulary text in the format of the bundled file.
   *
   * @param text the vocabulary
   * @param source a name for messages (a file name)
   * @return the compiled vocabulary
   * @throws VocabularyException naming source and line of the first error
   */
  public static Vocabulary parse(final String text, final String source) {
    Objects.requireNonNull(text, "text");
    return new Vocabulary(source, VocabularyReader.read(text, source));
  }

  /**
   * Reads and compiles a vocabulary file (UTF-8).
   *
   * @param file the file
   * @return the compiled vocabulary
   * @throws VocabularyException when the file cannot be read or has an error
   */
  public static Vocabulary load(final Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (final IOException e) {
      throw new VocabularyException("Cannot read vocabulary " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the vocabulary came from. */
  public String source() {
    return source;
  }

  /** Number of terms. */
  public int size() {
    return terms.size();
  }

  List<Term> terms() {
    return terms;
  }

  PhraseAutomaton automaton() {
    return automaton;
  }

  @Override
  public String toString() {
    return "Vocabulary[" + source + ", " + terms.size() + " terms, " + automaton.stateCount() + " states]";
  }

  /** Lazy holder of the bundled vocabulary. */
  private static final class Standard {
    private static final Vocabulary INSTANCE = read();

    private static Vocabulary read() {
      try (InputStream in = Vocabulary.class.getResourceAsStream(STANDARD_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("The bundled vocabulary " + STANDARD_RESOURCE + " is missing");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "vocabulary.txt");
      } catch (final IOException e) {
        throw new UncheckedIOException("Cannot read " + STANDARD_RESOURCE, e);
      }
    }
  }
}
