package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.classify.internal.PhraseAutomaton;
import io.exowatch.enrich.classify.internal.SymbolFolding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phrase automaton's matching rules: whole words, punctuation as breaks, folding, prefixes. */
class PhraseAutomatonTest {

  private static final String[] PHRASES = {"msc exos", "exosom*", "wharton s jelly", "beta cell", "sjogren*",
      "iv", "stage iv", "ug"};

  private static List<String> scan(final String text) {
    final List<int[]> symbols = new ArrayList<>();
    final boolean[] prefix = new boolean[PHRASES.length];
    for (int i = 0; i < PHRASES.length; i++) {
      prefix[i] = PHRASES[i].endsWith("*");
      symbols.add(SymbolFolding.symbols(PHRASES[i].replace("*", ""), prefix[i]));
    }
    final PhraseAutomaton automaton = PhraseAutomaton.build(symbols, prefix);
    final List<String> found = new ArrayList<>();
    automaton.scan(text, (id, start, end, ts, te, sentence) ->
        found.add(PHRASES[id] + "=" + text.substring(start, end) + "@" + ts + "-" + te + "/s" + sentence));
    return found;
  }

  @Test
  void shouldTreatPunctuationAsAWordBreak() {
    assertThat(scan("MSC-Exos")).contains("msc exos=MSC-Exos@0-1/s0");
    assertThat(scan("msc - exos")).contains("msc exos=msc - exos@0-1/s0");
    assertThat(scan("MSCExos")).isEmpty();
  }

  @Test
  void shouldMatchWholeWordsOnly() {
    assertThat(scan("ivory and DIV")).isEmpty();
    assertThat(scan("given IV.")).containsExactly("iv=IV@1-1/s0");
  }

  @Test
  void shouldLetAStarredPhraseRunToTheEndOfItsWord() {
    assertThat(scan("Exosomal RNA; exosomes.")).containsExactly("exosom*=Exosomal@0-0/s0", "exosom*=exosomes@2-2/s1");
    assertThat(scan("nanoexosomes")).isEmpty();
  }

  @Test
  void shouldFoldCaseAccentsGreekAndMicroSign() {
    assertThat(scan("Wharton’s Jelly")).contains("wharton s jelly=Wharton’s Jelly@0-2/s0");
    assertThat(scan("β-cell mass")).contains("beta cell=β-cell@0-1/s0");
    assertThat(scan("Sjögren syndrome")).contains("sjogren*=Sjögren@0-0/s0");
    assertThat(scan("10 µg")).contains("ug=µg@1-1/s0");
  }

  @Test
  void shouldReportOverlappingPhrasesBothWays() {
    assertThat(scan("Stage IV")).containsExactlyInAnyOrder("stage iv=Stage IV@0-1/s0", "iv=IV@1-1/s0");
  }

  @Test
  void shouldCountSentencesAtFullStopsFollowedBySpaceAndAtNewlines() {
    assertThat(scan("Dose 2.5 mg. Then exosomes\nand exosomes"))
        .containsExactly("exosom*=exosomes@5-5/s1", "exosom*=exosomes@7-7/s2");
  }
}
