package io.exowatch.bench;

import io.exowatch.enrich.classify.Classifier;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** One study per call from the fixtures and the gold set. */
  @Benchmark
  public Classification classifyMixed() {
    final TrialRecord t = mixed[nextMixed];
    nextMixed = (nextMixed + 1) % mixed.length;
    return classifier.classify(t);
  }
}
