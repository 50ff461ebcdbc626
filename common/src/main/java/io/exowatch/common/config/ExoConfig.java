package io.exowatch.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of configuration values with where each came from (file, environment,
 * command line). Values are parsed on read through their {@link ConfigKey}; a key that was not set
 * yields its default, and a required key that was not set fails with a message naming it.
 */
public final class ExoConfig {

  /** Where a value came from, for error messages. */
  public record Value(String raw, String origin) {}

  private static final ExoConfig EMPTY = new ExoConfig(Map.of());

  private final Map<String, Value> values;

  ExoConfig(final Map<String, Value> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A configuration with nothing set: every key has its default. */
  public static ExoConfig defaults() {
    return EMPTY;
  }

  /** A configuration from plain name → value pairs (origin "code"); for tests and embedding. */
  public static ExoConfig of(final Map<String, String> raw) {
    final Map<String, Value> v = new LinkedHashMap<>();
    raw.forEach((k, s) -> v.put(k, new Value(s, "code")));
    return new ExoConfig(v);
  }

  /** The value of {@code key}, its default when unset. */
  public <T> T get(final ConfigKey<T> key) {
    final Value v = values.get(key.name());
    if (v == null) {
      if (key.required()) {
        throw new ConfigException("Missing required configuration key " + key.name()
            + " (set it in the --config file, as " + key.envName() + ", or with --set "
            + key.name() + "=...)");
      }
      return key.defaultValue();
    }
    try {
      return key.parse(v.raw());
    } catch (final ConfigException e) {
      throw new ConfigException(e.getMessage() + " [from " + v.origin() + "]", e.getCause());
    }
  }

  /** The raw value of a key by name, if set. */
  public Optional<Value> raw(final String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Whether the key was set explicitly. */
  public boolean isSet(final ConfigKey<?> key) {
    return values.containsKey(key.name());
  }

  /** A copy with {@code key} set to {@code raw} (origin "code"). */
  public ExoConfig with(final ConfigKey<?> key, final String raw) {
    final Map<String, Value> copy = new LinkedHashMap<>(values);
    copy.put(key.name(), new Value(raw, "code"));
    return new ExoConfig(copy);
  }

  /** Every explicitly set value, by key name. */
  public Map<String, Value> values() {
    return values;
  }

  @Override
  public String toString() {
    return "ExoConfig" + values.keySet();
  }
}
