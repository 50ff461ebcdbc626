package io.exowatch.ingest.ictrp.internal;

import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interventions (and, for ChiCTR, the arms) of an {@code Intervention} cell. Items are split as in
 * {@link ListCells} (paragraphs and {@code ;}). ClinicalTrials.gov items {@code Drug: Placebo} become an
 * intervention of type {@code Drug}; ChiCTR items {@code group:intervention}
 * ({@code Experimental group:MSC exosome inhalation;Control group:Saline;}) become arms labelled by group,
 * each intervention carrying its groups; every other item is an intervention named by its text.
 */
public final class InterventionCells {

  private static final Set<String> CTGOV_TYPES = Set.of("drug", "biological", "device", "procedure",
      "procedure/surgery", "radiation", "behavioral", "genetic", "dietary supplement", "combination product",
      "diagnostic test", "other");
  private static final Pattern TYPED = Pattern.compile("([A-Za-z][A-Za-z /]{1,30}):\\s*(.+)", Pattern.DOTALL);
  private static final Pattern GROUP = Pattern.compile("([^:：]{1,120})[:：]\\s*(.+)", Pattern.DOTALL);

  private InterventionCells() {
  }

  /**
   * What a cell holds.
   *
   * @param interventions the interventions
   * @param arms the arms (ChiCTR groups), else empty
   */
  public record Mapped(List<Intervention> interventions, List<Arm> arms) {
  }

  /**
   * The interventions of {@code cell}.
   *
   * @param cell the {@code Intervention} cell, may be {@code null}
   * @param groups whether items are ChiCTR {@code group:intervention} pairs
   */
  public static Mapped of(final String cell, final boolean groups) {
    final List<String> items = ListCells.split(cell, ListCells.Breaks.PARAGRAPHS);
    if (groups) {
      return grouped(items);
    }
    final List<Intervention> out = new ArrayList<>(items.size());
    for (final String item : items) {
      final Matcher m = TYPED.matcher(item);
      if (m.matches() && CTGOV_TYPES.contains(m.group(1).strip().toLowerCase(Locale.ROOT))) {
        out.add(intervention(m.group(1).strip(), m.group(2).strip(), List.of()));
      } else {
        out.add(intervention(null, item, List.of()));
      }
    }
    return new Mapped(out, List.of());
  }

  private static Mapped grouped(final List<String> items) {
    final Map<String, List<String>> groupsByIntervention = new LinkedHashMap<>();
    final Map<String, List<String>> interventionsByGroup = new LinkedHashMap<>();
    for (final String item : items) {
      final Matcher m = GROUP.matcher(item);
      final String group = m.matches() ? m.group(1).strip() : null;
      final String name = m.matches() ? m.group(2).strip() : item;
      final List<String> groupsOfName = groupsByIntervention.computeIfAbsent(name, k -> new ArrayList<>());
      if (group != null) {
        groupsOfName.add(group);
        interventionsByGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(name);
      }
    }
    final List<Intervention> interventions = new ArrayList<>();
    groupsByIntervention.forEach((name, groupLabels) -> interventions.add(intervention(null, name, groupLabels)));
    final List<Arm> arms = new ArrayList<>();
    interventionsByGroup.forEach((label, names) -> arms.add(Arm.newBuilder().setLabel(label)
        .setInterventionNames(names).build()));
    return new Mapped(interventions, arms);
  }

  private static Intervention intervention(final String type, final String name, final List<String> groups) {
    return Intervention.newBuilder().setType(type).setName(name).setArmGroupLabels(List.copyOf(groups)).build();
  }
}
