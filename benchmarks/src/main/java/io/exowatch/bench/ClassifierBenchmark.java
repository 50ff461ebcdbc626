package io.exowatch.bench;

import io.exowatch.enrich.classify.Classifier;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Classifier#classify(TrialRecord)} on one thread over ClinicalTrials.gov-sized
 * studies: the real single-study fixtures (7-95 kB of JSON: titles, summaries, detailed
 * descriptions, arms, interventions, outcomes) and the gold set, parsed once in setup and classified
 * round-robin. Target: at least 10,000 studies per second. {@code classifyFixtures} uses the real
 * studies only (the heavier texts); {@code classifyMixed} adds the short gold records.
 *
 * <p>Run from the repository root: {@code java -jar benchmarks/target/benchmarks.jar ClassifierBenchmark}.
 * On a shared machine, where wall-clock throughput mostly measures the other tenants, {@link #main}
 * reports the same loop as studies per CPU-second of the measuring thread:
 * {@code java -cp benchmarks/target/benchmarks.jar io.exowatch.bench.ClassifierBenchmark [seconds]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ClassifierBenchmark {

  private final Classifier classifier = new Classifier();
  private TrialRecord[] fixtures;
  private TrialRecord[] mixed;
  private int nextFixture;
  private int nextMixed;

  /** Parses the studies once. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    final CtGovStudyParser parser = new CtGovStudyParser();
    final List<TrialRecord> real = new ArrayList<>();
    for (final String json : CtGovParseBenchmark.Fixtures.ctgovStudies()) {
      real.addAll(parser.readStudies(json, Instant.EPOCH).records());
    }
    final List<TrialRecord> all = new ArrayList<>(real);
    final String gold = CtGovParseBenchmark.Fixtures.goldTrials();
    if (gold != null) {
      all.addAll(parser.readStudies(gold, Instant.EPOCH).records());
    }
    if (real.isEmpty()) {
      throw new IllegalStateException("no ClinicalTrials.gov study fixtures found");
    }
    fixtures = real.toArray(new TrialRecord[0]);
    mixed = all.toArray(new TrialRecord[0]);
  }

  /** One real fixture study per call. */
  @Benchmark
  public Classification classifyFixtures() {
    final TrialRecord t = fixtures[nextFixture];
    nextFixture = (nextFixture + 1) % fixtures.length;
    return classifier.classify(t);
  }

  /**
   * Studies classified per CPU-second of this thread (ThreadMXBean), after a warm-up, over the fixtures
   * and per fixture: a figure that does not depend on how busy the machine's other processes are.
   *
   * @param args optional measuring seconds of CPU time per round (default 3)
   * @throws IOException when the fixtures cannot be read
   */
  public static void main(final String[] args) throws IOException {
    final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    final ClassifierBenchmark bench = new ClassifierBenchmark();
    bench.setUp();
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int round = 0; round < 8; round++) {
      final long cpu0 = threads.getCurrentThreadCpuTime();
      final long wall0 = System.nanoTime();
      long n = 0;
      while (threads.getCurrentThreadCpuTime() - cpu0 < (long) (seconds * 1e9)) {
        sink += bench.classifyFixtures().getEvidence().size();
        n++;
      }
      final double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      final double wall = (System.nanoTime() - wall0) / 1e9;
      System.out.printf(Locale.ROOT, "%s round %d: %.0f studies per CPU-second (%.0f per wall-clock second)%n",
          round < 3 ? "warm-up" : "measure", round, n / cpu, n / wall);
    }
    for (final TrialRecord t : bench.fixtures) {
      final long cpu0 = threads.getCurrentThreadCpuTime();
      long n = 0;
      while (threads.getCurrentThreadCpuTime() - cpu0 < (long) (seconds * 1e9 / 3)) {
        sink += bench.classifier.classify(t).getEvidence().size();
        n++;
      }
      System.out.printf(Locale.ROOT, "  %s: %.0f per CPU-second%n", t.getRegistryId(),
          n / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9));
    }
    System.out.println("(checksum " + sink + ")");
  }

  /** One study per call from the fixtures and the gold set. */
  @Benchmark
  public Classification classifyMixed() {
    final TrialRecord t = mixed[nextMixed];
    nextMixed = (nextMixed + 1) % mixed.length;
    return classifier.classify(t);
  }
}
