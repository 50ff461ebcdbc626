package io.exowatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures {@code exowatch up} as a user runs it, against a fake source in another process
 * ({@code exowatch fake-sources --no-snapshot --synthetic N}, ClinicalTrials.gov only, 1,000 studies
 * a page, no politeness limit):
 * <ol>
 *   <li>ready time: process start until it prints {@code Press Ctrl-C to stop.} and {@code GET /}
 *       answers 200 (target at most 30 s);</li>
 *   <li>backfill: from ready until {@code /api/trials} reports all N studies searchable (target at
 *       most 60 s for 20,000);</li>
 *   <li>peak RSS of the {@code up} process tree: the largest sum of {@code VmRSS} over the process and
 *       its descendants, sampled every 250 ms, or the sum of their {@code VmHWM} when larger (target
 *       at most 2 GiB).</li>
 * </ol>
 * The child runs with the JVM options of the {@code ./exowatch} launcher ({@code EXOWATCH_OPTS},
 * default {@code -Xmx1g}), a fresh data directory and free ports. The load average is
 * printed before and after: on a shared 2-core machine the figures depend on it. So is the CPU time
 * {@code up} used to get ready and for the backfill, which does not: half of it is the least wall
 * time two idle cores would need.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.exowatch.bench.UpBenchmark
 * app/target/exowatch.jar [studies, default 20000]}.
 */
public final class UpBenchmark {

  private static final String READY = "Press Ctrl-C to stop.";
  private static final Pattern SET_LINE = Pattern.compile("^\\s+--set ([a-z0-9.-]+)=(.*)$", Pattern.MULTILINE);
  private static final Duration READY_LIMIT = Duration.ofMinutes(3);
  private static final Duration BACKFILL_LIMIT = Duration.ofMinutes(10);
  private static final double READY_TARGET_S = 30;
  private static final double BACKFILL_TARGET_S = 60;
  private static final double RSS_TARGET_MIB = 2048;

  private UpBenchmark() {}

