package io.exowatch.app.offline;

import io.exowatch.common.config.ConfigKey;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exowatch fake-sources}: runs a {@link SourceSimulator} until stopped (Ctrl-C), for trying the
 * pipeline offline by hand or feeding a pipeline in another process. Prints the configuration that
 * points the sources at it, as {@code --set} options and as {@code EXOWATCH_} variables.
 *
 * <p>Defaults: a free port, the bundled snapshot, no synthetic studies, seed
 * {@link SyntheticStudies#DEFAULT_SEED}. Not registered as a subcommand here; the command line adds it.
 */
@Command(name = "fake-sources", mixinStandardHelpOptions = true,
    description = "Serve the bundled snapshot (and synthetic studies) as ClinicalTrials.gov, PubMed, Europe PMC, "
        + "landing pages, ChiCTR, IRCT, ISRCTN and the EU Clinical Trials Register on a local port, until Ctrl-C.")
public final class FakeSourcesCommand implements Callable<Integer> {

  @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--synthetic", paramLabel = "N", description = "Also serve N synthetic studies (default: ${DEFAULT-VALUE}).")
  int synthetic;

  @Option(names = "--seed", description = "Seed of the synthetic studies (default: ${DEFAULT-VALUE}).")
  long seed = SyntheticStudies.DEFAULT_SEED;

  @Option(names = "--no-snapshot", description = "Leave the bundled snapshot out.")
  boolean noSnapshot;

  /** Starts the simulator the options describe. */
  public SourceSimulator start() throws IOException {
    final SourceSimulator.Builder b = SourceSimulator.builder().port(port);
    if (!noSnapshot) {
      b.bundledSnapshot();
    }
    if (synthetic > 0) {
      b.syntheticStudies(new SyntheticStudies(seed), synthetic);
    }
    return b.start();
  }

  /** Prints where the simulator listens and the configuration pointing the sources at it. */
  public static void describe(final SourceSimulator sim, final PrintStream out) {
    out.printf(Locale.ROOT, "Fake sources on %s: %d studies; add one with POST %s/_admin/studies%n", sim.baseUrl(),
        sim.studyCount(), sim.baseUrl());
    final Map<String, String> overrides = sim.configOverrides();
    out.println("Point exowatch at it with:");
    overrides.forEach((k, v) -> out.printf(Locale.ROOT, "  --set %s=%s%n", k, v));
    out.println("or:");
    overrides.forEach((k, v) -> out.printf(Locale.ROOT, "  export %s%s='%s'%n", ConfigKey.ENV_PREFIX,
        k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v));
  }

  @Override
  public Integer call() throws Exception {
    final SourceSimulator sim = start();
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "fake-sources-shutdown"));
    describe(sim, System.out);
    stopped.await();
    return 0;
  }
}
