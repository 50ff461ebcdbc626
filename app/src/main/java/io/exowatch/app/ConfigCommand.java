package io.exowatch.app;

import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ExoConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints every configuration key with its type, default, environment variable and current value. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "List the configuration keys, their defaults, EXOWATCH_* variables and effective values.")
public final class ConfigCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Option(names = "--markdown", description = "Print a Markdown table (as in the README).")
  boolean markdown;

  @Override
  public Integer call() {
    final ExoConfig config = configOptions.load();
    if (markdown) {
      System.out.println("| key | environment variable | type | default | description |");
      System.out.println("|---|---|---|---|---|");
    }
    for (final ConfigKey<?> key : ConfigCatalog.all()) {
      final Object def = key.defaultValue() == null ? "(required)" : key.defaultValue();
      if (markdown) {
        System.out.printf("| `%s` | `%s` | %s | `%s` | %s |%n", key.name(), key.envName(), key.type(), def, key.doc());
      } else {
        final String current = config.raw(key.name())
            .map(v -> v.raw() + "  (from " + v.origin() + ")").orElse(String.valueOf(def) + "  (default)");
        System.out.printf("%-36s %s%n    %s [%s, env %s]%n", key.name(), current, key.doc(), key.type(), key.envName());
      }
    }
    return 0;
  }
}
