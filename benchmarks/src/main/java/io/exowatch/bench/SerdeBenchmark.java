package io.exowatch.bench;

import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.serde.AvroSerdes;
import io.exowatch.schemas.serde.SpecificAvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of Confluent framing over plain Avro: our serializer + deserializer round trip of a realistic ~2 KB
 * {@link TrialRecord} with its schema id cached (in-memory {@code mock://} registry: after the first call no registry
 * is consulted) against plain Avro {@code SpecificDatumWriter} + {@code BinaryEncoder} / {@code SpecificDatumReader}
 * + {@code BinaryDecoder} of the same record, reusing encoder, decoder and stream as a careful caller would. The
 * one-way halves are measured too. Target: {@code confluentRoundTrip <= 1.1 x plainAvroRoundTrip}.
 *
 * <p>Besides JMH's wall-clock score, each benchmark reports two counters summed over the measurement iterations: the
 * benchmark thread's own CPU time ({@code cpuNanos}, from {@link ThreadMXBean#getCurrentThreadCpuTime()}) and the
 * operations done meanwhile ({@code cpuOps}); {@code cpuNanos / cpuOps} is CPU time per operation. On a shared 2-core
 * machine where other work keeps many threads runnable, wall-clock scores swing with the scheduler while CPU time
 * per operation stays close to the cost of the code itself.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SerdeBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
// Plain Avro 1.12 loads generated classes only from packages trusted by this property; our deserializer needs none.
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.exowatch.schemas.avro"})
public class SerdeBenchmark {

    private static final String TOPIC = "trials-raw";
    private static final String SCOPE = "serde-benchmark";

    private TrialRecord trial;
    private SpecificAvroSerde<TrialRecord> serde;
    private byte[] frame;

    private SpecificDatumWriter<TrialRecord> writer;
    private SpecificDatumReader<TrialRecord> reader;
    private ByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private byte[] plain;

    /** Builds the record, the serde (registering the schema once) and the plain Avro machinery. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        trial = trial();
        serde = AvroSerdes.specific(TrialRecord.class, Map.of("schema.registry.url", "mock://" + SCOPE), false);
        frame = serde.serializer().serialize(TOPIC, trial);
        writer = new SpecificDatumWriter<>(TrialRecord.class);
        reader = new SpecificDatumReader<>(TrialRecord.class);
        out = new ByteArrayOutputStream(4096);
        plain = plainEncode();
        if (!trial.equals(serde.deserializer().deserialize(TOPIC, frame)) || !trial.equals(plainDecode(plain))) {
            throw new IllegalStateException("round trips do not reproduce the record");
        }
        System.out.printf("%nTrialRecord: %d bytes plain Avro, %d bytes framed%n", plain.length, frame.length);
    }

    /** Forgets the in-memory registry scope. */
    @TearDown(Level.Trial)
    public void tearDown() {
        SchemaRegistryClients.dropMockScope(SCOPE);
    }

    /**
     * Our serializer then deserializer, schema id and datum reader/writer cached.
     *
     * @param cpu CPU-time counter
     * @return the record read back
     */
    @Benchmark
    public TrialRecord confluentRoundTrip(final CpuTime cpu) {
        cpu.ops++;
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, trial));
    }

    /**
     * Plain Avro binary encode then decode of the same record.
     *
     * @param cpu CPU-time counter
     * @return the record read back
     * @throws IOException never, for a well-formed record
     */
    @Benchmark
    public TrialRecord plainAvroRoundTrip(final CpuTime cpu) throws IOException {
        cpu.ops++;
        return plainDecode(plainEncode());
    }

    /**
     * Our serializer alone.
     *
     * @param cpu CPU-time counter
     * @return the frame
     */
    @Benchmark
    public byte[] confluentSerialize(final CpuTime cpu) {
        cpu.ops++;
        return serde.serializer().serialize(TOPIC, trial);
    }

    /**
     * Plain Avro encode alone.
     *
     * @param cpu CPU-time counter
     * @return the Avro bytes
     * @throws IOException never, for a well-formed record
     */
    @Benchmark
    public byte[] plainAvroSerialize(final CpuTime cpu) throws IOException {
        cpu.ops++;
        return plainEncode();
    }

    /**
     * Our deserializer alone.
     *
     * @param cpu CPU-time counter
     * @return the record
     */
    @Benchmark
    public TrialRecord confluentDeserialize(final CpuTime cpu) {
        cpu.ops++;
        return serde.deserializer().deserialize(TOPIC, frame);
    }

    /**
     * Plain Avro decode alone.
     *
     * @param cpu CPU-time counter
     * @return the record
     * @throws IOException never, for well-formed bytes
     */
    @Benchmark
    public TrialRecord plainAvroDeserialize(final CpuTime cpu) throws IOException {
        cpu.ops++;
        return plainDecode(plain);
    }

    /**
     * The benchmark thread's CPU time and operation count per iteration; JMH sums both over the measurement
     * iterations, so {@code cpuNanos / cpuOps} is the CPU time per operation.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        /** CPU nanoseconds the benchmark thread used in the iteration (reported by JMH). */
        public long cpuNanos;
        /** Operations done in the iteration (reported by JMH). */
        public long cpuOps;

        long ops;
        private long startCpu;

        /** Starts counting. */
        @Setup(Level.Iteration)
        public void start() {
            ops = 0;
            startCpu = THREADS.getCurrentThreadCpuTime();
        }

        /** Stops counting. */
        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - startCpu;
            cpuOps = ops;
        }
    }

    private byte[] plainEncode() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(trial, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private TrialRecord plainDecode(final byte[] bytes) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        return reader.read(null, decoder);
    }

    /** A ClinicalTrials.gov-like exosome trial, every kind of field filled, about 2 KB in Avro binary. */
    static TrialRecord trial() {
        return TrialRecord.newBuilder()
                .setRegistry("CTGOV")
                .setRegistryId("NCT09990001")
                .setSecondaryIds(List.of(
                        SecondaryId.newBuilder().setId("ChiCTR2400099001").setType("REGISTRY").setRegistry("CHICTR")
                                .build(),
                        SecondaryId.newBuilder().setId("EXO-ARDS-02").setType("OTHER").build()))
                .setBriefTitle("Inhaled Umbilical Cord MSC-derived Exosomes for Moderate ARDS")
                .setOfficialTitle("A Randomized, Double-blind, Placebo-controlled Phase 2 Study of Nebulized "
                        + "Exosomes Secreted by Human Umbilical Cord Mesenchymal Stromal Cells in Adults With "
                        + "Moderate Acute Respiratory Distress Syndrome")
                .setAcronym("EXO-ARDS")
                .setBriefSummary("Extracellular vesicles isolated from the conditioned medium of umbilical cord "
                        + "mesenchymal stromal cells are nebulized twice daily for five days. The study measures "
                        + "safety, oxygenation and time to clinical improvement against a saline placebo.")
                .setDetailedDescription("Participants receive 2.0 x 10^9 particles per dose of small "
                        + "extracellular vesicles (exosomes, 50-150 nm by nanoparticle tracking analysis) "
                        + "suspended in 3 ml of saline via a vibrating-mesh nebulizer. Vesicles are manufactured "
                        + "under GMP from a master cell bank of umbilical cord Wharton's jelly MSCs, purified by "
                        + "tangential flow filtration and characterised for CD63, CD81 and TSG101. Safety "
                        + "monitoring includes infusion reactions, bronchospasm and laboratory abnormalities; "
                        + "an independent data monitoring committee reviews unblinded safety data every month.")
                .setConditions(List.of("Acute Respiratory Distress Syndrome", "Viral Pneumonia"))
                .setKeywords(List.of("exosome", "extracellular vesicle", "mesenchymal stromal cell", "inhalation"))
                .setInterventions(List.of(
                        Intervention.newBuilder().setType("BIOLOGICAL").setName("UC-MSC exosomes")
                                .setDescription("Nebulized MSC-derived small EVs, 2.0 x 10^9 particles, twice daily")
                                .setOtherNames(List.of("MSC-Exo", "EXO-1")).setArmGroupLabels(List.of("Exosome"))
                                .build(),
                        Intervention.newBuilder().setType("OTHER").setName("Saline placebo")
                                .setDescription("3 ml nebulized normal saline").setArmGroupLabels(List.of("Placebo"))
                                .build()))
                .setArms(List.of(
                        Arm.newBuilder().setLabel("Exosome").setType("EXPERIMENTAL")
                                .setDescription("Nebulized exosomes for 5 days")
                                .setInterventionNames(List.of("Biological: UC-MSC exosomes")).build(),
                        Arm.newBuilder().setLabel("Placebo").setType("PLACEBO_COMPARATOR")
                                .setDescription("Nebulized saline for 5 days")
                                .setInterventionNames(List.of("Other: Saline placebo")).build()))
                .setOutcomes(List.of("Incidence of treatment-emergent adverse events up to day 28",
                        "Change in PaO2/FiO2 ratio from baseline to day 7",
                        "Time to clinical improvement of two points on the WHO ordinal scale",
                        "All-cause mortality at day 28 and day 60",
                        "Ventilator-free days through day 28"))
                .setPhases(List.of("PHASE2"))
                .setStatus("RECRUITING")
                .setStudyType("INTERVENTIONAL")
                .setEnrollment(120)
                .setEnrollmentType("ESTIMATED")
                .setFirstPosted("2024-03-18")
                .setLastUpdatePosted("2025-01-09")
                .setStartDate("2024-05")
                .setPrimaryCompletionDate("2025-12-31")
                .setCompletionDate("2026-06")
                .setLeadSponsor("Example University Hospital")
                .setCollaborators(List.of("Example Cell Therapy Institute", "Example Respiratory Research Centre"))
                .setCountries(List.of("China", "Iran"))
                .setReferences(List.of(
                        Reference.newBuilder().setPmid("31431712").setDoi("10.1038/s41409-019-0616-z")
                                .setType("BACKGROUND").build(),
                        Reference.newBuilder().setCitation("Example A, Example B. Nebulized MSC exosomes in "
                                + "lung injury models. Example Journal. 2023;12:345-356.").setType("BACKGROUND")
                                .build()))
                .setSourceUrl("https://clinicaltrials.gov/api/v2/studies/NCT09990001")
                .setFetchedAt(Instant.parse("2025-01-10T08:30:00.123Z"))
                .setContentHash("9f2c4e0b7d1a3c5e8f6b2a4d0c9e7f1a3b5d7c9e1f0a2b4c6d8e0f1a3b5c7d9e")
                .setSourcePayload(null)
                .setSourcePayloadTruncated(false)
                .build();
    }
}
