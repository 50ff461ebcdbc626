package io.exowatch.ingest.isrctn.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Namespace-aware navigation over the DOM {@link io.exowatch.ingest.parse.SafeXml} builds (which keeps
 * {@code xmlns} declarations as plain attributes): an element matches when its local name matches and
 * its prefix (or the default namespace) is bound to {@link #ISRCTN} by the nearest declaration above
 * it. So {@code <allTrials xmlns="...isrctn">} and {@code <i:allTrials xmlns:i="...isrctn">} read the
 * same, and elements of any other namespace are not read.
 */
public final class NsElements {

  /** The namespace of the ISRCTN API's elements. */
  public static final String ISRCTN = "http://www.67bricks.com/isrctn";

  private NsElements() {
  }

  /** The local part of the element's name. */
  public static String localName(final Element e) {
    final String tag = e.getTagName();
    final int colon = tag.indexOf(':');
    return colon < 0 ? tag : tag.substring(colon + 1);
  }

  /** The namespace the element's prefix (or the default namespace) is bound to, or {@code null}. */
  public static String namespace(final Element e) {
    final String tag = e.getTagName();
    final int colon = tag.indexOf(':');
    final String attribute = colon < 0 ? "xmlns" : "xmlns:" + tag.substring(0, colon);
    for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
      if (el.hasAttribute(attribute)) {
        final String uri = el.getAttribute(attribute);
        return uri.isEmpty() ? null : uri;
      }
    }
    return null;
  }

  /** Whether {@code e} is the ISRCTN element {@code local}. */
  public static boolean is(final Element e, final String local) {
    return e != null && localName(e).equals(local) && ISRCTN.equals(namespace(e));
  }

  /** The first ISRCTN child element {@code local}, or {@code null}. */
  public static Element child(final Element parent, final String local) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && is(e, local)) {
        return e;
      }
    }
    return null;
  }

  /** Every ISRCTN child element {@code local}, in document order. */
  public static List<Element> children(final Element parent, final String local) {
    final List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && is(e, local)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Follows a path of ISRCTN child names; {@code null} as soon as one is missing. */
  public static Element path(final Element from, final String... locals) {
    Element e = from;
    for (final String local : locals) {
      e = child(e, local);
      if (e == null) {
        return null;
      }
    }
    return e;
  }

  /** The plain text of {@code e} ({@link PlainText}), or {@code null} when absent or empty. */
  public static String text(final Element e) {
    return e == null ? null : PlainText.of(e.getTextContent());
  }

  /** The text of {@code e} as written (line breaks kept, ends stripped), or {@code null} when absent or blank. */
  public static String raw(final Element e) {
    if (e == null) {
      return null;
    }
    final String t = e.getTextContent().strip();
    return t.isEmpty() ? null : t;
  }

  /** The plain text of an attribute, or {@code null} when absent or empty. */
  public static String attribute(final Element e, final String name) {
    return e == null || !e.hasAttribute(name) ? null : PlainText.of(e.getAttribute(name));
  }
}
