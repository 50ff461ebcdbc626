package io.exowatch.ingest.pubmed;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Child-element navigation over the NCBI DOM (no XPath: plain, fast, and explicit about depth). */
final class Dom {

  private Dom() {
  }

  /** The first child element named {@code name}, or {@code null}. */
  static Element child(final Element parent, final String name) {
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

  /** Follows a path of child names; {@code null} as soon as one is missing. */
  static Element path(final Element from, final String... names) {
    Element e = from;
    for (final String name : names) {
      e = child(e, name);
      if (e == null) {
        return null;
      }
    }
    return e;
  }

  /** Every child element named {@code name}, in order. */
  static List<Element> children(final Element parent, final String name) {
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

  /** The text of an element, inline markup included, stripped; {@code null} if absent or blank. */
  static String text(final Element e) {
    if (e == null) {
      return null;
    }
    final String t = e.getTextContent().replaceAll("[\\s\\u00A0]+", " ").strip();
    return t.isEmpty() ? null : t;
  }
}
