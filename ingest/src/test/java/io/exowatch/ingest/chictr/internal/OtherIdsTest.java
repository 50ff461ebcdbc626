package io.exowatch.ingest.chictr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.SecondaryId;
import org.junit.jupiter.api.Test;

/** Secondary ids out of ChiCTR's id fields; the cross-registry identity starts here. */
class OtherIdsTest {

  @Test
  void shouldGiveEveryKnownRegistryIdItsNormalSpellingAndRegistry() {
    assertThat(OtherIds.listed("nct 04313647, ISRCTN12345678；ChiCTR-IOR-17013580、2020-001234-56", "T", "ChiCTR2000000001"))
        .containsExactly(new SecondaryId("NCT04313647", "T", "CTGOV"), new SecondaryId("ISRCTN12345678", "T", "ISRCTN"),
            new SecondaryId("ChiCTR-IOR-17013580", "T", "CHICTR"), new SecondaryId("2020-001234-56", "T", "EUCTR"));
  }

  @Test
  void shouldKeepUnknownIdsAsWrittenAndDropWordsWithoutDigits() {
    assertThat(OtherIds.listed("ChiMCTR2000003284 ; 无 ; N/A ; None", "T", "ChiCTR2000032717"))
        .containsExactly(new SecondaryId("ChiMCTR2000003284", "T", null));
  }

  @Test
  void shouldLeaveOutTheRecordsOwnIdAndRepeats() {
    assertThat(OtherIds.listed("ChiCTR2100050545 ; NCT04313647 ; NCT04313647", "T", "ChiCTR2100050545"))
        .containsExactly(new SecondaryId("NCT04313647", "T", "CTGOV"));
  }

  @Test
  void shouldKeepAStudySubjectIdWholeUnlessItHoldsRegistryIds() {
    assertThat(OtherIds.single("KY 2023 015", "S", "ChiCTR2300071234")).containsExactly(new SecondaryId("KY 2023 015", "S", null));
    assertThat(OtherIds.single("NCT04313647", "S", "ChiCTR2300071234")).containsExactly(new SecondaryId("NCT04313647", "S", "CTGOV"));
    assertThat(OtherIds.single("无", "S", "ChiCTR2300071234")).isEmpty();
    assertThat(OtherIds.single(null, "S", "ChiCTR2300071234")).isEmpty();
  }
}
