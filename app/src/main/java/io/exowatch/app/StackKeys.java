package io.exowatch.app;

import io.exowatch.common.config.ConfigKey;
import java.util.List;

/** Keys of the embedded stack ({@code exowatch stack}, {@code exowatch up}). */
public final class StackKeys {

  /** Where the embedded broker, registry and OpenSearch keep their data. Default {@code ./data}. */
  public static final ConfigKey<String> DATA_DIR = ConfigKey.string(
      "data.dir", "./data", "Data directory of the embedded stack (broker logs, OpenSearch data).");

  private StackKeys() {}

  /** Every key declared here. */
  public static List<ConfigKey<?>> all() {
    return List.of(DATA_DIR);
  }
}
