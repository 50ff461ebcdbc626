package io.exowatch.ingest.chictr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Labels and language parts of ChiCTR cells. */
class CellTextTest {

  @Test
  void shouldFoldLabelsWrittenWithFullWidthOrAsciiPunctuation() {
    assertThat(CellText.label("研究实施负责（组长）单位：")).isEqualTo(CellText.label("研究实施负责(组长)单位:"));
    assertThat(CellText.label("申请注册联系人传真 ：")).isEqualTo("申请注册联系人传真");
    assertThat(CellText.label(" Study leader's \n telephone：")).isEqualTo("study leader's telephone");
  }

  @Test
  void shouldPickTheLanguagePartsOfACellAndPaddingAway() {
    final Element cell = Jsoup.parseBodyFragment("<table><tr><td><p class=\"cn\">尚未开始&nbsp;</p>"
        + "<p class=\"en\">Not yet\n recruiting</p></td></tr></table>").selectFirst("td");
    assertThat(CellText.english(cell)).isEqualTo("Not yet recruiting");
    assertThat(CellText.chinese(cell)).isEqualTo("尚未开始");
    final Element chineseOnly = Jsoup.parseBodyFragment("<table><tr><td><p class=\"cn\">结束</p><p class=\"en\">&nbsp;</p>"
        + "</td></tr></table>").selectFirst("td");
    assertThat(CellText.english(chineseOnly)).isNull();
    final Element unmarked = Jsoup.parseBodyFragment("<table><tr><td>ChiCTR2400084905&nbsp;\u3000</td></tr></table>")
        .selectFirst("td");
    assertThat(CellText.english(unmarked)).isEqualTo("ChiCTR2400084905");
  }
}
