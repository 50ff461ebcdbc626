package io.exowatch.app;

import io.exowatch.app.offline.SourceSimulator;
import io.exowatch.app.offline.SyntheticStudies;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.enrich.EnrichKeys;
import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.common.config.ConfigKey;
import io.exowatch.ingest.IngestKeys;
import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.SourceProgress;
import io.exowatch.ingest.SourceResult;
import io.exowatch.localstack.LocalStack;
import io.exowatch.sink.SinkService;
import io.exowatch.sink.SinkStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch up}: the whole pipeline in one JVM — the embedded stack (broker, registry,
 * OpenSearch) with persistent data, then the enrich, sink and ingest services — on a machine with
 * nothing but Java. Prints where everything is, shows progress while the sources are scraped,
 * classified and indexed, keeps polling, and stops everything cleanly on Ctrl-C. A second {@code up}
 * on the same data directory resumes: cursors, Streams state and offsets are in Kafka.
 *
 * <p>{@code --offline} serves a bundled snapshot of real-format source data (ClinicalTrials.gov,
 * PubMed, Europe PMC, landing pages) from a local server and points the sources at it.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run everything on this machine: embedded Kafka, registry and OpenSearch, plus ingest, enrich and sink.")
public final class UpCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./data; key data.dir).")
  Path dataDir;

  @Option(names = "--offline",
      description = "Serve a bundled snapshot of source data from a local server instead of the live sources.")
  boolean offline;

  @Option(names = "--synthetic", paramLabel = "N",
      description = "With --offline: also serve N generated ClinicalTrials.gov studies (default 0).")
  int synthetic;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
      description = "How often to print progress (default 5s).")
  String progressInterval;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, SourceProgress> sources = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    final long started = System.nanoTime();
    final Duration every = ConfigKey.duration("up.progress-interval", Duration.ofSeconds(5), "")
        .parse(progressInterval);
    final Map<String, String> overrides = new HashMap<>();
    ConfigOptions.override(overrides, StackKeys.DATA_DIR, dataDir);
    final Thread hook = new Thread(this::shutdown, "exowatch-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (offline) {
        final SourceSimulator.Builder simulator = SourceSimulator.builder().bundledSnapshot();
        if (synthetic > 0) {
          simulator.syntheticStudies(new SyntheticStudies(), synthetic);
        }
        final SourceSimulator sim = simulator.start();
        running.push(sim);
        overrides.putAll(sim.configOverrides());
        // The simulator is on this machine: no need to be as polite as with the real registries.
        for (final ConfigKey<Double> rate : List.of(IngestKeys.CTGOV_RATE_LIMIT, IngestKeys.PUBMED_RATE_LIMIT,
            IngestKeys.EUROPEPMC_RATE_LIMIT, IngestKeys.PAGES_RATE_LIMIT, IngestKeys.CHICTR.rateLimit(),
            IngestKeys.IRCT.rateLimit(), IngestKeys.ISRCTN.rateLimit(), IngestKeys.EUCTR.rateLimit())) {
          overrides.putIfAbsent(rate.name(), "50");
        }
        out.printf("Offline: serving the bundled source snapshot%s at %s%n",
            synthetic > 0 ? " and " + synthetic + " synthetic studies" : "", sim.baseUrl());
        out.flush();
      }
      final ExoConfig config = withStateUnderDataDir(configOptions.load(overrides));

      out.println("Starting the embedded stack (Kafka, schema registry, OpenSearch) ...");
      out.flush();
      final LocalStack stack = StackCommand.startStack(config, true);
      running.push(stack);
      new KafkaClients(config).ensureTopics();

      final EnrichService enrich = new EnrichService(config, RecordClassifier.of(new Classifier()));
      running.push(enrich);
      enrich.start();
      final SinkService sink = SinkService.start(config);
      running.push(sink);
      final IngestRuntime ingest = IngestRuntime.create(config, new SourceTracker());
      running.push(ingest);

      out.printf("ExoWatch is up in %.1f s (data in %s)%n", (System.nanoTime() - started) / 1e9,
          Path.of(config.get(StackKeys.DATA_DIR)).toAbsolutePath().normalize());
      out.println("  Web page and search API : " + sink.url() + "/  (API " + sink.url() + "/api/trials)");
      out.println("  Live new-trial events   : " + sink.url() + "/api/events  (Server-Sent Events)");
      StackCommand.printAddresses(stack, out);
      out.println("  Sources                 : " + ingest.service().sourceNames());
      out.println("Press Ctrl-C to stop.");
      out.flush();

      final Thread poller = new Thread(ingest.service()::run, "exowatch-ingest");
      poller.setDaemon(true);
      poller.start();
      while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
        out.println(progressLine(enrich.progress().snapshot(), sink.stats()));
        out.flush();
        if (enrich.failed()) {
          out.println("exowatch up: the enrich application failed; see the log above. Stopping.");
          out.flush();
          return 1;
        }
      }
      return 0;
    } finally {
      shutdown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // Already shutting down (Ctrl-C): the hook runs shutdown(), which is idempotent.
      }
    }
  }

  /**
   * Puts the enrich application's local state under {@code data.dir} unless {@code enrich.state-dir} is
   * set: its default ({@code ./data/enrich-state}) is relative to the working directory, so
   * {@code up --data-dir DIR} would otherwise leave Streams state outside DIR.
   */
  static ExoConfig withStateUnderDataDir(final ExoConfig config) {
    if (config.isSet(EnrichKeys.STATE_DIR)) {
      return config;
    }
    return config.with(EnrichKeys.STATE_DIR, Path.of(config.get(StackKeys.DATA_DIR)).resolve("enrich-state").toString());
  }

  private String progressLine(final EnrichProgress.Snapshot e, final SinkStats s) {
    long fetched = 0;
    long dead = 0;
    for (final SourceProgress p : sources.values()) {
      fetched += p.recordsPublished();
      dead += p.deadLetters();
    }
    return String.format("progress: fetched %d (dead letters %d) | classified %d, events %d created / %d updated / %d status"
            + " (dead letters %d) | indexed %d (rejected %d)",
        fetched, dead, e.classified(), e.created(), e.updated(), e.statusChanged(), e.deadLetters(),
        s.indexed(), s.rejected() + s.undecodable());
  }

  /** Stops the services, then the stack, in reverse start order; safe to call twice. */
  private synchronized void shutdown() {
    if (running.isEmpty()) {
      stopped.countDown();
      return;
    }
    System.err.println("Stopping ExoWatch ...");
    while (!running.isEmpty()) {
      final AutoCloseable c = running.pop();
      try {
        c.close();
      } catch (final Exception e) {
        System.err.println("exowatch up: error while stopping " + c.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    System.err.println("ExoWatch stopped.");
    stopped.countDown();
  }

  /** Keeps the latest progress of each source, and reports sources that finish or fail. */
  private final class SourceTracker implements IngestListener {
    @Override
    public void onProgress(final SourceProgress progress) {
      sources.merge(progress.source(), progress, (old, now) -> now);
    }

    @Override
    public void onSourceFinished(final SourceResult result) {
      final PrintWriter out = spec.commandLine().getOut();
      out.println(result.describe());
      out.flush();
    }
  }
}
