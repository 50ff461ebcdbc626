package io.exowatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of mapping a ClinicalTrials.gov v2 study to a {@link TrialRecord}: {@link CtGovStudyParser#parse(String,
 * Instant)} (Jackson, every module, markdown un-escaping, the bounded payload, the SHA-256 content hash) and
 * Avro binary serialisation with {@code SpecificDatumWriter}, against Jackson {@code readTree} alone of the
 * same study, in the same run. Target: {@code parseMapSerialize <= 2 x readTree}. {@code treeMapSerialize}
 * starts from a tree ({@link CtGovStudyParser#parse(JsonNode, Instant)}) and pays for writing the payload back.
 *
 * <p>The studies are real responses read in place from the shared fixtures: a 95 kB study with
 * results and heavy escaping, a 36 kB study with many references, a 7 kB withdrawn study and a
 * 65 kB sparse study with 202 sites. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar CtGovParseBenchmark}. On a shared machine {@link #main}
 * measures the same two paths in CPU time of the measuring thread, alternating them round by round:
 * {@code java -cp benchmarks/target/benchmarks.jar io.exowatch.bench.CtGovParseBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CtGovParseBenchmark {

  /** The fixture file of the study. */
  @Param({"study-NCT03722472.json", "study-NCT03630471.json", "study-NCT00973089.json", "study-NCT07062965.json"})
  public String study;

  private static final String[] STUDIES = {
      "study-NCT03722472.json", "study-NCT03630471.json", "study-NCT00973089.json", "study-NCT07062965.json"};

  private final ObjectMapper mapper = new ObjectMapper();
  private final CtGovStudyParser parser = new CtGovStudyParser(mapper, 256 * 1024);
  private final SpecificDatumWriter<TrialRecord> writer = new SpecificDatumWriter<>(
      TrialRecord.getClassSchema(), SpecificData.getForClass(TrialRecord.class));
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
  private final Instant fetchedAt = Instant.parse("2026-11-28T00:00:00Z");
  private BinaryEncoder encoder;
  private String json;

  /** Reads the fixture and checks that the measured path works. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    json = Fixtures.ctgovStudy(study);
    if (parseMapSerialize() < 100) {
      throw new IllegalStateException("the record of " + study + " serialised to almost nothing");
    }
  }

  /** From the study's text: Jackson tree, mapping, the text as payload, hash, Avro binary (the ingest path). */
  @Benchmark
  public int parseMapSerialize() throws IOException {
    return serialize(parser.parse(json, fetchedAt));
  }

  /** From a tree the caller already has: mapping, the tree written back as payload, hash, Avro binary. */
  @Benchmark
  public int treeMapSerialize() throws IOException {
    return serialize(parser.parse(mapper.readTree(json), fetchedAt));
  }

  private int serialize(final TrialRecord record) throws IOException {
    out.reset();
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    writer.write(record, encoder);
    encoder.flush();
    return out.size();
  }

  /** Jackson tree only: the baseline. */
  @Benchmark
  public JsonNode readTree() throws IOException {
    return mapper.readTree(json);
  }

  /**
   * Microseconds of CPU time per study for {@code parseMapSerialize} and {@code readTree}, and their
   * ratio, per fixture; the two are measured in alternating rounds so both see the same machine.
   *
   * @param args unused
   * @throws IOException when the fixtures cannot be read
   */
  public static void main(final String[] args) throws IOException {
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (final String file : STUDIES) {
      final CtGovParseBenchmark bench = new CtGovParseBenchmark();
      bench.study = file;
      bench.setUp();
      double full = Double.MAX_VALUE;
      double tree = Double.MAX_VALUE;
      for (int round = 0; round < 6; round++) {
        full = Math.min(full, cpuMicros(threads, () -> bench.parseMapSerialize()));
        tree = Math.min(tree, cpuMicros(threads, () -> bench.readTree()));
      }
      System.out.printf(Locale.ROOT, "%s: parseMapSerialize %.1f us, readTree %.1f us of CPU, ratio %.2f%n",
          file, full, tree, full / tree);
    }
  }

  /** Best-effort CPU microseconds per call over about one CPU-second. */
  private static double cpuMicros(final ThreadMXBean threads, final IoCall call) throws IOException {
    final long cpu0 = threads.getCurrentThreadCpuTime();
    long n = 0;
    while (threads.getCurrentThreadCpuTime() - cpu0 < 1_000_000_000L) {
      call.run();
      n++;
    }
    return (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
  }

  /** A call that may throw I/O errors. */
  @FunctionalInterface
  private interface IoCall {
    Object run() throws IOException;
  }

  /**
   * Locates the shared real-response fixtures the parse and classifier benchmarks read in place:
   * {@code -Dexowatch.fixtures=DIR}, else {@code ../shared/fixtures} or {@code ../../shared/fixtures}
   * from the working directory (the repository root or a module).
   */
  static final class Fixtures {

    private Fixtures() {
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
}
