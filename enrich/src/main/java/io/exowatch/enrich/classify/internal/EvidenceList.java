package io.exowatch.enrich.classify.internal;

import io.exowatch.schemas.avro.Evidence;
import java.util.ArrayList;
import java.util.List;

/** The evidence of one classification as it is gathered: label, field path, matched text (at most 200 chars). */
final class EvidenceList {

  /** The field path of evidence about the record as a whole. */
  static final String RECORD_FIELD = "record";
  private static final int MAX_EVIDENCE_CHARS = 200;

  private final List<Evidence> entries = new ArrayList<>();

  /** The hit's text as evidence for the label. */
  void add(final String label, final Hit h) {
    entries.add(new Evidence(label, h.field.path(), bound(h.text())));
  }

  /** Evidence from a field path and text. */
  void add(final String label, final String field, final String text) {
    entries.add(new Evidence(label, field, bound(text)));
  }

  /** The hit's text, or an empty record-level entry when there is no hit. */
  void addOrRecord(final String label, final Hit h) {
    if (h != null) {
      add(label, h);
    } else {
      entries.add(new Evidence(label, RECORD_FIELD, ""));
    }
  }

  /** The mention together with its source word when they share a field: "umbilical cord MSC-derived exosomes". */
  void addMention(final String label, final Mention m) {
    final Hit h = m.hit;
    if (m.source != null && m.source.field == h.field) {
      final int start = Math.min(h.start, m.source.start);
      final int end = Math.max(h.end, m.source.end);
      entries.add(new Evidence(label, h.field.path(), bound(h.field.text.substring(start, end))));
    } else {
      add(label, h);
      if (m.source != null) {
        add(label, m.source);
      }
    }
  }

  /** The entries so far. */
  List<Evidence> entries() {
    return List.copyOf(entries);
  }

  /** Text cut to at most {@value #MAX_EVIDENCE_CHARS} characters. */
  static String bound(final String text) {
    final String t = text.strip();
    return t.length() <= MAX_EVIDENCE_CHARS ? t : t.substring(0, MAX_EVIDENCE_CHARS - 3) + "...";
  }
}
