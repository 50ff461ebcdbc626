package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;

/** Every configuration key of every ExoWatch service, in documentation order. */
public final class ConfigCatalog {

  private ConfigCatalog() {}

  /** All keys. */
  public static List<ConfigKey<?>> all() {
    final List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
    keys.addAll(StackKeys.all());
    keys.addAll(io.exowatch.sink.SinkKeys.all());
    return List.copyOf(keys);
  }
}
