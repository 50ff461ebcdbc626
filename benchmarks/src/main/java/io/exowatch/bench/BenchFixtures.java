package io.exowatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared real-response fixtures the parse and classifier benchmarks read in place:
 * {@code -Dexowatch.fixtures=DIR}, else {@code ../shared/fixtures} or {@code ../../shared/fixtures}
 * from the working directory (the repository root or a module).
 */
final class BenchFixtures {

  private BenchFixtures() {
  }

  /** The fixtures directory; fails with a message naming where it looked. */
  static Path dir() {
    final String configured = System.getProperty("exowatch.fixtures");
    final List<Path> candidates = configured != null ? List.of(Path.of(configured))
        : List.of(Path.of("../shared/fixtures"), Path.of("../../shared/fixtures"));
    for (final Path p : candidates) {
      if (Files.isDirectory(p.resolve("ctgov-v2"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("Shared fixtures not found (looked in " + candidates
        + " from " + Path.of("").toAbsolutePath() + "); run from the repository root or pass -Dexowatch.fixtures=DIR");
  }

  /** One ClinicalTrials.gov v2 study fixture as text. */
  static String ctgovStudy(final String fileName) throws IOException {
    return Files.readString(dir().resolve("ctgov-v2").resolve(fileName));
  }

  /** Every single-study ClinicalTrials.gov fixture ({@code study-*.json}) as text, in name order. */
  static List<String> ctgovStudies() throws IOException {
    try (Stream<Path> files = Files.list(dir().resolve("ctgov-v2"))) {
      final List<String> out = new ArrayList<>();
      for (final Path f : files.filter(p -> p.getFileName().toString().startsWith("study-")).sorted().toList()) {
        out.add(Files.readString(f));
      }
      return out;
    }
  }

  /** The development gold set ({@code ../gold/dev-trials.json} beside the fixtures) as text, or {@code null}. */
  static String goldTrials() throws IOException {
    final Path gold = dir().resolveSibling("gold").resolve("dev-trials.json");
    return Files.isRegularFile(gold) ? Files.readString(gold) : null;
  }
}
