package io.exowatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * Cost of mapping a ClinicalTrials.gov v2 study to a {@link TrialRecord}: Jackson {@code readTree},
 * {@link CtGovStudyParser#parse} (every module, markdown un-escaping, the bounded JSON payload, the
 * SHA-256 content hash) and Avro binary serialisation with {@code SpecificDatumWriter}, against
 * Jackson {@code readTree} alone of the same study, in the same run. Target:
 * {@code parseMapSerialize <= 2 x readTree}.
 *
 * <p>The studies are real responses read in place from the shared fixtures: a 95 kB study with
 * results and heavy escaping, a 36 kB study with many references, a 7 kB withdrawn study and a
 * 65 kB sparse study with 202 sites. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar CtGovParseBenchmark}.
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
    json = BenchFixtures.ctgovStudy(study);
    if (parseMapSerialize() < 100) {
      throw new IllegalStateException("the record of " + study + " serialised to almost nothing");
    }
  }

  /** Jackson tree, mapping, payload, hash, Avro binary. */
  @Benchmark
  public int parseMapSerialize() throws IOException {
    final JsonNode tree = mapper.readTree(json);
    final TrialRecord record = parser.parse(tree, fetchedAt);
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
}
