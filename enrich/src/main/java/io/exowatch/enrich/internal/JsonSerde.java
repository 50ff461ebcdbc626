package io.exowatch.enrich.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for the topology's internal values (state-store entries and link messages), which
 * never leave the application. Unknown properties are ignored so an older instance can read what a
 * newer one wrote.
 *
 * @param <T> the value type (a record)
 */
public final class JsonSerde<T> implements Serde<T> {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Class<T> type;
  /** Bound to the type once: no per-call lookup of the root serializer and deserializer. */
  private final ObjectWriter writer;
  private final ObjectReader reader;

  /** A serde for {@code type}. */
  public JsonSerde(final Class<T> type) {
    this.type = type;
    this.writer = MAPPER.writerFor(type);
    this.reader = MAPPER.readerFor(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return writer.writeValueAsBytes(value);
      } catch (final IOException e) {
        throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (final IOException e) {
        throw new SerializationException("Cannot read " + type.getSimpleName() + " JSON (" + bytes.length
            + " bytes) from " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
