package io.exowatch.enrich.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One text field of a record as the analysis sees it: its path for evidence
 * ({@code interventions[0].name}), its text, its role, and for interventions and arms the index of
 * the group its sibling fields share.
 */
public final class Field {

  final String path;
  final String text;
  final Role role;
  final int group;
  final String interventionType;
  final boolean primarySummary;
  final List<Hit> hits = new ArrayList<>();
  int index;

  /**
   * A field.
   *
   * @param path the field path, e.g. {@code interventions[0].description}
   * @param text the text
   * @param role its role
   * @param group the intervention or arm index, or -1
   * @param interventionType the intervention's type as the registry states it, or {@code null}
   * @param primarySummary whether this is the brief summary (used to find conditions when titles name none)
   */
  public Field(final String path, final String text, final Role role, final int group,
      final String interventionType, final boolean primarySummary) {
    this.path = path;
    this.text = text;
    this.role = role;
    this.group = group;
    this.interventionType = interventionType;
    this.primarySummary = primarySummary;
  }

  /** A field of a role without group. */
  public static Field of(final String path, final String text, final Role role) {
    return new Field(path, text, role, -1, null, false);
  }

  /** The field path. */
  public String path() {
    return path;
  }

  /** The text. */
  public String text() {
    return text;
  }

  /** The role. */
  public Role role() {
    return role;
  }

  @Override
  public String toString() {
    return path + "(" + role + ")";
  }
}
