package io.exowatch.common.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialIdsTest {

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(delimiter = '|', value = {
      "NCT03608631                | NCT03608631            | CTGOV",
      "nct 03608631               | NCT03608631            | CTGOV",
      "NCT-03608631               | NCT03608631            | CTGOV",
      "ChiCTR2000029990           | ChiCTR2000029990       | CHICTR",
      "chictr-2000029990          | ChiCTR2000029990       | CHICTR",
      "ChiCTR-TRC-12002536        | ChiCTR-TRC-12002536    | CHICTR",
      "ChiCTR-onrc-13003934       | ChiCTR-ONRC-13003934   | CHICTR",
      "IRCT20130812014333N223     | IRCT20130812014333N223 | IRCT",
      "IRCT138806132244N1         | IRCT138806132244N1     | IRCT",
      "irct201108247428n1         | IRCT201108247428N1     | IRCT",
      "ISRCTN12345678             | ISRCTN12345678         | ISRCTN",
      "ISRCTN 12345678            | ISRCTN12345678         | ISRCTN",
      "2005-002909-23             | 2005-002909-23         | EUCTR",
      "EUCTR2005-002909-23-PT     | 2005-002909-23         | EUCTR",
      "EUCTR2011-005852-33-3RD    | 2011-005852-33         | EUCTR",
      "2011-005852-33-3rd         | 2011-005852-33         | EUCTR",
      "2023-503456-12-00          | 2023-503456-12-00      | EUCTR",
      "ACTRN12620000123456        | ACTRN12620000123456    | ANZCTR",
      "ACTRN12612000123456p       | ACTRN12612000123456    | ANZCTR",
      "DRKS00012345               | DRKS00012345           | DRKS",
      "JPRN-UMIN000012345         | UMIN000012345          | JPRN",
      "umin000012345              | UMIN000012345          | JPRN",
      "JPRN-jRCT2031210123        | jRCT2031210123         | JPRN",
      "jRCTs031180001             | jRCTs031180001         | JPRN",
      "JapicCTI-123456            | JapicCTI-123456        | JPRN",
      "JPRN-JMA-IIA00123          | JMA-IIA00123           | JPRN",
      "CTRI/2020/05/025215        | CTRI/2020/05/025215    | CTRI",
      "CTRI/2008/091/000001       | CTRI/2008/091/000001   | CTRI",
      "ctri-2020-05-025215        | CTRI/2020/05/025215    | CTRI",
      "KCT0005123                 | KCT0005123             | CRIS",
      "NTR1234                    | NTR1234                | NTR",
      "PACTR201906487901868       | PACTR201906487901868   | PACTR",
      "TCTR20200405001            | TCTR20200405001        | TCTR",
      "RBR-2P5WRJ                 | RBR-2p5wrj             | REBEC",
      "SLCTR/2019/012             | SLCTR/2019/012         | SLCTR",
      "LBCTR2020043495            | LBCTR2020043495        | LBCTR",
  })
  void shouldNormaliseEachRegistryFormAndNameItsRegistry(
      final String written, final String normalised, final String registry) {
    assertThat(TrialIds.find("Registered as " + written + ".")).containsExactly(normalised);
    assertThat(TrialIds.normalize(written)).contains(normalised);
    assertThat(TrialIds.registryOf(written)).isEqualTo(registry);
    assertThat(TrialIds.registryOf(normalised)).isEqualTo(registry);
  }

  @Test
  void shouldFindIdsInTextOrderWithoutDuplicates() {
    final String text = "The trial (ClinicalTrials.gov NCT04493242; ChiCTR2000029990) extends "
        + "nct04493242 and EudraCT 2005-002909-23. See https://clinicaltrials.gov/study/NCT04493242 "
        + "and IRCT20200217046526N2, ChiCTR2000029990 again.";
    assertThat(TrialIds.find(text)).containsExactly(
        "NCT04493242", "ChiCTR2000029990", "2005-002909-23", "IRCT20200217046526N2");
  }

  @Test
  void shouldIgnoreIdsGluedToOtherLettersOrDigits() {
    assertThat(TrialIds.find("XNCT03608631 NCT036086312 NCT0360863 NTRK1 KCT000512 ISRCTN1234567"))
        .isEmpty();
  }

  @Test
  void shouldNotMistakeACtisNumberForAnEudraCtNumberPlusNoise() {
    assertThat(TrialIds.find("EU CT 2023-503456-12-00 and EudraCT 2019-001234-56"))
        .containsExactly("2023-503456-12-00", "2019-001234-56");
  }

  @Test
  void shouldReturnAnEmptyListForNullOrEmptyText() {
    assertThat(TrialIds.find(null)).isEmpty();
    assertThat(TrialIds.find("")).isEmpty();
    assertThat(TrialIds.find("mesenchymal stromal cell exosomes for ARDS")).isEmpty();
  }

  @Test
  void shouldReturnUnmodifiableLists() {
    assertThatThrownBy(() -> TrialIds.find("NCT03608631").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectAStringThatIsNotExactlyOneId() {
    assertThat(TrialIds.normalize("NCT03608631 and NCT04493242")).isEmpty();
    assertThat(TrialIds.normalize(null)).isEmpty();
    assertThatThrownBy(() -> TrialIds.registryOf("PMID 123456"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PMID 123456");
  }

  @Test
  void shouldTellEuCtNumbersFromEudraCtNumbersThoughBothAreEuCtr() {
    assertThat(TrialIds.isEuCtNumber("2023-503456-12-00")).isTrue();
    assertThat(TrialIds.isEuCtNumber("2020-001234-56")).isFalse();
    assertThat(TrialIds.isEuCtNumber("NCT04276987")).isFalse();
    assertThat(TrialIds.isEuCtNumber(null)).isFalse();
    assertThat(TrialIds.registryOf("2023-503456-12-00")).isEqualTo(TrialIds.EUCTR);
  }
}
