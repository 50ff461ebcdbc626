package io.exowatch.ingest.irct.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Child-element navigation over a DOM without namespaces; missing elements read as {@code null} or empty. */
public final class Elements {

  private Elements() {
  }

  /** The first child element named {@code name}, or {@code null} (also when {@code parent} is {@code null}). */
  public static Element child(final Element parent, final String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Every child element named {@code name}, in document order. */
  public static List<Element> children(final Element parent, final String name) {
    final List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The plain text of the child {@code name} ({@link PlainText}), or {@code null} when absent or empty. */
  public static String text(final Element parent, final String name) {
    final Element e = child(parent, name);
    return e == null ? null : PlainText.of(e.getTextContent());
  }

  /** The text of the child {@code name} as written (line breaks kept, ends stripped), or {@code null} when absent or blank. */
  public static String raw(final Element parent, final String name) {
    final Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    final String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  /** The distinct plain texts of {@code parent/list/item} elements, in order, empty ones skipped. */
  public static List<String> texts(final Element parent, final String list, final String item) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element e : children(child(parent, list), item)) {
      final String t = PlainText.of(e.getTextContent());
      if (t != null) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
