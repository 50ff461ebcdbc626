package io.exowatch.ingest.parse;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses untrusted XML into a DOM without reading anything else: no external DTD is loaded (NCBI's
 * responses name a remote DTD), external entities are not resolved, any entity resolution attempt
 * is answered with nothing, entity expansion is bounded (secure processing), and a document whose
 * DOCTYPE declares entities is refused outright with {@link ParseException.Kind#FORBIDDEN_CONSTRUCT}.
 */
public final class SafeXml {

  private SafeXml() {
  }

  /**
   * Parses {@code xml}.
   *
   * @throws ParseException {@code MALFORMED} when not well-formed (e.g. truncated),
   *     {@code FORBIDDEN_CONSTRUCT} when it declares entities
   */
  public static Document parse(final String xml) throws ParseException {
    if (xml == null || xml.isBlank()) {
      throw new ParseException(ParseException.Kind.MALFORMED, "empty body where XML was expected");
    }
    final Document doc;
    try {
      final DocumentBuilder builder = factory().newDocumentBuilder();
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(final org.xml.sax.SAXParseException e) {
          // Warnings (e.g. an unused DTD) do not stop the parse.
        }

        @Override
        public void error(final org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(final org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      doc = builder.parse(new InputSource(new StringReader(xml)));
    } catch (final SAXException e) {
      throw new ParseException(ParseException.Kind.MALFORMED, "not well-formed XML: " + e.getMessage(), e);
    } catch (final IOException | ParserConfigurationException e) {
      throw new ParseException(ParseException.Kind.MALFORMED, "cannot read XML: " + e.getMessage(), e);
    }
    final DocumentType doctype = doc.getDoctype();
    if (doctype != null) {
      final String subset = doctype.getInternalSubset();
      if (doctype.getEntities().getLength() > 0 || subset != null && subset.contains("<!ENTITY")) {
        throw new ParseException(ParseException.Kind.FORBIDDEN_CONSTRUCT,
            "XML declares entities in its DOCTYPE; refused (possible external-entity attack)");
      }
    }
    return doc;
  }

  /** The XML text of one element, for a record's {@code sourcePayload}. */
  public static String toXml(final Node node) {
    try {
      final TransformerFactory tf = TransformerFactory.newInstance();
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      final Transformer t = tf.newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      final StringWriter out = new StringWriter();
      t.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (final TransformerException e) {
      return node.getTextContent();
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }
}
