package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StatusesTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TrialStatus.class)
  void shouldKeepEveryClinicalTrialsGovEnum(final TrialStatus status) {
    assertThat(Statuses.normalise(status.name())).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Recruiting                                   | RECRUITING",
      "Pending                                      | NOT_YET_RECRUITING",
      "Not yet recruiting                           | NOT_YET_RECRUITING",
      "Authorised                                   | NOT_YET_RECRUITING",
      "Completed                                    | COMPLETED",
      "Complete                                     | COMPLETED",
      "Suspended                                    | SUSPENDED",
      "Temporarily Halted                           | SUSPENDED",
      "TEMPORARILY_NOT_AVAILABLE                    | SUSPENDED",
      "Ongoing                                      | ACTIVE_NOT_RECRUITING",
      "Recruitment complete                         | ACTIVE_NOT_RECRUITING",
      "No longer recruiting                         | ACTIVE_NOT_RECRUITING",
      "Active, not recruiting                       | ACTIVE_NOT_RECRUITING",
      "Prematurely Ended                            | TERMINATED",
      "Stopped                                      | TERMINATED",
      "Stopped early                                | TERMINATED",
      "Withdrawn                                    | WITHDRAWN",
      "Withdrawn by sponsor                         | WITHDRAWN",
      "Enrolling by invitation                      | ENROLLING_BY_INVITATION",
      "APPROVED_FOR_MARKETING                       | AVAILABLE",
      "No longer available                          | NO_LONGER_AVAILABLE",
      "Unknown status                               | UNKNOWN",
      "WITHHELD                                     | UNKNOWN",
      "尚未开始                                       | NOT_YET_RECRUITING",
      "正在进行                                       | RECRUITING",
      "something else                               | UNKNOWN",
  })
  void shouldNormaliseOtherRegistriesWords(final String written, final TrialStatus expected) {
    assertThat(Statuses.normalise(written)).isEqualTo(expected);
  }

  @Test
  void shouldGiveUnknownForNothing() {
    assertThat(Statuses.normalise(null)).isEqualTo(TrialStatus.UNKNOWN);
    assertThat(Statuses.normalise("  ")).isEqualTo(TrialStatus.UNKNOWN);
  }
}
