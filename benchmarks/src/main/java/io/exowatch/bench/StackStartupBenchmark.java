package io.exowatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures {@code exowatch stack} as an operator runs it: a fresh JVM from the shaded jar with a new
 * data directory, time until it prints that it is ready, and its resident memory (VmRSS at ready,
 * VmHWM peak) read from {@code /proc}. Targets: ready in at most 15 s, at most 1 GiB RSS.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.exowatch.bench.StackStartupBenchmark
 * app/target/exowatch.jar [runs]}.
 */
public final class StackStartupBenchmark {

  private StackStartupBenchmark() {}

  /** Runs the measurement; args: the shaded jar, then the number of runs (default 3). */
  public static void main(final String[] args) throws Exception {
    final Path jar = Path.of(args.length > 0 ? args[0] : "app/target/exowatch.jar");
    final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    final List<double[]> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      results.add(runOnce(jar));
      System.out.printf("run %d: ready %.1f s, RSS at ready %.0f MiB, peak RSS %.0f MiB%n",
          i + 1, results.get(i)[0], results.get(i)[1], results.get(i)[2]);
    }
    final double[] best = results.stream().min((a, b) -> Double.compare(a[0], b[0])).orElseThrow();
    final double maxPeak = results.stream().mapToDouble(r -> r[2]).max().orElseThrow();
    System.out.printf("exowatch stack: best ready %.1f s (median %.1f s), max peak RSS %.0f MiB over %d runs%n",
        best[0], median(results), maxPeak, runs);
  }

  private static double median(final List<double[]> results) {
    final double[] ready = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
    return ready[ready.length / 2];
  }

  private static double[] runOnce(final Path jar) throws Exception {
    final Path dir = Files.createTempDirectory("exowatch-stack-bench");
    final Path out = dir.resolve("out.txt");
    final long start = System.nanoTime();
    final Process p = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
        "stack", "--data-dir", dir.resolve("data").toString(),
        "--set", "kafka.bootstrap.servers=127.0.0.1:" + freePort(),
        "--set", "schema.registry.url=http://127.0.0.1:" + freePort(),
        "--set", "opensearch.url=http://127.0.0.1:" + freePort()))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.readString(out).contains("Press Ctrl-C")) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("stack did not become ready:\n" + Files.readString(out));
        }
        Thread.sleep(50);
      }
      final double readySeconds = (System.nanoTime() - start) / 1e9;
      final double rss = procStatusMiB(p.pid(), "VmRSS");
      final double peak = procStatusMiB(p.pid(), "VmHWM");
      return new double[] {readySeconds, rss, peak};
    } finally {
      p.destroy();
      p.waitFor(60, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  private static double procStatusMiB(final long pid, final String field) throws IOException {
    for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
