package io.exowatch.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads an {@link ExoConfig} from, in increasing precedence: a file (properties, or YAML for
 * {@code .yaml}/{@code .yml}, nested maps joined with dots), environment variables
 * ({@link ConfigKey#envName()}), then command-line {@code --set key=value} pairs.
 *
 * <p>Only declared keys are accepted: an unknown key in the file or on the command line fails with
 * a message naming it; an unknown {@code EXOWATCH_*} variable is reported as a warning. Every value
 * set is parsed at load time, so a bad value fails at start with a message naming the key.
 */
public final class ConfigLoader {

  private final Map<String, ConfigKey<?>> known = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();

  /** A loader that accepts exactly {@code keys}. */
  public ConfigLoader(final Collection<? extends ConfigKey<?>> keys) {
    for (final ConfigKey<?> k : keys) {
      final ConfigKey<?> previous = known.putIfAbsent(k.name(), k);
      if (previous != null && previous != k) {
        throw new IllegalArgumentException("Config key declared twice: " + k.name());
      }
    }
  }

  /** The keys this loader accepts, by name. */
  public Map<String, ConfigKey<?>> keys() {
    return Collections.unmodifiableMap(known);
  }

  /** Warnings of the last load, e.g. unknown {@code EXOWATCH_*} variables. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Loads and validates the configuration.
   *
   * @param file a properties or YAML file, or {@code null}
   * @param env the environment (usually {@link System#getenv()})
   * @param options {@code key=value} pairs from the command line, in order
   */
  public ExoConfig load(final Path file, final Map<String, String> env, final Map<String, String> options) {
    warnings.clear();
    final Map<String, ExoConfig.Value> values = new LinkedHashMap<>();
    if (file != null) {
      readFile(file).forEach((k, v) -> values.put(requireKnown(k, file.toString()), new ExoConfig.Value(v, file.toString())));
    }
    final Map<String, ConfigKey<?>> byEnv = new LinkedHashMap<>();
    known.values().forEach(k -> byEnv.put(k.envName(), k));
    for (final Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(ConfigKey.ENV_PREFIX)) {
        continue;
      }
      final ConfigKey<?> key = byEnv.get(e.getKey());
      if (key == null) {
        if (!e.getKey().startsWith(ConfigKey.ENV_PREFIX + "OPTS") && !e.getKey().equals(ConfigKey.ENV_PREFIX + "JAVA")) {
          warnings.add("Ignoring " + e.getKey() + ": no configuration key of that name");
        }
        continue;
      }
      values.put(key.name(), new ExoConfig.Value(e.getValue(), "environment " + e.getKey()));
    }
    options.forEach((k, v) -> values.put(requireKnown(k, "--set"), new ExoConfig.Value(v, "--set " + k)));
    final ExoConfig config = new ExoConfig(values);
    for (final String name : values.keySet()) {
      config.get(known.get(name));
    }
    return config;
  }

  private String requireKnown(final String name, final String origin) {
    if (known.containsKey(name)) {
      return name;
    }
    final TreeSet<String> near = new TreeSet<>();
    final String head = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    for (final String k : known.keySet()) {
      if (k.startsWith(head) || distance(k, name) <= 3) {
        near.add(k);
      }
    }
    throw new ConfigException("Unknown configuration key '" + name + "' in " + origin
        + (near.isEmpty() ? "" : "; did you mean one of " + near + "?"));
  }

  private static Map<String, String> readFile(final Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Config file not found: " + file);
    }
    final String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      final Map<String, String> flat = new LinkedHashMap<>();
      if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
        final Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        if (root != null && !(root instanceof Map)) {
          throw new ConfigException("Config file " + file + " must hold a YAML mapping");
        }
        flatten("", root, flat, file);
      } else {
        final Properties p = new Properties();
        p.load(reader);
        p.stringPropertyNames().stream().sorted().forEach(k -> flat.put(k.trim(), p.getProperty(k).trim()));
      }
      return flat;
    } catch (final IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void flatten(final String prefix, final Object node, final Map<String, String> out, final Path file) {
    if (node == null) {
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out, file));
    } else if (node instanceof List<?> list) {
      final List<String> items = new ArrayList<>();
      for (final Object o : list) {
        if (o instanceof Map || o instanceof List) {
          throw new ConfigException("Config file " + file + ": " + prefix + " must be a list of plain values");
        }
        items.add(String.valueOf(o));
      }
      out.put(prefix, String.join(",", items));
    } else {
      out.put(prefix, String.valueOf(node));
    }
  }

  private static int distance(final String a, final String b) {
    final int[] prev = new int[b.length() + 1];
    final int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      System.arraycopy(cur, 0, prev, 0, cur.length);
    }
    return prev[b.length()];
  }
}
