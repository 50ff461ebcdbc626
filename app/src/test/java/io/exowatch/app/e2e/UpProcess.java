package io.exowatch.app.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One {@code exowatch up} run as its own operating-system process, from the shaded jar, as a user
 * runs it: {@code java -Xmx1g -jar exowatch.jar up --data-dir DIR --set ...} (a private copy of
 * {@code target/exowatch.jar}), in a working directory of its own, with stdout and stderr captured
 * to files ({@code <name>.out}, {@code <name>.err}) that {@link #describe()} quotes in assertion
 * messages. {@link #close()} kills the process if it is still alive.
 */
final class UpProcess implements AutoCloseable {

  /** The shaded jar, built in the package phase (failsafe runs after it). */
  static final Path JAR = Path.of("target", "exowatch.jar").toAbsolutePath();
  /** What {@code up} prints once everything is started. */
  static final String READY = "Press Ctrl-C to stop.";
  /** What {@code up} prints at the end of a clean stop. */
  static final String STOPPED = "ExoWatch stopped.";

  private static final Pattern PROGRESS = Pattern.compile(
      "progress: fetched (\\d+) .*\\| classified (\\d+), events (\\d+) created / (\\d+) updated .*\\| indexed (\\d+)");
  private static final int QUOTED_LINES = 120;

  /** The four ports of one stack: Kafka, schema registry, OpenSearch and the sink's HTTP server. */
  record Ports(int kafka, int registry, int openSearch, int http) {

    /** Four free ports (found by binding port 0; a restart reuses them, as a user's config would). */
    static Ports free() {
      return new Ports(freePort(), freePort(), freePort(), freePort());
    }

    /** The {@code --set} pairs that put the stack on these ports. */
    Map<String, String> settings() {
      return Map.of(
          "kafka.bootstrap.servers", "127.0.0.1:" + kafka,
          "schema.registry.url", "http://127.0.0.1:" + registry,
          "opensearch.url", "http://127.0.0.1:" + openSearch,
          "http.port", Integer.toString(http),
          "http.bind-address", "127.0.0.1");
    }

    String bootstrapServers() {
      return "127.0.0.1:" + kafka;
    }

    String registryUrl() {
      return "http://127.0.0.1:" + registry;
    }

    String openSearchUrl() {
      return "http://127.0.0.1:" + openSearch;
    }

    String httpUrl() {
      return "http://127.0.0.1:" + http;
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (final IOException e) {
        throw new UncheckedIOException("No free port", e);
      }
    }
  }

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private UpProcess(final String name, final Process process, final Path stdout, final Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code exowatch up} with data in {@code dataDir} and a working directory
   * {@code dir/<name>-cwd} (so nothing relative lands in the module).
   *
   * @param settings {@code --set} pairs, besides the ports
   */
  static UpProcess start(final String name, final Path dir, final Path dataDir, final Ports ports,
      final Map<String, String> settings) throws IOException {
    final Path jar = privateCopyOfTheJar(dir);
    final Path cwd = Files.createDirectories(dir.resolve(name + "-cwd"));
    final Path out = dir.resolve(name + ".out");
    final Path err = dir.resolve(name + ".err");
    final List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
        "up", "--data-dir", dataDir.toAbsolutePath().toString(), "--progress-interval", "1s"));
    ports.settings().forEach((k, v) -> set(command, k, v));
    settings.forEach((k, v) -> set(command, k, v));
    final Process process = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new UpProcess(name, process, out, err);
  }

  /**
   * A copy of the shaded jar in {@code dir}, made once: others rebuild {@code target/exowatch.jar} in
   * this shared tree (the {@code ./exowatch} launcher does when a source is newer), and a jar replaced
   * under a running JVM fails it with {@code NoClassDefFoundError}s.
   */
  private static Path privateCopyOfTheJar(final Path dir) throws IOException {
    final Path copy = dir.resolve("exowatch.jar");
    if (Files.exists(copy)) {
      return copy;
    }
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("The shaded jar " + JAR + " is missing: run the package phase first");
    }
    Files.copy(JAR, copy);
    try (JarFile check = new JarFile(copy.toFile())) {
      if (check.getManifest() == null || check.getManifest().getMainAttributes().getValue("Main-Class") == null) {
        throw new IllegalStateException("The copy of " + JAR + " has no Main-Class: copied while being rebuilt?");
      }
    }
    return copy;
  }

  private static void set(final List<String> command, final String key, final String value) {
    command.add("--set");
    command.add(key + "=" + value);
  }

  /** Waits until {@code up} prints that it is ready; fails at once, quoting the output, if it dies. */
  void awaitReady(final Duration atMost) {
    awaitOutput(READY, atMost);
  }

  /** Waits until stdout contains {@code text}; fails, quoting the output, if the process dies first. */
  void awaitOutput(final String text, final Duration atMost) {
    awaitStdout(Pattern.compile(Pattern.quote(text)), atMost);
  }

  /** Waits until stdout matches {@code pattern}; fails, quoting the output, if the process dies first. */
  void awaitStdout(final Pattern pattern, final Duration atMost) {
    try {
      await("'" + name + "' printing " + pattern).atMost(atMost).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            if (!process.isAlive() && !pattern.matcher(stdout()).find()) {
              throw new AssertionError("exowatch up '" + name + "' exited before printing " + pattern + "\n" + describe());
            }
            return pattern.matcher(stdout()).find();
          });
    } catch (final ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + describe(), e);
    }
  }

  /** The latest progress line's counters (fetched, classified, created, updated, indexed), all 0 before the first. */
  long[] progress() {
    final Matcher m = PROGRESS.matcher(stdout());
    long[] last = new long[5];
    while (m.find()) {
      last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4)), Long.parseLong(m.group(5))};
    }
    return last;
  }

  /** Sends SIGTERM (as Ctrl-C or {@code docker stop}) and waits; whether it exited within {@code atMost}. */
  boolean terminate(final Duration atMost) throws InterruptedException {
    process.destroy();
    return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends SIGKILL ({@code kill -9}: no shutdown hook runs) and waits; returns the exit status. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("exowatch up '" + name + "' still runs 30 s after SIGKILL");
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** The state of the process and its output (all of stdout, the last lines of stderr), for assertion messages. */
  String describe() {
    final String state = process.isAlive() ? "running (pid " + process.pid() + ")" : "exited with " + process.exitValue();
    final List<String> err = stderr().lines().toList();
    final List<String> tail = err.subList(Math.max(0, err.size() - QUOTED_LINES), err.size());
    return "--- exowatch up '" + name + "' " + state + "; stdout " + stdout + ":\n" + stdout()
        + "\n--- last " + tail.size() + " of " + err.size() + " stderr lines (" + stderr + "):\n"
        + String.join("\n", tail) + "\n---";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String read(final Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
