package io.exowatch.app;

import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ConfigLoader;
import io.exowatch.common.config.ExoConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration options every service command shares: {@code --config FILE} (properties or
 * YAML) and repeatable {@code --set key=value}. Precedence: file, then {@code EXOWATCH_*}
 * environment variables, then {@code --set}, then a command's own options.
 */
public final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (.properties, or .yaml/.yml with nested keys).")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Set a configuration key (repeatable); see 'exowatch config' for the keys.")
  Map<String, String> sets = new LinkedHashMap<>();

  /** Loads the configuration; {@code overrides} are the command's own options (highest precedence). */
  public ExoConfig load(final Map<String, String> overrides) {
    final ConfigLoader loader = new ConfigLoader(ConfigCatalog.all());
    final Map<String, String> options = new LinkedHashMap<>(sets);
    options.putAll(overrides);
    final ExoConfig config = loader.load(file, System.getenv(), options);
    loader.warnings().forEach(w -> System.err.println("exowatch: warning: " + w));
    return config;
  }

  /** Loads the configuration with no command-specific overrides. */
  public ExoConfig load() {
    return load(Map.of());
  }

  /** Puts {@code value} for {@code key} into {@code overrides} when the option was given. */
  static void override(final Map<String, String> overrides, final ConfigKey<?> key, final Object value) {
    if (value != null) {
      overrides.put(key.name(), String.valueOf(value));
    }
  }
}
