package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.localstack.LocalStack;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code exowatch stack}: the embedded Kafka broker, schema registry and OpenSearch node with
 * persistent data, on the ports of the configured addresses ({@code kafka.bootstrap.servers},
 * {@code schema.registry.url}, {@code opensearch.url}; defaults 9092, 8081, 9200). Stays up until
 * Ctrl-C, then stops cleanly.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
    description = "Run the embedded Kafka broker, schema registry and OpenSearch node until Ctrl-C.")
public final class StackCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./data; key data.dir).")
  Path dataDir;

  @Option(names = "--no-opensearch", description = "Start only the broker and the registry.")
  boolean noOpenSearch;

  @Override
  public Integer call() throws InterruptedException {
    final Map<String, String> overrides = new HashMap<>();
    ConfigOptions.override(overrides, StackKeys.DATA_DIR, dataDir);
    final ExoConfig config = configOptions.load(overrides);
    final long started = System.nanoTime();
    final LocalStack stack = startStack(config, !noOpenSearch);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping the embedded stack ...");
      stack.close();
      stopped.countDown();
    }, "exowatch-stack-shutdown"));
    System.out.printf("ExoWatch embedded stack ready in %.1f s (data in %s)%n",
        (System.nanoTime() - started) / 1e9, Path.of(config.get(StackKeys.DATA_DIR)).toAbsolutePath().normalize());
    printAddresses(stack, new java.io.PrintWriter(System.out, true));
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  /** Starts the stack on the ports of the configured addresses, with data under {@code data.dir}. */
  static LocalStack startStack(final ExoConfig config, final boolean withOpenSearch) {
    final String bootstrap = config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS).split(",")[0].trim();
    final int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    return LocalStack.builder()
        .dataDir(Path.of(config.get(StackKeys.DATA_DIR)))
        .kafkaPort(kafkaPort)
        .schemaRegistryPort(portOf(config.get(CommonKeys.SCHEMA_REGISTRY_URL).split(",")[0].trim(), 8081))
        .openSearchPort(portOf(config.get(CommonKeys.OPENSEARCH_URL), 9200))
        .withOpenSearch(withOpenSearch)
        .autoCreateTopics(false)
        .numPartitions(config.get(CommonKeys.TOPICS_PARTITIONS))
        .start();
  }

  /** Prints where each component listens. */
  static void printAddresses(final LocalStack stack, final java.io.PrintWriter out) {
    out.println("  Kafka bootstrap servers : " + stack.bootstrapServers());
    out.println("  Schema registry         : " + stack.schemaRegistryUrl());
    if (stack.hasOpenSearch()) {
      out.println("  OpenSearch              : " + stack.openSearchUrl());
    }
    out.flush();
  }

  private static int portOf(final String url, final int fallback) {
    final int port = URI.create(url).getPort();
    return port > 0 ? port : fallback;
  }
}
