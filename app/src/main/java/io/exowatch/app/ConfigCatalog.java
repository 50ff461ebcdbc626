package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ConfigKey;
import io.exowatch.enrich.EnrichKeys;
import io.exowatch.ingest.IngestKeys;
import io.exowatch.sink.SinkKeys;
import java.util.ArrayList;
import java.util.List;

/** Every configuration key of every ExoWatch service, in documentation order. */
public final class ConfigCatalog {

  private ConfigCatalog() {}

  /** All keys: shared, embedded stack, ingest, enrich, sink. */
  public static List<ConfigKey<?>> all() {
    final List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
    keys.addAll(StackKeys.all());
    keys.addAll(IngestKeys.all());
    keys.addAll(EnrichKeys.all());
    keys.addAll(SinkKeys.all());
    return List.copyOf(keys);
  }
}
