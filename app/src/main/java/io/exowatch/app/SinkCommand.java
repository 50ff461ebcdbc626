package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.sink.SinkKeys;
import io.exowatch.sink.SinkService;
import io.exowatch.sink.SinkStats;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch sink}: indexes {@code trials-enriched} and {@code articles-enriched} into
 * OpenSearch and serves the search API, {@code /api/events}, {@code /health}, {@code /metrics} and
 * the page on {@code http.port} (default 8080). Prints progress (indexed, deleted, rejected,
 * version conflicts) every {@code --progress} seconds when it changed; Ctrl-C stops it cleanly
 * (what it holds is sent and committed).
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Index enriched trials and articles into OpenSearch; serve the search API, /api/events and the page.")
public final class SinkCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (key http.port, default 8080; 0 picks a free port).")
  Integer port;

  @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "10",
      description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
  long progressSeconds;

  private final CountDownLatch stop = new CountDownLatch(1);

  /** Stops a running command as Ctrl-C would (for callers that run it in-process). */
  void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    final Map<String, String> overrides = new HashMap<>();
    ConfigOptions.override(overrides, SinkKeys.HTTP_PORT, port);
    final ExoConfig config = configOptions.load(overrides);
    final PrintWriter out = spec.commandLine().getOut();
    final SinkService sink = SinkService.start(config);
    final CountDownLatch closed = new CountDownLatch(1);
    final Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(70, TimeUnit.SECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "exowatch-sink-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.printf("ExoWatch sink: indexing %s and %s into %s%n", config.get(SinkKeys.TRIALS_TOPIC),
          config.get(SinkKeys.ARTICLES_TOPIC), config.get(CommonKeys.OPENSEARCH_URL));
      out.printf("  page and search API : http://localhost:%d/%n", sink.port());
      out.printf("  live events (SSE)   : http://localhost:%d/api/events%n", sink.port());
      out.println("Press Ctrl-C to stop.");
      out.flush();
      SinkStats last = null;
      final long interval = Math.max(1, progressSeconds);
      while (!stop.await(interval, TimeUnit.SECONDS)) {
        final SinkStats now = sink.stats();
        if (progressSeconds > 0 && !now.equals(last)) {
          out.println(progress(now));
          out.flush();
          last = now;
        }
      }
      out.println("Stopping the sink ...");
      out.flush();
    } finally {
      sink.close();
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // The JVM is already shutting down (Ctrl-C): the hook is running.
      }
    }
    out.println(progress(sink.stats()));
    out.flush();
    return 0;
  }

  static String progress(final SinkStats s) {
    return String.format("indexed %d, deleted %d, rejected %d (sink-dlq), undecodable %d, version conflicts %d, bulk requests %d, failed batches %d",
        s.indexed(), s.deleted(), s.rejected(), s.undecodable(), s.conflicts(), s.bulkRequests(), s.bulkFailures());
  }
}