  /** Runs the measurement; args: the shaded jar (default app/target/exowatch.jar), the number of studies (default 20,000). */
  public static void main(final String[] args) throws Exception {
    final Path jar = Path.of(args.length > 0 ? args[0] : "app/target/exowatch.jar").toAbsolutePath();
    final int studies = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("No shaded jar at " + jar + " (build it with ./mvnw -pl app package)");
    }
    final Path dir = Files.createTempDirectory("exowatch-up-bench");
    System.out.printf(Locale.ROOT, "load average before: %s; %d studies; up's JVM options %s; work dir %s%n",
        loadAverage(), studies, jvmOptions(), dir);
    final Process sources = start(dir, "fake-sources", List.of(java(), "-Xmx512m", "-jar", jar.toString(),
        "fake-sources", "--no-snapshot", "--synthetic", Integer.toString(studies)));
    Process up = null;
    try {
      final Map<String, String> settings = sourceSettings(dir, sources);
      settings.put("sources.ctgov.page-size", "1000");
      settings.put("sources.ctgov.rate-limit", "100");
      settings.put("sources.pubmed.enabled", "false");
      settings.put("sources.europepmc.enabled", "false");
      settings.put("sources.pages.enabled", "false");
      final int httpPort = freePort();
      settings.put("kafka.bootstrap.servers", "127.0.0.1:" + freePort());
      settings.put("schema.registry.url", "http://127.0.0.1:" + freePort());
      settings.put("opensearch.url", "http://127.0.0.1:" + freePort());
      settings.put("http.port", Integer.toString(httpPort));
      settings.put("http.bind-address", "127.0.0.1");
      final List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(jvmOptions());
      command.addAll(List.of("-jar", jar.toString(), "up", "--data-dir", dir.resolve("data").toString()));
      settings.forEach((k, v) -> {
        command.add("--set");
        command.add(k + "=" + v);
      });

      final long start = System.nanoTime();
      up = start(dir, "up", command);
      final RssSampler rss = new RssSampler(up.toHandle());
      rss.start();
      final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      final URI base = URI.create("http://127.0.0.1:" + httpPort);
      waitFor(up, dir, READY_LIMIT, "ready", () -> Files.readString(dir.resolve("up.out")).contains(READY)
          && status(http, base.resolve("/")) == 200);
      final double readySeconds = (System.nanoTime() - start) / 1e9;
      final double readyCpu = cpuSeconds(up);
      final Map<String, Double> threadsAtReady = threadCpuSeconds(up.pid());
      System.out.printf(Locale.ROOT, "ready after %.1f s (%.1f CPU-s)%n", readySeconds, readyCpu);

      final long ready = System.nanoTime();
      final ObjectMapper json = new ObjectMapper();
      final AtomicLong total = new AtomicLong();
      // Every 500 ms: each /api/trials also computes the facets, which costs the pipeline CPU.
      waitFor(up, dir, BACKFILL_LIMIT, Duration.ofMillis(500), "all " + studies + " studies searchable", () -> {
        total.set(trialsTotal(http, base, json));
        return total.get() >= studies;
      });
      final double backfillSeconds = (System.nanoTime() - ready) / 1e9;
      final double backfillCpu = cpuSeconds(up) - readyCpu;
      final Map<String, Double> threadsAtEnd = threadCpuSeconds(up.pid());
      rss.stop();
      final double peakMiB = Math.max(rss.peakMiB(), rss.highWaterMiB());

      System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
      System.out.printf(Locale.ROOT, "exowatch up ready (stack up, page answering): %6.1f s   target <= %.0f s   %s%n",
          readySeconds, READY_TARGET_S, verdict(readySeconds <= READY_TARGET_S));
      System.out.printf(Locale.ROOT, "%,d-study backfill to searchable:          %6.1f s   target <= %.0f s   %s  (%.0f studies/s)%n",
          studies, backfillSeconds, BACKFILL_TARGET_S, verdict(backfillSeconds <= BACKFILL_TARGET_S), studies / backfillSeconds);
      System.out.printf(Locale.ROOT, "peak RSS of the process tree:               %6.0f MiB target <= %.0f MiB %s"
              + "  (sampled VmRSS sum %.0f MiB, VmHWM sum %.0f MiB)%n",
          peakMiB, RSS_TARGET_MIB, verdict(peakMiB <= RSS_TARGET_MIB), rss.peakMiB(), rss.highWaterMiB());
      // CPU time does not depend on what else runs: it bounds what an idle 2-core machine could do.
      System.out.printf(Locale.ROOT, "CPU time of up: %.1f CPU-s to ready, %.1f CPU-s for the backfill "
              + "(%.0f%% of 2 cores while it ran; at best %.1f s on 2 idle cores); fake sources %.1f CPU-s%n",
          readyCpu, backfillCpu, 100 * backfillCpu / backfillSeconds / 2, backfillCpu / 2, cpuSeconds(sources));
      System.out.println("CPU-s of up's live threads during the backfill, by (15-character) thread name:");
      threadsAtEnd.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - threadsAtReady.getOrDefault(e.getKey(), 0.0)))
          .filter(e -> e.getValue() >= 0.5)
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-16s %6.1f%n", e.getKey(), e.getValue()));
      System.out.println("last progress line: " + lastProgress(Files.readString(dir.resolve("up.out"))));
      stop(up);
      deleteRecursively(dir.resolve("data")); // 200+ MiB of broker and index data; the logs stay
      System.out.println("logs in " + dir);
    } finally {
      stop(up);
      stop(sources);
    }
  }

  private static void deleteRecursively(final Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (final Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String verdict(final boolean met) {
    return met ? "MET" : "MISSED";
  }

  /** Reads the {@code --set} lines {@code fake-sources} prints. */
  private static Map<String, String> sourceSettings(final Path dir, final Process sources) throws Exception {
    waitFor(sources, dir, Duration.ofMinutes(1), "fake sources", () -> {
      final String out = Files.readString(dir.resolve("fake-sources.out"));
      return out.contains("or:");
    });
    final Map<String, String> settings = new LinkedHashMap<>();
    final Matcher m = SET_LINE.matcher(Files.readString(dir.resolve("fake-sources.out")));
    while (m.find()) {
      settings.put(m.group(1), m.group(2).strip());
    }
    if (!settings.containsKey("sources.ctgov.base-url")) {
      throw new IllegalStateException("fake-sources printed no sources.ctgov.base-url:\n"
          + Files.readString(dir.resolve("fake-sources.out")));
    }
    return settings;
  }

  private static Process start(final Path dir, final String name, final List<String> command) throws IOException {
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void waitFor(final Process p, final Path dir, final Duration limit, final String what, final Check check)
      throws Exception {
    waitFor(p, dir, limit, Duration.ofMillis(100), what, check);
  }

  private static void waitFor(final Process p, final Path dir, final Duration limit, final Duration every,
      final String what, final Check check) throws Exception {
    final long deadline = System.nanoTime() + limit.toNanos();
    while (!check.done()) {
      if (!p.isAlive()) {
        throw new IllegalStateException("The process exited (" + p.exitValue() + ") before " + what + "; see " + dir);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not " + what + " within " + limit + "; see " + dir);
      }
      Thread.sleep(every.toMillis());
    }
  }

  private static int status(final HttpClient http, final URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (final IOException e) {
      return -1; // not listening yet
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long trialsTotal(final HttpClient http, final URI base, final ObjectMapper json) throws Exception {
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/trials?size=0"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/api/trials answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body()).path("total").asLong();
  }

  private static String lastProgress(final String out) {
    String last = "(none)";
    for (final String line : out.split("\n")) {
      if (line.startsWith("progress:")) {
        last = line;
      }
    }
    return last;
  }

  private static void stop(final Process p) throws InterruptedException {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** CPU time (user + system) the process used so far, in seconds. */
  private static double cpuSeconds(final Process p) {
    return p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /**
   * CPU seconds of each live thread of {@code pid} from {@code /proc/<pid>/task/<tid>/stat}, summed by
   * thread name (the kernel keeps the first 15 characters) with digits dropped, so pools add up.
   */
  private static Map<String, Double> threadCpuSeconds(final long pid) throws IOException {
    final Map<String, Double> byName = new TreeMap<>();
    final long ticksPerSecond = 100; // USER_HZ on Linux
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (final Path task : tasks) {
        final String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (final NoSuchFileException e) {
          continue; // the thread just ended
        }
        // pid (comm) state ... : comm may hold spaces and parentheses, so split after the last ')'.
        final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        final double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
        byName.merge(name, seconds, Double::sum);
      }
    }
    return byName;
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  /** The JVM options of {@code up}: {@code EXOWATCH_OPTS} as the {@code ./exowatch} launcher reads it, default {@code -Xmx1g}. */
  private static List<String> jvmOptions() {
    final String opts = System.getenv().getOrDefault("EXOWATCH_OPTS", "").strip();
    return opts.isEmpty() ? List.of("-Xmx1g") : List.of(opts.split("\\s+"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Samples the summed VmRSS of a process and its descendants every 250 ms, and their VmHWM. */
  private static final class RssSampler {
    private final ProcessHandle root;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakKiB;
    private volatile long highWaterKiB;

    RssSampler(final ProcessHandle root) {
      this.root = root;
      this.thread = new Thread(this::run, "rss-sampler");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(5_000);
      sample(); // the last word, while the tree is still alive
    }

    double peakMiB() {
      return peakKiB / 1024.0;
    }

    double highWaterMiB() {
      return highWaterKiB / 1024.0;
    }

    private void run() {
      while (running && root.isAlive()) {
        sample();
        try {
          Thread.sleep(250);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private synchronized void sample() {
      long rss = 0;
      long hwm = 0;
      final List<ProcessHandle> tree = new ArrayList<>();
      tree.add(root);
      root.descendants().forEach(tree::add);
      for (final ProcessHandle p : tree) {
        rss += statusKiB(p.pid(), "VmRSS");
        hwm += statusKiB(p.pid(), "VmHWM");
      }
      peakKiB = Math.max(peakKiB, rss);
      highWaterKiB = Math.max(highWaterKiB, hwm);
    }

    private static long statusKiB(final long pid, final String field) {
      try {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith(field + ":")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (final NoSuchFileException e) {
        return 0; // the process just ended
      } catch (final IOException e) {
        return 0;
      }
      return 0;
    }
  }
}
