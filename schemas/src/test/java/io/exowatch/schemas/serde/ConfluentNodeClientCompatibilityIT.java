package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.SchemaMetadata;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the wire protocol against Confluent's own code, with no Docker: Confluent's official Node.js client and
 * Avro serdes ({@code @confluentinc/schemaregistry}, pinned in {@code src/test/node/package-lock.json} and installed
 * by {@code npm ci} in the build) talk to the embedded registry and exchange frames with our Java serdes.
 *
 * <p>Needs {@code node} on the PATH and the npm packages installed: skipped with a message otherwise, failed when
 * {@code CI=true}.
 */
@EmbeddedStack(openSearch = false)
class ConfluentNodeClientCompatibilityIT {

    private static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();
    private static final long NODE_LIMIT_SECONDS = 90;

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void requireNodeAndConfluentsClient() {
        final String problem = nodeProblem();
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but the Confluent Node.js compatibility check cannot run: " + problem);
        }
        Assumptions.abort("Skipping the Confluent Node.js compatibility check: " + problem);
    }

    @Test
    void shouldLetConfluentsNodeDeserializerReadOurFrames(final LocalStack stack) throws Exception {
        final String topic = UniqueNames.uniqueName("node-reads-java");
        final TrialRecord trial = TestRecords.trial("NCT09995000");
        final byte[] frame = AvroSerdes.specific(TrialRecord.class,
                Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).serializer().serialize(topic, trial);

        final JsonNode value = node("deserialize", stack.schemaRegistryUrl(), topic, HexFormat.of().formatHex(frame))
                .get("value");

        assertThat(value.get("registry").asText()).isEqualTo("CTGOV");
        assertThat(value.get("registryId").asText()).isEqualTo("NCT09995000");
        assertThat(value.get("briefTitle").asText()).isEqualTo(trial.getBriefTitle());
        assertThat(value.get("detailedDescription").asText()).isEqualTo(trial.getDetailedDescription());
        assertThat(value.get("enrollment").asInt()).isEqualTo(120);
        assertThat(value.get("interventions").get(0).get("name").asText()).isEqualTo("UC-MSC exosomes");
        assertThat(value.get("interventions").get(0).get("otherNames")).hasSize(2);
        assertThat(value.get("arms").get(1).get("type").asText()).isEqualTo("PLACEBO_COMPARATOR");
        assertThat(value.get("secondaryIds").get(1).get("registry").isNull()).isTrue();
        assertThat(value.get("fetchedAt").asLong()).isEqualTo(trial.getFetchedAt().toEpochMilli());
        assertThat(value.get("sourcePayload").isNull()).isTrue();
        assertThat(value.get("sourcePayloadTruncated").asBoolean()).isFalse();
    }

    @Test
    void shouldReadFramesWrittenByConfluentsNodeSerializerByteForByte(final LocalStack stack) throws Exception {
        final String topic = UniqueNames.uniqueName("java-reads-node");
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class,
                Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        final TrialRecord trial = TestRecords.trial("NCT09995001");
        trial.setSourcePayload("{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT09995001\"}}}");
        // Our serializer registers the subject's schema; Confluent's then writes with that latest version.
        final byte[] ours = serde.serializer().serialize(topic, trial);
        final Path record = Files.writeString(work.resolve("trial.json"), avroJson(trial));

        final byte[] theirs = HexFormat.of().parseHex(
                node("serialize", stack.schemaRegistryUrl(), topic, record.toString()).get("frameHex").asText());

        assertThat(serde.deserializer().deserialize(topic, theirs)).isEqualTo(trial);
        assertThat(HexFormat.of().formatHex(theirs)).isEqualTo(HexFormat.of().formatHex(ours));
    }

    @Test
    void shouldServeConfluentsNodeRegistryClient(final LocalStack stack) throws Exception {
        final String subject = UniqueNames.uniqueName("node-client") + "-value";
        final Schema v1 = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").endRecord();
        final Schema optionalField = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").optionalString("note").endRecord();
        final Schema requiredField = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").requiredInt("count").endRecord();

        final JsonNode answer = node("registry", stack.schemaRegistryUrl(), subject,
                write("v1.avsc", v1), write("optional.avsc", optionalField), write("required.avsc", requiredField));

        final int id = answer.get("registeredId").asInt();
        assertThat(answer.get("reRegisteredId").asInt()).isEqualTo(id);
        assertThat(answer.get("lookedUpId").asInt()).isEqualTo(id);
        assertThat(answer.get("latest").get("id").asInt()).isEqualTo(id);
        assertThat(answer.get("latest").get("version").asInt()).isEqualTo(1);
        assertThat(new Schema.Parser().parse(answer.get("latest").get("schema").asText())).isEqualTo(v1);
        assertThat(answer.get("versions")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(answer.get("compatible").asBoolean()).isTrue();
        assertThat(answer.get("incompatible").asBoolean()).isFalse();
        assertThat(answer.get("refused").get("status").asInt()).isEqualTo(409);
        // What Confluent's client registered, our client reads back the same.
        final SchemaRegistryClient ours = SchemaRegistryClients.create(stack.schemaRegistryUrl());
        assertThat(ours.getSchemaById(id)).isEqualTo(v1);
        final SchemaMetadata latest = ours.getLatestSchemaMetadata(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(ours.getId(subject, v1)).isEqualTo(id);
    }

    /** The record as avsc takes it: plain JSON values, unions unwrapped, longs as numbers, no logical types. */
    private static String avroJson(final TrialRecord trial) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(TrialRecord.class).write(trial, encoder);
        encoder.flush();
        final GenericRecord generic = new GenericDatumReader<GenericRecord>(TrialRecord.getClassSchema(),
                TrialRecord.getClassSchema(), GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        return GenericData.get().toString(generic);
    }

    private String write(final String name, final Schema schema) throws IOException {
        return Files.writeString(work.resolve(name), schema.toString()).toString();
    }

    private JsonNode node(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("node", "compat.js"));
        command.addAll(List.of(args));
        final Path stdout = work.resolve("node-" + args[0] + ".out");
        final Path stderr = work.resolve("node-" + args[0] + ".err");
        final Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(NODE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node compat.js " + args[0] + " did not finish within " + NODE_LIMIT_SECONDS + " s; stderr: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        if (process.exitValue() != 0) {
            fail("node compat.js " + String.join(" ", args) + " exited " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return json.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
    }

    /** @return why the check cannot run here, or {@code null} when it can */
    private static String nodeProblem() {
        try {
            final Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
                version.destroyForcibly();
                return "'node --version' failed";
            }
        } catch (final IOException e) {
            return "node is not on the PATH (" + e.getMessage() + ")";
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for node";
        }
        if (!Files.isRegularFile(NODE_DIR.resolve("node_modules/@confluentinc/schemaregistry/package.json"))) {
            return "Confluent's client is not installed in " + NODE_DIR + " (the build runs 'npm ci' there before"
                    + " integration tests; run it by hand when starting this test from an IDE)";
        }
        return null;
    }
}
