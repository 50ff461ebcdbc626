package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code exowatch stack} from the shaded jar as an operator would, and stops it with SIGTERM. */
class StackCommandIT {

  @TempDir Path dir;

  @Test
  void shouldServeBrokerRegistryAndOpenSearchUntilStoppedThenStopCleanly() throws Exception {
    final Path jar = Path.of("target", "exowatch.jar");
    assertThat(jar).as("the shaded jar is built in the package phase").exists();
    final int kafka = freePort();
    final int registry = freePort();
    final int openSearch = freePort();
    final Path out = dir.resolve("stack.out");
    final Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
        "stack", "--data-dir", dir.resolve("data").toString(),
        "--set", "kafka.bootstrap.servers=127.0.0.1:" + kafka,
        "--set", "schema.registry.url=http://127.0.0.1:" + registry,
        "--set", "opensearch.url=http://127.0.0.1:" + openSearch))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
          .until(() -> !process.isAlive() || Files.readString(out).contains("Press Ctrl-C"));
      assertThat(process.isAlive()).as("stack process output:%n%s", Files.readString(out)).isTrue();
      final String printed = Files.readString(out);
      assertThat(printed).contains("127.0.0.1:" + kafka, "http://127.0.0.1:" + registry, "http://127.0.0.1:" + openSearch);

      final HttpClient http = HttpClient.newHttpClient();
      assertThat(get(http, "http://127.0.0.1:" + registry + "/subjects").statusCode()).isEqualTo(200);
      final HttpResponse<String> health = get(http, "http://127.0.0.1:" + openSearch + "/_cluster/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"green\"");
      assertThat(dir.resolve("data").resolve("kafka")).isDirectory();
      assertThat(dir.resolve("data").resolve("opensearch")).isDirectory();

      process.destroy(); // SIGTERM, as Ctrl-C or `docker stop` would
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      assertThat(Files.readString(out)).contains("Stopping the embedded stack");
    } finally {
      process.destroyForcibly();
    }
  }

  private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
