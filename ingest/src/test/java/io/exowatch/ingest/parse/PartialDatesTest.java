package io.exowatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartialDatesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "2021/08                   | 2021-08",
      "2021/07/15                | 2021-07-15",
      "2021-07-15                | 2021-07-15",
      "2021-07-15T10:00:00Z      | 2021-07-15",
      "2024-03-05T10:00:00+00:00 | 2024-03-05",
      "2012 Nov 26               | 2012-11-26",
      "2008 Dec                  | 2008-12",
      "1998 Dec-1999 Jan         | 1998-12",
      "15 July 2021              | 2021-07-15",
      "July 15, 2021             | 2021-07-15",
      "Jul 2021                  | 2021-07",
      "2021                      | 2021",
      "2021-13-01                | 2021",
      "2021-02-30                | 2021-02",
      "Spring 1990               | 1990",
      "soon                      | NULL",
  })
  void shouldNormaliseDateSpellingsToPartialIso(final String raw, final String iso) {
    assertThat(PartialDates.normalize(raw)).isEqualTo(iso);
  }

  @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "2024 | Mar  | NULL | 2024-03",
      "2024 | 01   | 17   | 2024-01-17",
      "2024 | 1    | 7    | 2024-01-07",
      "1990 | NULL | NULL | 1990",
      "NULL | Jan  | 1    | NULL",
  })
  void shouldAssemblePubMedDateParts(final String y, final String m, final String d, final String iso) {
    assertThat(PartialDates.of(y, m, d)).isEqualTo(iso);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "15/07/2021       | 2021-07-15",
      "1/7/2021         | 2021-07-01",
      "15.07.2021       | 2021-07-15",
      "15-07-2021 00:00 | 2021-07-15",
      "31/02/2021       | 2021-02",
      "15/13/2021       | 2021",
      "2021-07-15       | 2021-07-15",
      "July 2021        | 2021-07",
      "15/07/21         | NULL",
  })
  void shouldReadDayFirstDatesAndFallBackToTheOtherForms(final String raw, final String iso) {
    assertThat(PartialDates.dayFirst(raw)).isEqualTo(iso);
  }
}
