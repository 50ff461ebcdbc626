package io.exowatch.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a source stands: a small immutable set of named text values (a date the next pass starts
 * from, a page token or cursor mark in the middle of a pass, ...), stored as a JSON object. Each
 * source documents its own fields. {@link #EMPTY} means "never ran": a full pass.
 */
public final class Cursor {

  /** No position: the next pass is a full one. */
  public static final Cursor EMPTY = new Cursor(Map.of());

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, String> values;

  private Cursor(final Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** A cursor of these values. */
  public static Cursor of(final Map<String, String> values) {
    return new Cursor(values);
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object of text values
   */
  public static Cursor fromJson(final String json) {
    try {
      final JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("cursor is not a JSON object: " + json);
      }
      final Map<String, String> m = new TreeMap<>();
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          m.put(e.getKey(), e.getValue().asText());
        }
      });
      return new Cursor(m);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("cursor is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The JSON form, keys sorted. */
  public String toJson() {
    final ObjectNode node = MAPPER.createObjectNode();
    values.forEach(node::put);
    return node.toString();
  }

  /** A value, if set. */
  public Optional<String> get(final String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** A whole-number value, or {@code fallback} when unset or not a number. */
  public long getLong(final String name, final long fallback) {
    final String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (final NumberFormatException e) {
      return fallback;
    }
  }

  /** A list value (stored one item a line); empty when unset. */
  public List<String> getList(final String name) {
    final String v = values.get(name);
    return v == null || v.isEmpty() ? List.of() : Arrays.stream(v.split("\n")).filter(s -> !s.isBlank()).toList();
  }

  /** A copy with {@code name} set, or removed when {@code value} is {@code null}. */
  public Cursor with(final String name, final String value) {
    final Map<String, String> m = new TreeMap<>(values);
    if (value == null) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return new Cursor(m);
  }

  /** A copy with a list value (items must not contain line breaks); an empty list removes it. */
  public Cursor withList(final String name, final List<String> items) {
    return with(name, items.isEmpty() ? null : String.join("\n", items));
  }

  /** The values. */
  public Map<String, String> values() {
    return values;
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Cursor c && values.equals(c.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
