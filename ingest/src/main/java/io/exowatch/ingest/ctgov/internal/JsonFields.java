package io.exowatch.ingest.ctgov.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.exowatch.ingest.ctgov.CtGovParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, tolerant access to JSON fields: a missing or {@code null} field reads as absent (null, empty
 * list, missing object); a field of the wrong JSON type fails with a {@link CtGovParseException}
 * naming its path, e.g. {@code protocolSection.designModule.phases}.
 */
public final class JsonFields {

  private JsonFields() {
  }

  /** The object at {@code parent.name}, or a missing node when absent. */
  public static JsonNode object(final JsonNode parent, final String name, final String parentPath) {
    final JsonNode node = parent.get(name);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return MissingNode.getInstance();
    }
    if (!node.isObject()) {
      throw wrongType(parentPath, name, "an object", node);
    }
    return node;
  }

  /** The elements of the array at {@code parent.name}, empty when absent. */
  public static List<JsonNode> array(final JsonNode parent, final String name, final String parentPath) {
    final JsonNode node = parent.get(name);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(parentPath, name, "an array", node);
    }
    final List<JsonNode> out = new ArrayList<>(node.size());
    node.forEach(out::add);
    return out;
  }

  /** The scalar at {@code parent.name} as text, or {@code null} when absent or blank. */
  public static String text(final JsonNode parent, final String name, final String parentPath) {
    final JsonNode node = parent.get(name);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw wrongType(parentPath, name, "text", node);
    }
    final String s = node.asText();
    return s.isBlank() ? null : s;
  }

  /** The texts of the array of strings at {@code parent.name}, blanks dropped, empty when absent. */
  public static List<String> texts(final JsonNode parent, final String name, final String parentPath) {
    final List<JsonNode> items = array(parent, name, parentPath);
    final List<String> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      final JsonNode item = items.get(i);
      if (item.isNull()) {
        continue;
      }
      if (!item.isValueNode()) {
        throw wrongType(parentPath, name + "[" + i + "]", "text", item);
      }
      final String s = item.asText();
      if (!s.isBlank()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The integer at {@code parent.name} (a JSON number or a numeric string), or {@code null} when absent. */
  public static Integer integer(final JsonNode parent, final String name, final String parentPath) {
    final JsonNode node = parent.get(name);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.valueOf(node.asText().strip());
      } catch (final NumberFormatException e) {
        throw wrongType(parentPath, name, "an integer", node);
      }
    }
    throw wrongType(parentPath, name, "an integer", node);
  }

  /** The path of a child field, for messages. */
  public static String path(final String parentPath, final String name) {
    return parentPath.isEmpty() ? name : parentPath + "." + name;
  }

  private static CtGovParseException wrongType(final String parentPath, final String name,
      final String expected, final JsonNode found) {
    return new CtGovParseException("Expected " + expected + " at " + path(parentPath, name)
        + " but found " + found.getNodeType(), found.toString(), null);
  }
}
