package io.exowatch.ingest.chictr;

import io.exowatch.ingest.testing.Fixtures;
import java.util.List;

/**
 * ChiCTR pages for the stand-in server of source and integration tests, in the site's markup:
 * results pages built on the structure of the real {@code searchproj.html} (result count, result
 * table {@code table.table1}), project pages made from ExoWatch's own bilingual page
 * {@code chictr/project-msc-exosome-nct.html} with another registration number and title.
 */
public final class ChiCtrPages {

  /** The registration number and English title of the page the project pages are made from. */
  private static final String TEMPLATE_ID = "ChiCTR2300071234";
  private static final String TEMPLATE_TITLE = "Intra-articular injection of human umbilical cord mesenchymal stem cell-derived"
      + " exosomes for knee osteoarthritis: a randomized controlled trial";

  private ChiCtrPages() {
  }

  /**
   * A result row.
   *
   * @param projectId the {@code proj=} number
   * @param registrationNumber the number shown, or {@code null} for a blank cell
   * @param title the listed title
   */
  public record Row(String projectId, String registrationNumber, String title) {
  }

  /** A row for registration {@code ChiCTR23000000NN} at project {@code 9000NN}, for {@code n} from 1 to 99. */
  public static Row row(final int n) {
    return new Row(projectId(n), registrationNumber(n), "间充质干细胞外泌体研究 " + n);
  }

  /** The project number of {@link #row(int)}. */
  public static String projectId(final int n) {
    return String.format("9000%02d", n);
  }

  /** The registration number of {@link #row(int)}. */
  public static String registrationNumber(final int n) {
    return String.format("ChiCTR23000000%02d", n);
  }

  /** A results page stating {@code total} matches and listing {@code rows}. */
  public static String results(final int total, final List<Row> rows) {
    final StringBuilder sb = new StringBuilder(4096).append("""
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="UTF-8" />
                <title>中国临床试验注册中心 - 世界卫生组织国际临床试验注册平台一级注册机构</title>
            </head>
            <body>
                <div class="pc-wrap"><div class="pc-box"><div class="retrieve-box p10">
                    <div class="retr-line">
                        共检索到
                        <span id="data-total">""").append(total).append("""
        </span>
                        个符合检索条件的试验。
                    </div>
                    <table class="table1" cellspacing="1" cellpadding="0" border="0">
                        <t-head>
                            <tr>
                                <th style="width: 100px">历史版本</th>
                                <th style="width: 150px">注册号</th>
                                <th style="width: 454px">注册题目</th>
                                <th style="width: 90px">研究类型</th>
                                <th style="width: 80px">注册时间</th>
                            </tr>
                        </t-head>
        """);
    for (final Row r : rows) {
      final String number = r.registrationNumber() == null ? "" : r.registrationNumber();
      sb.append("""
                          <tr>
                              <td><a href="historyversionpub.html?regno=%1$s">历史版本</a></td>
                              <td>%1$s</td>
                              <td>
                                  <a href="showproj.html?proj=%2$s" class="tit1 wto" title="%3$s">%3$s</a>
                                  <p>四川大学华西医院</p>
                              </td>
                              <td>干预性研究</td>
                              <td>2023/05/08</td>
                          </tr>
          """.formatted(number, r.projectId(), r.title()));
    }
    return sb.append("""
                    </table>
                    <div id="pagination" class="pagination"></div>
                </div></div></div>
                <script src="./js/myPagination.js"></script>
            </body>
        </html>
        """).toString();
  }

  /** A bilingual project page of registration {@code registrationNumber} titled {@code title}. */
  public static String project(final String registrationNumber, final String title) {
    return Fixtures.resource("chictr/project-msc-exosome-nct.html").replace(TEMPLATE_ID, registrationNumber)
        .replace(TEMPLATE_TITLE, title);
  }

  /** The project page of {@link #row(int)}, titled {@code "MSC exosome trial n"}. */
  public static String project(final int n) {
    return project(registrationNumber(n), "MSC exosome trial " + n);
  }
}
