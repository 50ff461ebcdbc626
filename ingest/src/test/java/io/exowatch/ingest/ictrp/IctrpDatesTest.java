package io.exowatch.ingest.ictrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each date spelling found in ICTRP exports, by the registry and column it comes from. */
class IctrpDatesTest {

  @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "Date registration3, every registry            | 20210131               | 2021-01-31",
      "Date registration, ANZCTR/EU CTR/CT.gov       | 31/01/2021             | 2021-01-31",
      "Date registration, CTRI (day-month-year)      | 15-03-2021             | 2021-03-15",
      "Date registration, year first                 | 2021-10-01             | 2021-10-01",
      "Date enrollement, JPRN                        | 2021/07/01             | 2021-07-01",
      "Date enrollement, ChiCTR/IRCT/CRIS            | 2020-04-20             | 2020-04-20",
      "Date enrollement, ANZCTR/EU CTR               | 03/02/2021             | 2021-02-03",
      "Date enrollement, ClinicalTrials.gov day      | 'February 15, 2020'    | 2020-02-15",
      "Date enrollement, ClinicalTrials.gov month    | March 2020             | 2020-03",
      "Date enrollement, DRKS month name             | January 2021           | 2021-01",
      "Date enrollement, dotted day first            | 15.07.2021             | 2021-07-15",
      "Last Refreshed on                             | 17 February 2025       | 2025-02-17",
      "full export, SQL Server style                 | Mar 27 2020 12:00AM    | 2020-03-27",
      "full export, 1900 means no date               | Jan  1 1900 12:00AM    | null",
      "Export date, month first (22 is no month)     | 4/22/2020 12:57:03 PM  | 2020-04-22",
      "a year alone                                  | 2020                   | 2020",
      "not a date                                    | not applicable         | null",
      "an impossible day falls back to the month     | 31/02/2021             | 2021-02",
  })
  void shouldReadEachSpellingAsIso(final String where, final String raw, final String iso) {
    assertThat(IctrpDates.parse(raw)).as(where).isEqualTo(iso);
  }

  @Test
  void shouldPreferTheCompactRegistrationDate() throws Exception {
    final IctrpRow row = row("20210422", "21/04/2021");

    assertThat(IctrpDates.registration(row)).isEqualTo("2021-04-22");
  }

  @Test
  void shouldFallBackToTheRegistrationDateWhenTheCompactOneIsMissingOrInvalid() throws Exception {
    assertThat(IctrpDates.registration(row("", "2021-10-01"))).isEqualTo("2021-10-01");
    assertThat(IctrpDates.registration(row("20211331", "31/12/2021"))).isEqualTo("2021-12-31");
  }

  private static IctrpRow row(final String compact, final String registration) throws Exception {
    final IctrpHeader header = IctrpHeader.of(List.of("TrialID", "Date registration3", "Date registration"));
    return new IctrpRow(1, header, List.of("ChiCTR2100045678", compact, registration));
  }
}
