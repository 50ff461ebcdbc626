package io.exowatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountriesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "China                       | China",
      "中国                        | China",
      "CN                          | China",
      "CHN                         | China",
      "People's Republic of China  | China",
      "Iran, Islamic Republic of   | Iran",
      "Iran (Islamic Republic of)  | Iran",
      "IRAN                        | Iran",
      "Korea, Republic of          | South Korea",
      "Turkey (Türkiye)            | Turkey",
      "Russian Federation          | Russia",
      "USA                         | United States",
      "United States               | United States",
      "UK                          | United Kingdom",
      "Portugal - INFARMED         | Portugal",
      "Germany - BfArM             | Germany",
      "Hong Kong                   | Hong Kong",
      "  viet nam                  | Vietnam",
      "Côte d'Ivoire               | Côte d'Ivoire",
      "Cote d'Ivoire               | Côte d'Ivoire",
      "The Netherlands             | Netherlands",
      "İran                        | Iran",
  })
  void shouldGiveOneEnglishNamePerCountry(final String raw, final String name) {
    assertThat(Countries.canonical(raw)).contains(name);
  }

  @Test
  void shouldNotGuessAtTextThatIsNotACountry() {
    assertThat(Countries.canonical("Outside EU/EEA")).isEmpty();
    assertThat(Countries.canonical("  ")).isEmpty();
    assertThat(Countries.canonical(null)).isEmpty();
    assertThat(Countries.canonicalOrAsGiven(" Atlantis ")).isEqualTo("Atlantis");
  }
}
