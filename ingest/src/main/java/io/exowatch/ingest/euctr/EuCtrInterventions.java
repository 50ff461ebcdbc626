package io.exowatch.ingest.euctr;

import io.exowatch.ingest.euctr.internal.Values;
import io.exowatch.schemas.avro.Intervention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The interventions of a trial: one per investigational medicinal product (IMP, section D, numbered by
 * {@code D.IMP: n}) and one for a placebo (D.8). An IMP's name is the first of product name (D.3.1),
 * trade name (D.2.1.1.1), INN (D.3.8), other descriptive name (D.3.9.3), product code (D.3.2) and sponsor
 * code (D.3.9.2); the others are its other names. Its description lists the IMP role, pharmaceutical form
 * (D.3.4), routes (D.3.7) and the product kinds ticked Yes in D.3.11 ({@code Somatic cell therapy medicinal
 * product}). Its type is {@value #IMP_TYPE}, the register's word. IMPs of the same name in several member
 * states are one intervention.
 */
final class EuCtrInterventions {

  /** The type of an IMP. */
  static final String IMP_TYPE = "IMP";
  /** The type (and name) of a placebo. */
  static final String PLACEBO = "Placebo";

  private static final List<String> NAME_CODES = List.of("D.3.1", "D.2.1.1.1", "D.3.8", "D.3.9.3", "D.3.2", "D.3.9.2");
  private static final String UMBRELLA_KIND = "D.3.11.3";
  private static final String OTHER_KIND = "D.3.11.13";

  private EuCtrInterventions() {
  }

  static List<Intervention> of(final List<MemberStateProtocol> states) {
    final Map<String, Intervention> byName = new LinkedHashMap<>();
    for (final MemberStateProtocol s : states) {
      for (final List<ProtocolField> imp : imps(s)) {
        final Intervention i = imp(imp);
        if (i != null) {
          merge(byName, i);
        }
      }
      final Intervention placebo = placebo(s);
      if (placebo != null) {
        merge(byName, placebo);
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** The D fields of each IMP of a member state, by IMP number (D.8 placebo fields apart), headings included. */
  private static List<List<ProtocolField>> imps(final MemberStateProtocol s) {
    final Map<Integer, List<ProtocolField>> groups = new TreeMap<>();
    for (final ProtocolField f : s.fields()) {
      // Group 0 holds the D fields of a protocol that does not number its IMPs.
      if (f.code().startsWith("D.") && !f.code().startsWith("D.8")) {
        groups.computeIfAbsent(f.group(), g -> new ArrayList<>()).add(f);
      }
    }
    return new ArrayList<>(groups.values());
  }

  private static Intervention imp(final List<ProtocolField> fields) {
    final Set<String> names = new LinkedHashSet<>();
    for (final String code : NAME_CODES) {
      fields.stream().filter(f -> f.code().equals(code)).map(f -> Values.text(f.value()))
          .filter(Objects::nonNull).forEach(names::add);
    }
    if (names.isEmpty()) {
      return null;
    }
    final List<String> all = new ArrayList<>(names);
    final List<String> parts = new ArrayList<>();
    value(fields, "D.1.2 and D.1.3").ifPresent(v -> parts.add("IMP role: " + v));
    value(fields, "D.3.4").ifPresent(v -> parts.add("Pharmaceutical form: " + v));
    final List<String> routes = fields.stream().filter(f -> f.code().equals("D.3.7"))
        .flatMap(f -> Values.lines(f.value()).stream()).distinct().toList();
    if (!routes.isEmpty()) {
      parts.add("Routes of administration: " + String.join(", ", routes));
    }
    final List<String> kinds = kinds(fields);
    if (!kinds.isEmpty()) {
      parts.add("Product: " + String.join("; ", kinds));
    }
    return Intervention.newBuilder()
        .setType(IMP_TYPE)
        .setName(all.get(0))
        .setOtherNames(new ArrayList<>(all.subList(1, all.size())))
        .setDescription(parts.isEmpty() ? null : String.join(". ", parts))
        .setArmGroupLabels(List.of())
        .build();
  }

  /** The labels of the D.3.11 product kinds ticked Yes, the umbrella ATIMP box aside; "other" gives its text. */
  private static List<String> kinds(final List<ProtocolField> fields) {
    final List<String> kinds = new ArrayList<>();
    for (final ProtocolField f : fields) {
      if (f.code().startsWith("D.3.11.") && !f.code().equals(UMBRELLA_KIND) && !f.code().equals(OTHER_KIND)
          && Values.isYes(f.value())) {
        kinds.add(f.label());
      } else if (f.code().equals(OTHER_KIND + ".1")) {
        final String other = Values.text(f.value());
        if (other != null) {
          kinds.add(other);
        }
      }
    }
    return kinds;
  }

  /**
   * A placebo when the member state's D.8 says so: a D.8 field ticked Yes or describing its form or
   * route, unless {@code Is a Placebo used in this Trial?} says No.
   */
  private static Intervention placebo(final MemberStateProtocol s) {
    final List<ProtocolField> d8 = s.fields().stream().filter(f -> f.code().startsWith("D.8.")).toList();
    if (d8.isEmpty() || d8.stream().anyMatch(f -> f.label().toLowerCase(Locale.ROOT).startsWith("is a placebo")
        && f.value().strip().equalsIgnoreCase("no"))) {
      return null;
    }
    final List<String> parts = new ArrayList<>();
    boolean used = false;
    for (final ProtocolField f : d8) {
      final String label = f.label().toLowerCase(Locale.ROOT);
      used |= Values.isYes(f.value());
      if (label.contains("form") || label.contains("route")) {
        final List<String> lines = Values.lines(f.value());
        if (!lines.isEmpty()) {
          parts.add(f.label() + ": " + String.join(", ", lines));
          used = true;
        }
      }
    }
    if (!used) {
      return null;
    }
    return Intervention.newBuilder().setType(PLACEBO).setName(PLACEBO)
        .setDescription(parts.isEmpty() ? null : String.join(". ", parts))
        .setOtherNames(List.of()).setArmGroupLabels(List.of()).build();
  }

  private static Optional<String> value(final List<ProtocolField> fields, final String code) {
    return fields.stream().filter(f -> f.code().equals(code)).map(f -> Values.text(f.value()))
        .filter(Objects::nonNull).findFirst();
  }

  /** Adds {@code i}, or folds its other names into the intervention of the same name. */
  private static void merge(final Map<String, Intervention> byName, final Intervention i) {
    final String key = i.getName().toLowerCase(Locale.ROOT);
    final Intervention known = byName.get(key);
    if (known == null) {
      byName.put(key, i);
      return;
    }
    final Set<String> other = new LinkedHashSet<>(known.getOtherNames());
    i.getOtherNames().stream().filter(n -> !n.equalsIgnoreCase(known.getName())).forEach(other::add);
    known.setOtherNames(new ArrayList<>(other));
    if (known.getDescription() == null) {
      known.setDescription(i.getDescription());
    }
  }
}
