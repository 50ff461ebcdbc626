package io.exowatch.ingest.chictr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ChiCTR's withdrawal mark at the start of a title. */
class WithdrawalTest {

  @Test
  void shouldSplitTheEnglishMarkFromTheTitle() {
    assertThat(Withdrawal.of("Cancelled by the investigator Clinical guidance of diagnose and treatment for COVID-19"))
        .contains(new Withdrawal("Cancelled by the investigator", "Clinical guidance of diagnose and treatment for COVID-19"));
    assertThat(Withdrawal.of("(Canceled by sponsor) A trial")).contains(new Withdrawal("Canceled by sponsor", "A trial"));
  }

  /** The Chinese wording is an assumption (撤销 = revoked); the English mark is the one seen in real records. */
  @Test
  void shouldSplitAChineseRevokedMark() {
    assertThat(Withdrawal.of("【已撤销】外泌体治疗研究")).contains(new Withdrawal("已撤销", "外泌体治疗研究"));
  }

  @Test
  void shouldLeaveOrdinaryTitlesAlone() {
    assertThat(Withdrawal.of("Cancellation of elective surgery during COVID-19")).isEmpty();
    assertThat(Withdrawal.of("Cancelled operations and outcomes")).isEmpty();
    assertThat(Withdrawal.of("Cancelled by lockdown: elective surgery in 2020")).isEmpty();
    assertThat(Withdrawal.of(null)).isEmpty();
  }
}
