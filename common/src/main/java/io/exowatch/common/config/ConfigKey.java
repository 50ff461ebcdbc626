package io.exowatch.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, declared once: dotted lower-case name, type, default and description.
 *
 * <p>Every key also has an environment-variable form, {@code EXOWATCH_} followed by the name
 * upper-cased with {@code .} and {@code -} turned into {@code _}
 * (e.g. {@code kafka.bootstrap.servers} → {@code EXOWATCH_KAFKA_BOOTSTRAP_SERVERS}).
 *
 * @param <T> the parsed value type
 */
public final class ConfigKey<T> {

  /** Prefix of the environment variables that set configuration keys. */
  public static final String ENV_PREFIX = "EXOWATCH_";

  private final String name;
  private final String type;
  private final T defaultValue;
  private final String doc;
  private final Function<String, T> parser;

  private ConfigKey(
      final String name,
      final String type,
      final T defaultValue,
      final String doc,
      final Function<String, T> parser) {
    if (!name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
      throw new IllegalArgumentException("Config key names are dotted lower-case: " + name);
    }
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.doc = Objects.requireNonNull(doc, "doc");
    this.parser = parser;
  }

  /** A text key; a {@code null} default makes the key required. */
  public static ConfigKey<String> string(final String name, final String defaultValue, final String doc) {
    return new ConfigKey<>(name, "string", defaultValue, doc, ConfigKey::nonBlank);
  }

  /** An integer key. */
  public static ConfigKey<Integer> integer(final String name, final Integer defaultValue, final String doc) {
    return new ConfigKey<>(name, "int", defaultValue, doc, s -> Integer.parseInt(s.trim()));
  }

  /** A long key; accepts size suffixes {@code k}, {@code m}, {@code g} (binary, e.g. {@code 32m}). */
  public static ConfigKey<Long> size(final String name, final Long defaultValue, final String doc) {
    return new ConfigKey<>(name, "size", defaultValue, doc, ConfigKey::parseSize);
  }

  /** A decimal key. */
  public static ConfigKey<Double> decimal(final String name, final Double defaultValue, final String doc) {
    return new ConfigKey<>(name, "decimal", defaultValue, doc, s -> Double.parseDouble(s.trim()));
  }

  /** A boolean key: {@code true}/{@code false} (also yes/no, on/off, 1/0). */
  public static ConfigKey<Boolean> bool(final String name, final Boolean defaultValue, final String doc) {
    return new ConfigKey<>(name, "boolean", defaultValue, doc, ConfigKey::parseBoolean);
  }

  /** A duration key: ISO-8601 ({@code PT6H}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 6h}, {@code 1d}). */
  public static ConfigKey<Duration> duration(final String name, final Duration defaultValue, final String doc) {
    return new ConfigKey<>(name, "duration", defaultValue, doc, ConfigKey::parseDuration);
  }

  /** A comma-separated list key; empty items are dropped. */
  public static ConfigKey<List<String>> list(final String name, final List<String> defaultValue, final String doc) {
    return new ConfigKey<>(name, "list", defaultValue == null ? null : List.copyOf(defaultValue), doc, ConfigKey::parseList);
  }

  /** An absolute http(s) URL key; a trailing slash is removed. */
  public static ConfigKey<URI> url(final String name, final String defaultValue, final String doc) {
    return new ConfigKey<>(name, "url", defaultValue == null ? null : parseUrl(defaultValue), doc, ConfigKey::parseUrl);
  }

  /** The dotted name, e.g. {@code kafka.bootstrap.servers}. */
  public String name() {
    return name;
  }

  /** The environment-variable form of the name, e.g. {@code EXOWATCH_KAFKA_BOOTSTRAP_SERVERS}. */
  public String envName() {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A short type name for documentation: string, int, size, decimal, boolean, duration, list, url. */
  public String type() {
    return type;
  }

  /** The default, or {@code null} when the key is required. */
  public T defaultValue() {
    return defaultValue;
  }

  /** Whether a value must be given. */
  public boolean required() {
    return defaultValue == null;
  }

  /** What the key does. */
  public String doc() {
    return doc;
  }

  /** Parses a raw value, failing with a message naming this key. */
  public T parse(final String raw) {
    try {
      final T value = parser.apply(raw);
      if (value == null) {
        throw new IllegalArgumentException("empty value");
      }
      return value;
    } catch (final RuntimeException e) {
      throw new ConfigException(
          "Invalid value '" + raw + "' for " + name + " (" + type + "): " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private static String nonBlank(final String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("must not be blank");
    }
    return s.trim();
  }

  private static long parseSize(final String raw) {
    final String s = raw.trim().toLowerCase(Locale.ROOT);
    final char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    final long factor;
    switch (unit) {
      case 'k': factor = 1L << 10; break;
      case 'm': factor = 1L << 20; break;
      case 'g': factor = 1L << 30; break;
      default: factor = 1L;
    }
    final String digits = factor == 1L ? s : s.substring(0, s.length() - 1);
    final long value = Long.parseLong(digits.trim()) * factor;
    if (value < 0) {
      throw new IllegalArgumentException("must not be negative");
    }
    return value;
  }

  private static boolean parseBoolean(final String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "on": case "1":
        return true;
      case "false": case "no": case "off": case "0":
        return false;
      default:
        throw new IllegalArgumentException("expected true or false");
    }
  }

  static Duration parseDuration(final String raw) {
    final String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
    final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected e.g. PT6H, 500ms, 30s, 5m, 6h or 1d");
    }
    final long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms": return Duration.ofMillis(n);
      case "s": return Duration.ofSeconds(n);
      case "m": return Duration.ofMinutes(n);
      case "h": return Duration.ofHours(n);
      default: return Duration.ofDays(n);
    }
  }

  private static List<String> parseList(final String raw) {
    return Arrays.stream(raw.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static URI parseUrl(final String raw) {
    String s = raw.trim();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    final URI uri = URI.create(s);
    final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an absolute http(s) URL");
    }
    return uri;
  }
}
