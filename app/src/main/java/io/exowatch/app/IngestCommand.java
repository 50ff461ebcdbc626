package io.exowatch.app;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.IngestService;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.IngestSummary;
import io.exowatch.ingest.SourceProgress;
import io.exowatch.ingest.SourceResult;
import io.exowatch.ingest.source.Cursor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch ingest}: scrapes the enabled sources (ClinicalTrials.gov, PubMed, Europe PMC,
 * landing pages; keys {@code sources.*}) into {@code trials-raw} and {@code articles-raw}, with dead
 * letters in {@code ingest-dlq} and cursors in {@code ingest-cursors} (created when missing). Polls
 * each source on its {@code poll-interval} until Ctrl-C; {@code --once} does one pass and exits 0,
 * or 1 if a source did not complete. Prints progress per source and a summary.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Scrape ClinicalTrials.gov, PubMed, Europe PMC and article pages into Kafka (trials-raw, articles-raw).")
public final class IngestCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Spec CommandSpec spec;

  @Option(names = "--once", description = "One pass over the enabled sources, then exit (1 if a source did not complete).")
  boolean once;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    final ExoConfig config = configOptions.load();
    final PrintWriter out = spec.commandLine().getOut();
    try (IngestRuntime runtime = IngestRuntime.create(config, new Printer(out))) {
      final IngestService ingest = runtime.service();
      final IngestSettings settings = runtime.settings();
      out.printf("ExoWatch ingest: sources %s -> %s, %s (dead letters %s)%n", ingest.sourceNames(),
          settings.topics().trials(), settings.topics().articles(), settings.topics().deadLetters());
      out.flush();
      if (once) {
        final IngestSummary summary = ingest.runOnce();
        out.println(summary.describe());
        out.flush();
        return summary.hasFailures() ? 1 : 0;
      }
      final Thread hook = new Thread(() -> {
        ingest.close();
        try {
          stop.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "exowatch-ingest-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        out.println("Polling; press Ctrl-C to stop.");
        out.flush();
        ingest.run();
        out.println("Ingest stopped.");
        out.flush();
      } finally {
        stop.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException e) {
          // The JVM is already shutting down (Ctrl-C): the hook is running.
        }
      }
      return 0;
    }
  }

  /** Progress lines on the command's output. */
  private static final class Printer implements IngestListener {
    private final PrintWriter out;

    Printer(final PrintWriter out) {
      this.out = out;
    }

    @Override
    public void onSourceStarted(final String source, final Cursor cursor) {
      out.printf("%s: starting %s%n", source, cursor.isEmpty() ? "a full pass" : "from " + cursor);
      out.flush();
    }

    @Override
    public void onProgress(final SourceProgress p) {
      out.printf("%s: pages %d, records published %d, dead letters %d%n", p.source(), p.pages(),
          p.recordsPublished(), p.deadLetters());
      out.flush();
    }

    @Override
    public void onSourceFinished(final SourceResult result) {
      out.println(result.describe());
      out.flush();
    }
  }
}
