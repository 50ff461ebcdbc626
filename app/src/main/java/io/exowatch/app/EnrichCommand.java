package io.exowatch.app;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.enrich.EnrichKeys;
import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.enrich.classify.Classifier;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch enrich}: the Kafka Streams application that classifies {@code trials-raw} and
 * {@code articles-raw}, links trials and articles, and writes {@code trials-enriched},
 * {@code articles-enriched}, {@code trial-events} and {@code enrich-dlq}. Prints progress every
 * {@code --progress} seconds (default 5) when it changed; Ctrl-C closes it cleanly (the current
 * transaction is committed, the group left). {@code --reclassify} first sets the application's
 * offsets on the raw topics back to the beginning, so every record is classified again with this
 * version of the classifier and only changed classifications emit {@code UPDATED}; no other
 * instance of the application may run meanwhile. Exits 1 when Kafka Streams stops on an error.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Classify and link raw trials and articles; emit enriched records and new/changed-trial events.")
public final class EnrichCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Spec CommandSpec spec;

  @Option(names = "--reclassify",
      description = "Re-read the raw topics from the beginning (after a classifier change); stop other instances first.")
  boolean reclassify;

  @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between progress lines (default ${DEFAULT-VALUE}; 0 = none).")
  long progressSeconds;

  private final CountDownLatch stop = new CountDownLatch(1);

  /** Stops a running command as Ctrl-C would (for callers that run it in-process). */
  void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    final ExoConfig config = configOptions.load();
    final PrintWriter out = spec.commandLine().getOut();
    final EnrichService enrich = new EnrichService(config, RecordClassifier.of(new Classifier()));
    final CountDownLatch closed = new CountDownLatch(1);
    boolean failed = false;
    final Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(60, TimeUnit.SECONDS);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "exowatch-enrich-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (reclassify) {
        enrich.ensureTopics();
        final Map<TopicPartition, Long> rewound = enrich.rewindRawTopics();
        out.printf("Reclassifying with classifier %s: %d raw partitions rewound to their beginning%n",
            Classifier.VERSION, rewound.size());
      }
      enrich.start();
      out.printf("ExoWatch enrich (application %s, classifier %s): %s + %s -> %s, %s, %s, %s%n",
          config.get(EnrichKeys.APPLICATION_ID), Classifier.VERSION, enrich.topics().trialsRaw().name(),
          enrich.topics().articlesRaw().name(), enrich.topics().trialsEnriched().name(),
          enrich.topics().articlesEnriched().name(), enrich.topics().trialEvents().name(),
          enrich.topics().deadLetters().name());
      out.println("Press Ctrl-C to stop.");
      out.flush();
      EnrichProgress.Snapshot last = null;
      final long interval = Math.max(1, progressSeconds);
      while (!stop.await(interval, TimeUnit.SECONDS)) {
        if (enrich.awaitStopped(Duration.ZERO)) {
          break;
        }
        final EnrichProgress.Snapshot now = enrich.progress().snapshot();
        if (progressSeconds > 0 && !now.equals(last)) {
          out.println("enrich: " + now);
          out.flush();
          last = now;
        }
      }
      failed = enrich.failed();
      if (failed) {
        out.println("exowatch enrich: Kafka Streams stopped on an error; see the log above.");
      } else {
        out.println("Stopping enrich ...");
      }
      out.flush();
    } finally {
      enrich.close();
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // The JVM is already shutting down (Ctrl-C): the hook is running.
      }
    }
    out.println("enrich: " + enrich.progress().snapshot());
    out.flush();
    return failed ? 1 : 0;
  }
}
