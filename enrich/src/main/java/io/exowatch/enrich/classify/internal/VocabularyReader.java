package io.exowatch.enrich.classify.internal;

import io.exowatch.enrich.classify.VocabularyException;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.StudyKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the vocabulary's line format. A line {@code [section LABEL ... flag ...]} opens a section
 * (sections are the {@link Kind} names; labels are upper-case enum names, flags lower-case words);
 * every other non-blank line holds terms of the open section, separated by {@code |}. {@code #}
 * starts a comment. A term ending in {@code *} matches any word ending ({@code exosom*}). Terms are
 * matched case- and accent-insensitively, on whole words, with punctuation as word breaks.
 */
public final class VocabularyReader {

  private VocabularyReader() {
  }

  /**
   * Parses a vocabulary text.
   *
   * @param text the file's content
   * @param source the file's name, for messages
   * @return the terms in file order, ids from 0
   * @throws VocabularyException naming source and line of the first error
   */
  public static List<Term> read(final String text, final String source) {
    final List<Term> terms = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    Section section = null;
    final String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      final int lineNo = i + 1;
      final int hash = lines[i].indexOf('#');
      final String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw error(source, lineNo, "a section header must end with ']': " + line);
        }
        section = section(line.substring(1, line.length() - 1).strip(), source, lineNo);
        continue;
      }
      if (section == null) {
        throw error(source, lineNo, "a term before any [section] header: " + line);
      }
      for (final String raw : line.split("\\|")) {
        final String phrase = raw.strip();
        if (phrase.isEmpty()) {
          continue;
        }
        final boolean prefix = phrase.endsWith("*");
        final String body = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
        if (body.indexOf('*') >= 0) {
          throw error(source, lineNo, "'*' may only end a term: " + phrase);
        }
        final int[] symbols = SymbolFolding.symbols(body, prefix);
        if (symbols.length == 0) {
          throw error(source, lineNo, "a term without letters or digits: '" + phrase + "'");
        }
        if (symbols.length > PhraseAutomaton.MAX_SYMBOLS) {
          throw error(source, lineNo, "a term longer than " + PhraseAutomaton.MAX_SYMBOLS + " letters");
        }
        final String key = section.header + "\u0000" + java.util.Arrays.toString(symbols);
        if (!seen.add(key)) {
          throw error(source, lineNo, "'" + phrase + "' is already in [" + section.header + "]");
        }
        terms.add(new Term(terms.size(), section.kind, phrase, lineNo, Set.copyOf(section.flags), section.productType,
            section.mscSource, section.route, section.conditionAreas, section.applications, section.studyKind));
      }
    }
    if (terms.isEmpty()) {
      throw new VocabularyException(source + ": no terms");
    }
    return terms;
  }

  private static Section section(final String header, final String source, final int lineNo) {
    final String[] words = header.split("\\s+");
    final Kind kind = Kind.ofSection(words[0]);
    if (kind == null) {
      final List<String> names = new ArrayList<>();
      for (final Kind k : Kind.values()) {
        names.add(k.section());
      }
      throw error(source, lineNo, "unknown section '" + words[0] + "'; known: " + names);
    }
    final Section s = new Section(header, kind);
    final List<Enum<?>> labels = new ArrayList<>();
    for (int w = 1; w < words.length; w++) {
      final String word = words[w];
      if (word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
        if (!kind.flags().contains(word)) {
          throw error(source, lineNo, "unknown flag '" + word + "' for [" + kind.section() + "]; allowed: "
              + kind.flags());
        }
        s.flags.add(word);
      } else {
        labels.add(label(kind, word, source, lineNo));
      }
    }
    if (labels.size() < kind.minLabels() || labels.size() > kind.maxLabels()) {
      throw error(source, lineNo, "[" + kind.section() + "] takes " + kind.minLabels() + " to "
          + kind.maxLabels() + " labels, found " + labels.size());
    }
    final List<ConditionArea> areas = new ArrayList<>();
    final List<Application> apps = new ArrayList<>();
    for (final Enum<?> label : labels) {
      if (label instanceof ProductType p) {
        s.productType = p;
      } else if (label instanceof MscSource m) {
        s.mscSource = m;
      } else if (label instanceof Route r) {
        s.route = r;
      } else if (label instanceof ConditionArea c) {
        areas.add(c);
      } else if (label instanceof Application a) {
        apps.add(a);
      } else if (label instanceof StudyKind k) {
        s.studyKind = k;
      }
    }
    s.conditionAreas = List.copyOf(areas);
    s.applications = List.copyOf(apps);
    return s;
  }

  private static Enum<?> label(final Kind kind, final String word, final String source, final int lineNo) {
    for (final Class<? extends Enum<?>> type : kind.labelTypes()) {
      for (final Enum<?> constant : type.getEnumConstants()) {
        if (constant.name().equals(word)) {
          return constant;
        }
      }
    }
    throw error(source, lineNo, "unknown label '" + word + "' for [" + kind.section() + "]"
        + (kind.labelTypes().isEmpty() ? " (it takes no labels)" : "; it takes "
        + kind.labelTypes().stream().map(Class::getSimpleName).toList() + " values"));
  }

  private static VocabularyException error(final String source, final int line, final String message) {
    return new VocabularyException(source + ":" + line + ": " + message);
  }

  /** The open section while reading. */
  private static final class Section {
    private final String header;
    private final Kind kind;
    private final Set<String> flags = new LinkedHashSet<>();
    private ProductType productType;
    private MscSource mscSource;
    private Route route;
    private List<ConditionArea> conditionAreas = List.of();
    private List<Application> applications = List.of();
    private StudyKind studyKind;

    Section(final String header, final Kind kind) {
      this.header = header;
      this.kind = kind;
    }
  }
}
