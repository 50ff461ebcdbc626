package io.exowatch.ingest.ictrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading exports: the header by name, quoted and multi-line cells, and bad records among good ones. */
class IctrpCsvReaderTest {

  @Test
  void shouldFindColumnsByNameBehindAByteOrderMark() throws Exception {
    // portal-export.csv: the 58-column search-portal export, UTF-8 with BOM, CRLF line ends.
    final IctrpHeader header = IctrpCsvReader.open(IctrpFiles.path("portal-export.csv")).header();

    assertThat(header.size()).isEqualTo(58);
    assertThat(header.names().get(0)).isEqualTo("TrialID");
    assertThat(header.indexOf(IctrpColumn.TRIAL_ID)).isZero();
    assertThat(header.indexOf(IctrpColumn.DATE_ENROLLMENT)).isEqualTo(16);
    assertThat(header.indexOf(IctrpColumn.SECONDARY_ID)).isEqualTo(34);
    assertThat(header.indexOf(IctrpColumn.BRIDGING_FLAG)).isEqualTo(56);
    assertThat(header.has(IctrpColumn.CHILDS)).isFalse();
  }

  @Test
  void shouldReadQuotedCellsWithLineBreaksQuotesAndCommasAsOneRow() {
    final List<IctrpLine> lines = IctrpFiles.lines("portal-export.csv");

    assertThat(lines).hasSize(12).allMatch(IctrpRow.class::isInstance);
    assertThat(lines).extracting(IctrpLine::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    final IctrpRow first = (IctrpRow) lines.get(0);
    assertThat(first.cells().get(28)).isEqualTo("Inclusion criteria: Adults aged 40-75 years\n"
        + "Radiographic knee osteoarthritis, Kellgren-Lawrence grade 2-3\n\"Moderate\" pain despite usual care");
    assertThat(first.get(IctrpColumn.PUBLIC_TITLE)).isEqualTo("Exosomes from umbilical cord mesenchymal stromal cells injected into the knee");
    assertThat(first.get(IctrpColumn.ACRONYM)).isEqualTo("EXOKNEE");
  }

  @Test
  void shouldMapAnOlderExportWithOtherColumnsAndEveryCellQuoted() {
    // covid19-web-2020.csv: the 40-column COVID-19 export of 2020, no Secondary ID, a Retrospective flag.
    final List<IctrpLine> lines = IctrpFiles.lines("covid19-web-2020.csv");

    assertThat(lines).hasSize(3).allMatch(IctrpRow.class::isInstance);
    final IctrpRow chictr = (IctrpRow) lines.get(0);
    assertThat(chictr.header().has(IctrpColumn.SECONDARY_ID)).isFalse();
    assertThat(chictr.get(IctrpColumn.SECONDARY_ID)).isNull();
    assertThat(chictr.get(IctrpColumn.TRIAL_ID)).isEqualTo("ChiCTR2000030261");
    assertThat(chictr.get(IctrpColumn.BRIDGED_TYPE)).isNull();
    assertThat(chictr.get(IctrpColumn.TARGET_SIZE)).isEqualTo("Case series:20;");
  }

  @Test
  void shouldReturnBadRecordsWithTheirNumberAndReasonAndReadOn() {
    // bad-rows.csv: a stray quote (row 2), an unquoted comma (row 3), no TrialID (row 4), a blank line,
    // a TrialID that is no id (row 5) and a good row after all of them (row 6).
    final List<IctrpLine> lines = IctrpFiles.lines("bad-rows.csv");

    assertThat(lines).extracting(IctrpLine::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(lines.get(0)).isInstanceOf(IctrpRow.class);
    assertThat(lines.get(1)).isInstanceOfSatisfying(IctrpBadRow.class, bad -> {
      assertThat(bad.reason()).startsWith("not valid CSV").contains("line 3");
      assertThat(bad.trialId()).isEqualTo("ACTRN12620000222333");
    });
    assertThat(lines.get(2)).isInstanceOfSatisfying(IctrpBadRow.class, bad -> {
      assertThat(bad.reason()).isEqualTo("has 13 cells but the header has 12 (an unquoted comma, quote or line break in a cell?)");
      assertThat(bad.toCsv()).startsWith("TrialID,Public title,").contains("\nACTRN12620000333444,Exosome eye drops,\" an unquoted comma\",Topical");
    });
    assertThat(lines.subList(3, 6)).allMatch(IctrpRow.class::isInstance);
    assertThat(((IctrpRow) lines.get(5)).get(IctrpColumn.TRIAL_ID)).isEqualTo("JPRN-UMIN000099999");
  }

  @Test
  void shouldEndWithABadRecordWhenAQuoteIsNeverClosed() throws Exception {
    final List<IctrpLine> lines = IctrpFiles.linesOf("TrialID,Public title\n"
        + "NCT04276987,\"Exosomes for COVID-19\nNCT04313647,Exosome tolerance\n");

    assertThat(lines).singleElement().isInstanceOfSatisfying(IctrpBadRow.class, bad ->
        assertThat(bad.reason()).contains("Missing closing quote").contains("never closed"));
  }

  @Test
  void shouldMatchHeaderNamesOfOtherExportVersionsIgnoringCaseAndPunctuation() throws Exception {
    final IctrpHeader header = IctrpCsvReader.open(new StringReader(
        "Trial ID,date_enrollment,Secondary IDs,Bridging flag,Childs,Unknown column\nNCT04276987,,,,,\n")).header();

    assertThat(header.indexOf(IctrpColumn.TRIAL_ID)).isZero();
    assertThat(header.indexOf(IctrpColumn.DATE_ENROLLMENT)).isEqualTo(1);
    assertThat(header.indexOf(IctrpColumn.SECONDARY_ID)).isEqualTo(2);
    assertThat(header.indexOf(IctrpColumn.BRIDGING_FLAG)).isEqualTo(3);
    assertThat(header.indexOf(IctrpColumn.CHILDS)).isEqualTo(4);
  }

  @Test
  void shouldRefuseAFileWithoutATrialIdColumnNamingIt() {
    // ctgov-download.csv: ClinicalTrials.gov's own CSV download, not an ICTRP export.
    assertThatThrownBy(() -> IctrpCsvReader.open(IctrpFiles.path("ctgov-download.csv")))
        .isInstanceOf(IctrpFormatException.class)
        .hasMessageContaining("no 'TrialID' column")
        .hasMessageContaining("found 8 columns: 'NCT Number', 'Study Title'");
  }

  @Test
  void shouldSayWhenTheFirstRowIsDataAsInTheHeaderlessFullExport() {
    assertThatThrownBy(() -> IctrpFiles.linesOf("ACTRN12625000115437,\"\"\"17 February 2025\"\"\",NULL\n"))
        .isInstanceOf(IctrpFormatException.class)
        .hasMessageContaining("looks like a data row")
        .hasMessageContaining("full export has no header row");
  }

  @Test
  void shouldRefuseAnEmptyFile() {
    assertThatThrownBy(() -> IctrpFiles.linesOf("\n\n")).isInstanceOf(IctrpFormatException.class)
        .hasMessageContaining("empty");
  }
}
