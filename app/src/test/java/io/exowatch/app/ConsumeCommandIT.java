package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialSnapshot;
import io.exowatch.schemas.serde.AvroSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@EmbeddedStack(openSearch = false)
class ConsumeCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPrintAvroValuesAsJsonLinesDecodedThroughTheRegistry(final LocalStack stack) throws Exception {
    final String topic = UniqueNames.uniqueName("trial-events");
    stack.createTopic(topic, 1, false);
    final TrialEvent event = TrialEvent.newBuilder()
        .setTrialId("NCT04276987").setOp(TrialEventOp.CREATED).setRegistry("CTGOV")
        .setAfter(TrialSnapshot.newBuilder().setTitle("Aerosol inhalation of MSC exosomes").setStatus("COMPLETED").build())
        .setTs(java.time.Instant.ofEpochMilli(1_700_000_000_000L)).build();
    final AvroSerializer<TrialEvent> serializer = new AvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "NCT04276987", serializer.serialize(topic, event))).get();
      producer.send(new ProducerRecord<>(topic, "cursor", "{\"page\":2}".getBytes(StandardCharsets.UTF_8))).get();
    }

    final StringWriter out = new StringWriter();
    final CommandLine cli = ExoWatch.commandLine();
    cli.setOut(new PrintWriter(out));
    final int exit = cli.execute("consume", topic, "--from-beginning", "--max", "2", "--timeout", "20",
        "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
        "--set", "schema.registry.url=" + stack.schemaRegistryUrl());

    assertThat(exit).isZero();
    final List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    final JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("key").asText()).isEqualTo("NCT04276987");
    assertThat(first.get("partition").asInt()).isZero();
    assertThat(first.get("offset").asLong()).isZero();
    assertThat(first.at("/value/op").asText()).isEqualTo("CREATED");
    assertThat(first.at("/value/after/title").asText()).isEqualTo("Aerosol inhalation of MSC exosomes");
    final JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("valueFormat").asText()).isEqualTo("text");
    assertThat(second.get("value").asText()).isEqualTo("{\"page\":2}");
  }

  @Test
  void shouldFailClearlyForAMissingTopic(final LocalStack stack) {
    final StringWriter err = new StringWriter();
    final CommandLine cli = ExoWatch.commandLine();
    cli.setErr(new PrintWriter(err));
    final int exit = cli.execute("consume", UniqueNames.uniqueName("no-such-topic"), "--timeout", "1",
        "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
        "--set", "schema.registry.url=" + stack.schemaRegistryUrl());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("does not exist");
  }
}
