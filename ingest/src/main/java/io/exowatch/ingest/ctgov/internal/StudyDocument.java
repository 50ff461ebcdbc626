package io.exowatch.ingest.ctgov.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ClinicalTrials.gov body read in one streaming pass: the elements of its top-level array, or of its
 * {@code studies} array, each with its own text cut from the body (so a record's payload is the
 * source's bytes, not a re-serialisation), and the other top-level fields as a tree.
 */
public final class StudyDocument {

  /** One element of the studies array: its tree and its exact text in the body. */
  public record Element(JsonNode node, String text) {
  }

  private final boolean array;
  private final ObjectNode fields;
  private final List<Element> studies;
  private final boolean hasStudiesField;
  private final JsonNode scalar;

  private StudyDocument(final boolean array, final ObjectNode fields, final List<Element> studies,
      final boolean hasStudiesField, final JsonNode scalar) {
    this.array = array;
    this.fields = fields;
    this.studies = studies;
    this.hasStudiesField = hasStudiesField;
    this.scalar = scalar;
  }

  /**
   * Reads a body.
   *
   * @param mapper the mapper
   * @param body JSON text
   * @return the document
   * @throws IOException when the body is not one JSON value
   */
  public static StudyDocument read(final ObjectMapper mapper, final String body) throws IOException {
    try (JsonParser p = mapper.createParser(body)) {
      final JsonToken first = p.nextToken();
      final StudyDocument doc;
      if (first == JsonToken.START_ARRAY) {
        doc = new StudyDocument(true, mapper.createObjectNode(), elements(mapper, p, body), false, null);
      } else if (first == JsonToken.START_OBJECT) {
        final ObjectNode fields = mapper.createObjectNode();
        List<Element> studies = null;
        boolean hasStudies = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          final String name = p.currentName();
          final JsonToken value = p.nextToken();
          if (name.equals("studies")) {
            hasStudies = true;
          }
          if (name.equals("studies") && value == JsonToken.START_ARRAY && studies == null) {
            studies = elements(mapper, p, body);
          } else {
            fields.set(name, mapper.readTree(p));
          }
        }
        doc = new StudyDocument(false, fields, studies, hasStudies, null);
      } else if (first == null) {
        throw new IOException("No JSON value");
      } else {
        doc = new StudyDocument(false, mapper.createObjectNode(), null, false, mapper.readTree(p));
      }
      if (p.nextToken() != null) {
        throw new IOException("Unexpected content after the JSON value at char " + p.currentTokenLocation().getCharOffset());
      }
      return doc;
    }
  }

  private static List<Element> elements(final ObjectMapper mapper, final JsonParser p, final String body)
      throws IOException {
    final List<Element> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      final int start = (int) p.currentTokenLocation().getCharOffset();
      final JsonNode node = mapper.readTree(p);
      final int end = (int) p.currentLocation().getCharOffset();
      out.add(new Element(node, body.substring(start, end)));
    }
    return out;
  }

  /** Whether the body is a JSON array at top level. */
  public boolean isArray() {
    return array;
  }

  /** The top-level fields other than a {@code studies} array (empty for an array or a scalar). */
  public ObjectNode fields() {
    return fields;
  }

  /** The elements of the top-level array or of the {@code studies} array, or {@code null} when there is none. */
  public List<Element> studies() {
    return studies;
  }

  /** Whether the object had a {@code studies} field, array or not. */
  public boolean hasStudiesField() {
    return hasStudiesField;
  }

  /** The top-level value when it is neither an object nor an array, else {@code null}. */
  public JsonNode scalar() {
    return scalar;
  }
}
