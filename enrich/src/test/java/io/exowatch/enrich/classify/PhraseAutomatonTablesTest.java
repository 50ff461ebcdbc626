package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.classify.internal.PhraseAutomaton;
import io.exowatch.enrich.classify.internal.SymbolFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton finds the same phrases whichever of its states have a full row of transitions and
 * which only children and a fail link: the compact form changes the memory a scan touches, not
 * what it finds.
 */
class PhraseAutomatonTablesTest {

  /** Few letters, so phrases share prefixes and suffixes and scans follow many fail links. */
  private static final String[] SYLLABLES = {"ex", "o", "som", "msc", "s", "exo", "m", "sc", "cell", "ce", "ll"};

  @Test
  void shouldFindTheSameHitsWithFewOrManyFullRows() {
    final Random random = new Random(20261128);
    final List<int[]> symbols = new ArrayList<>();
    final List<String> phrases = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      final StringBuilder phrase = new StringBuilder();
      for (int w = 1 + random.nextInt(3); w > 0; w--) {
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          phrase.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        phrase.append(' ');
      }
      phrases.add(phrase.toString().strip());
    }
    final boolean[] prefix = new boolean[phrases.size()];
    for (int i = 0; i < phrases.size(); i++) {
      prefix[i] = i % 3 == 0;
      symbols.add(SymbolFolding.symbols(phrases.get(i), prefix[i]));
    }
    final PhraseAutomaton full = PhraseAutomaton.build(symbols, prefix, Integer.MAX_VALUE);
    final PhraseAutomaton standard = PhraseAutomaton.build(symbols, prefix);
    final PhraseAutomaton sparse = PhraseAutomaton.build(symbols, prefix, 1);
    assertThat(full.stateCount()).isGreaterThan(1024).isEqualTo(sparse.stateCount());

    long hits = 0;
    for (int t = 0; t < 300; t++) {
      final StringBuilder text = new StringBuilder();
      for (int w = 5 + random.nextInt(60); w > 0; w--) {
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          text.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        text.append(random.nextInt(5) == 0 ? ". " : random.nextInt(4) == 0 ? "-" : " ");
      }
      final List<String> expected = hits(full, text.toString());
      assertThat(hits(standard, text.toString())).as(text.toString()).isEqualTo(expected);
      assertThat(hits(sparse, text.toString())).as(text.toString()).isEqualTo(expected);
      hits += expected.size();
    }
    assertThat(hits).as("the texts exercise the automaton").isGreaterThan(10_000);
  }

  private static List<String> hits(final PhraseAutomaton automaton, final String text) {
    final List<String> out = new ArrayList<>();
    automaton.scan(text, (id, s, e, ts, te, sent) -> out.add(id + ":" + s + "-" + e + "@" + ts + "-" + te + "/"
        + sent));
    return out;
  }
}
