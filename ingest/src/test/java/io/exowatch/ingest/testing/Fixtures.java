package io.exowatch.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data: the project's own files under {@code src/test/resources}, and the shared real responses
 * in {@code ../shared/fixtures}, read in place (never copied) and skipped when that folder is absent.
 */
public final class Fixtures {

  private Fixtures() {
  }

  /** The shared fixtures folder, or a skipped test when it is absent. */
  public static Path sharedDir() {
    final Path fromModule = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures").normalize();
    final Path fromRoot = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures").normalize();
    final Path dir = Files.isDirectory(fromModule) ? fromModule : fromRoot;
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "Shared fixtures not found at " + fromModule + " or " + fromRoot + "; skipping tests on real responses");
    return dir;
  }

  /** The text of a shared fixture, e.g. {@code pubmed/pubmed1.xml}; skips when absent. */
  public static String shared(final String relative) {
    final Path file = sharedDir().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), "Shared fixture " + file + " is absent; skipping");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The response body of the first interaction of a betamax cassette in {@code cassettes/}
   * (base64 of gzip, or a plain string).
   */
  public static String cassetteBody(final String name) {
    try {
      final JsonNode body = new ObjectMapper().readTree(shared("cassettes/" + name))
          .path("http_interactions").path(0).path("response").path("body");
      if (body.has("base64_string")) {
        final byte[] raw = Base64.getMimeDecoder().decode(body.get("base64_string").asText());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return body.path("string").asText();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of this module's {@code src/test/resources}. */
  public static String resource(final String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
