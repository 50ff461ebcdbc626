package io.exowatch.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default ClinicalTrials.gov query checked against CLASSIFICATION.md's vocabulary and against
 * the development gold set: a small evaluator of the query's boolean grammar (terms, quoted phrases,
 * AND, OR, parentheses; whole words, any case) stands in for the registry's search.
 */
class DefaultQueriesTest {

  private static final Set<String> MSC_THERAPY = Set.of("MSC_EV_THERAPY", "MSC_SECRETOME_THERAPY");

  @Test
  void shouldNameEveryVesicleSecretomeAndMscTermOfTheClassificationVocabulary() {
    final String q = DefaultQueries.CTGOV.toLowerCase(Locale.ROOT);
    for (final String term : List.of("exosome", "exosomes", "\"extracellular vesicle\"", "\"extracellular vesicles\"",
        " ev ", " evs ", "microvesicle", "microvesicles", "nanovesicle", "nanovesicles", "secretome",
        "\"conditioned medium\"", "mesenchymal", "stromal", " msc ", " mscs ", "\"stem cell\"", "\"stem cells\"")) {
      assertThat(q).as("default query names %s", term).contains(term);
    }
  }

  @Test
  void shouldMatchTextsNamingAVesicleTermTogetherWithAnMscTermOnly() {
    assertThat(matches("Umbilical cord mesenchymal stromal cell-derived exosomes for ARDS")).isTrue();
    assertThat(matches("Inhaled EVs from MSCs")).isTrue();
    assertThat(matches("Stem cell conditioned medium gel for chronic ulcers")).isTrue();
    assertThat(matches("Nanovesicles from Wharton's jelly cells")).isTrue();
    assertThat(matches("ExoFlo in COVID-19")).isTrue();
    assertThat(matches("Exosomes from grapes for oral mucositis")).isFalse();
    assertThat(matches("Mesenchymal stromal cells for knee osteoarthritis")).isFalse();
  }

  /** Every gold trial whose acceptable category is an MSC-EV or MSC-secretome therapy must be found. */
  @Test
  void shouldFindEveryMscEvAndSecretomeTherapyTrialOfTheGoldSet() throws Exception {
    final ObjectMapper mapper = new ObjectMapper();
    final JsonNode trials = mapper.readTree(Fixtures.shared("../gold/dev-trials.json")).path("studies");
    final JsonNode labels = mapper.readTree(Fixtures.shared("../gold/dev-labels.json")).path("labels");
    final List<String> missed = new ArrayList<>();
    int therapies = 0;
    for (final JsonNode study : trials) {
      final String id = study.path("protocolSection").path("identificationModule").path("nctId").asText();
      final JsonNode acceptable = labels.path(id).path("acceptableCategories");
      boolean therapy = false;
      for (final JsonNode c : acceptable) {
        therapy |= MSC_THERAPY.contains(c.asText());
      }
      if (therapy) {
        therapies++;
        if (!matches(allText(study))) {
          missed.add(id);
        }
      }
    }
    assertThat(therapies).isGreaterThanOrEqualTo(10);
    assertThat(missed).as("MSC-EV/secretome gold trials the default query misses").isEmpty();
  }

  private static String allText(final JsonNode node) {
    final StringBuilder sb = new StringBuilder();
    collect(node, sb);
    return sb.toString();
  }

  private static void collect(final JsonNode node, final StringBuilder sb) {
    if (node.isValueNode()) {
      sb.append(node.asText()).append(' ');
    } else {
      node.forEach(n -> collect(n, sb));
    }
  }

  private static boolean matches(final String text) {
    return new Evaluator(DefaultQueries.CTGOV, words(text)).evaluate();
  }

  private static List<String> words(final String s) {
    return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** Recursive descent over: expr := and (OR and)*; and := atom (AND atom)*; atom := ( expr ) | "phrase" | word. */
  private static final class Evaluator {
    private final List<String> tokens = new ArrayList<>();
    private final List<String> text;
    private int pos;

    Evaluator(final String query, final List<String> text) {
      this.text = text;
      final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(|\\)|\"[^\"]*\"|[^\\s()\"]+").matcher(query);
      while (m.find()) {
        tokens.add(m.group());
      }
    }

    boolean evaluate() {
      final boolean result = or();
      assertThat(pos).as("whole query parsed").isEqualTo(tokens.size());
      return result;
    }

    private boolean or() {
      boolean v = and();
      while (pos < tokens.size() && tokens.get(pos).equals("OR")) {
        pos++;
        v |= and();
      }
      return v;
    }

    private boolean and() {
      boolean v = atom();
      while (pos < tokens.size() && tokens.get(pos).equals("AND")) {
        pos++;
        v &= atom();
      }
      return v;
    }

    private boolean atom() {
      final String t = tokens.get(pos++);
      if (t.equals("(")) {
        final boolean v = or();
        assertThat(tokens.get(pos++)).isEqualTo(")");
        return v;
      }
      final List<String> phrase = words(t.replace("\"", ""));
      for (int i = 0; i + phrase.size() <= text.size(); i++) {
        if (text.subList(i, i + phrase.size()).equals(phrase)) {
          return true;
        }
      }
      return false;
    }
  }
}
