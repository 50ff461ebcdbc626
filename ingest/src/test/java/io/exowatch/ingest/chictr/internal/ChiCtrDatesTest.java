package io.exowatch.ingest.chictr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The date spellings of ChiCTR pages. */
class ChiCtrDatesTest {

  @Test
  void shouldReadTheSpellingsOfCurrentAndOlderPages() {
    assertThat(ChiCtrDates.first("2024-05-28 08:56:14")).isEqualTo("2024-05-28");
    assertThat(ChiCtrDates.first("2012/5/1 0:00:00")).isEqualTo("2012-05-01");
    assertThat(ChiCtrDates.first("2012年5月1日")).isEqualTo("2012-05-01");
    assertThat(ChiCtrDates.first("2012年5月")).isEqualTo("2012-05");
    assertThat(ChiCtrDates.first("no date")).isNull();
    assertThat(ChiCtrDates.first(null)).isNull();
  }

  @Test
  void shouldSplitAFromToCellAtItsSeparator() {
    assertThat(ChiCtrDates.range("从 From 2024-06-01 00:00:00至 To 2029-10-01 00:00:00"))
        .containsExactly("2024-06-01", "2029-10-01");
    assertThat(ChiCtrDates.range("从 From 至 To 2029-10-01 00:00:00")).containsExactly(null, "2029-10-01");
    assertThat(ChiCtrDates.range("从 2021-05-01 00:00:00")).containsExactly("2021-05-01", null);
  }
}
