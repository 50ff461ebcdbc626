package io.exowatch.enrich.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One text field of a record as the analysis sees it: its path for evidence
 * ({@code interventions[0].name}), its text, its role, and for interventions and arms the index of
 * the group its sibling fields share.
 */
public final class Field {

  private final String name;
  private final int index1;
  private final String child;
  private final int index2;
  private String path;
  final String text;
  final Role role;
  final int group;
  final String interventionType;
  final boolean primarySummary;
  final List<Hit> hits;
  int index;

  /**
   * A field. Its path, {@code name[index1].child[index2]} with absent parts left out, is only built
   * when evidence names it.
   *
   * @param name the record field, e.g. {@code interventions}
   * @param index1 the index in that list, or -1
   * @param child the sub-field, e.g. {@code otherNames}, or {@code null}
   * @param index2 the index in the sub-field's list, or -1
   * @param text the text
   * @param role its role
   * @param group the intervention or arm index, or -1
   * @param interventionType the intervention's type as the registry states it, or {@code null}
   * @param primarySummary whether this is the brief summary (used to find conditions when titles name none)
   */
  public Field(final String name, final int index1, final String child, final int index2, final String text,
      final Role role, final int group, final String interventionType, final boolean primarySummary) {
    this.name = name;
    this.index1 = index1;
    this.child = child;
    this.index2 = index2;
    this.text = text;
    this.role = role;
    this.group = group;
    this.interventionType = interventionType;
    this.primarySummary = primarySummary;
    // About one vocabulary hit per 16 characters of registry prose: sized so the list rarely grows.
    this.hits = new ArrayList<>(Math.max(4, text.length() >> 4));
  }

  /** A top-level field ({@code briefTitle}) or list element ({@code conditions[1]}) without group. */
  public static Field of(final String name, final int index, final String text, final Role role) {
    return new Field(name, index, null, -1, text, role, -1, null, false);
  }

  /** The field path, e.g. {@code interventions[0].otherNames[1]}. */
  public String path() {
    if (path == null) {
      final StringBuilder sb = new StringBuilder(name);
      if (index1 >= 0) {
        sb.append('[').append(index1).append(']');
      }
      if (child != null) {
        sb.append('.').append(child);
        if (index2 >= 0) {
          sb.append('[').append(index2).append(']');
        }
      }
      path = sb.toString();
    }
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
    return path() + "(" + role + ")";
  }
}
