package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.MscSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vocabulary file format: errors name the line, and curators change results without code. */
class VocabularyTest {

  private static String bundled() throws IOException {
    try (InputStream in = Vocabulary.class.getResourceAsStream(Vocabulary.STANDARD_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldLoadTheBundledVocabulary() {
    assertThat(Vocabulary.standard().size()).isGreaterThan(1000);
    assertThat(Vocabulary.standard().toString()).contains("vocabulary.txt");
  }

  @Test
  void shouldNameTheLineOfAnUnknownSection() {
    assertThatThrownBy(() -> Vocabulary.parse("# c\n[vesicles EXOSOME]\nexosome\n", "mine.txt"))
        .isInstanceOf(VocabularyException.class)
        .hasMessageStartingWith("mine.txt:2: unknown section 'vesicles'");
  }

  @Test
  void shouldNameTheLineOfAnUnknownLabel() {
    assertThatThrownBy(() -> Vocabulary.parse("[vesicle EXOSOMES]\nexosome\n", "mine.txt"))
        .isInstanceOf(VocabularyException.class)
        .hasMessageContaining("mine.txt:1: unknown label 'EXOSOMES' for [vesicle]");
  }

  @Test
  void shouldRejectTermsBeforeASectionAndMisplacedStarsAndDuplicates() {
    assertThatThrownBy(() -> Vocabulary.parse("exosome\n", "v")).hasMessageContaining("v:1: a term before any [section]");
    assertThatThrownBy(() -> Vocabulary.parse("[vesicle EXOSOME]\nexo*some\n", "v"))
        .hasMessageContaining("v:2: '*' may only end a term");
    assertThatThrownBy(() -> Vocabulary.parse("[vesicle EXOSOME]\nexosome | Exosome\n", "v"))
        .hasMessageContaining("v:2: 'Exosome' is already in [vesicle EXOSOME]");
    assertThatThrownBy(() -> Vocabulary.parse("[route]\noral\n", "v"))
        .hasMessageContaining("v:1: [route] takes 1 to 1 labels, found 0");
    assertThatThrownBy(() -> Vocabulary.parse("[route ORAL loud]\noral\n", "v"))
        .hasMessageContaining("unknown flag 'loud'");
  }

  @Test
  void shouldReportAnUnreadableFile(@TempDir final Path dir) {
    assertThatThrownBy(() -> Vocabulary.load(dir.resolve("missing.txt")))
        .isInstanceOf(VocabularyException.class)
        .hasMessageContaining("missing.txt");
  }

  /** A new brand added by a curator changes the result; no code involved. */
  @Test
  void shouldLetACuratorAddABrandName(@TempDir final Path dir) throws IOException {
    final var trial = Trials.trial("Safety of XYZ-77 Nebulisation in ARDS", "XYZ-77", "Nebulised twice daily",
        "ARDS");
    assertThat(new Classifier().classify(trial).getCategory()).isEqualTo(Category.UNRELATED);

    final Path file = dir.resolve("vocabulary.txt");
    Files.writeString(file, bundled() + "\n[msc-ev-product PLACENTA EXOSOME]\nxyz 77   # made-up placental MSC exosome brand\n");
    final Classification c = new Classifier(Vocabulary.load(file)).classify(trial);
    assertThat(c.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getMscSources()).containsExactly(MscSource.PLACENTA);
  }
}
