package io.exowatch.ingest.chictr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The blocks of a project page that hold one small table per item: intervention groups
 * ({@code 干预措施 / Interventions}), outcomes ({@code 测量指标 / Outcomes}), secondary sponsors
 * ({@code 试验主办单位 / Secondary sponsor}) and sites ({@code 研究实施地点 / Countries of
 * recruitment and research settings}).
 */
public final class NestedTables {

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private NestedTables() {
  }

  /**
   * One intervention group.
   *
   * @param group the group's name (English, else Chinese), or {@code null}
   * @param intervention what the group gets (English, else Chinese), or {@code null}
   * @param sampleSize the group's planned size, or {@code null}
   */
  public record Group(String group, String intervention, Integer sampleSize) {
  }

  /** The labelled tables inside the value cell labelled {@code en} / {@code cn}, in page order. */
  public static List<LabelledCells> under(final LabelledCells page, final String en, final String cn) {
    final List<LabelledCells> out = new ArrayList<>();
    page.cell(en, cn).ifPresent(cell -> {
      for (final Element table : cell.select("table")) {
        final LabelledCells t = LabelledCells.ofTable(table);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    });
    return out;
  }

  /** The intervention groups of the page; empty when it has no intervention table. */
  public static List<Group> groups(final LabelledCells page) {
    final List<Group> out = new ArrayList<>();
    for (final LabelledCells t : under(page, "Interventions", "干预措施")) {
      final Group g = new Group(t.text("Group", "组别"), t.text("Intervention", "干预措施"),
          number(t.text("Sample size", "样本量")));
      if (g.group() != null || g.intervention() != null) {
        out.add(g);
      }
    }
    return out;
  }

  /** The outcome names (English, else Chinese), primary and secondary, in page order. */
  public static List<String> outcomes(final LabelledCells page) {
    final List<String> out = new ArrayList<>();
    for (final LabelledCells t : under(page, "Outcomes", "测量指标")) {
      final String name = t.text("Outcome", "指标中文名");
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  /** The value labelled {@code en} / {@code cn} in every table of the block labelled {@code blockEn} / {@code blockCn}. */
  public static List<String> values(final LabelledCells page, final String blockEn, final String blockCn,
      final String en, final String cn) {
    final List<String> out = new ArrayList<>();
    for (final LabelledCells t : under(page, blockEn, blockCn)) {
      final String v = t.text(en, cn);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** The first whole number in {@code text} ({@code "192"}, {@code "30例"}), or {@code null}. */
  public static Integer number(final String text) {
    if (text == null) {
      return null;
    }
    final Matcher m = NUMBER.matcher(text);
    if (!m.find() || m.group().length() > 9) {
      return null;
    }
    return Integer.valueOf(m.group());
  }
}
