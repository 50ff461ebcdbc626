package io.exowatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.schemas.serde.AvroDeserializer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch consume TOPIC}: prints a topic's records as JSON lines — topic, partition,
 * offset, timestamp, key and the value decoded through the schema registry — as an analyst would
 * use Confluent's {@code kafka-avro-console-consumer}. Values that are not Avro in Confluent's
 * wire format (e.g. the JSON cursors) are printed as text. Reads without a consumer group, so it
 * never moves anyone's offsets.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Print a topic's records as JSON lines (key, partition, offset, value decoded through the registry).")
public final class ConsumeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ConfigOptions configOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read, e.g. trial-events.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the earliest offset (default: only new records).")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop when no record arrived for this many seconds (default: run until Ctrl-C or --max).")
  Integer timeoutSeconds;

  @Override
  public Integer call() {
    final ExoConfig config = configOptions.load();
    final KafkaClients clients = new KafkaClients(config);
    final PrintWriter out = spec.commandLine().getOut();
    final AvroDeserializer<Object> values = new AvroDeserializer<>();
    values.configure(clients.serdeConfig(), false);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        clients.consumerConfig(null, "exowatch-consume"), new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        spec.commandLine().getErr().println("exowatch consume: topic '" + topic + "' does not exist");
        return 1;
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long printed = 0;
      long idleSince = System.nanoTime();
      while (max == null || printed < max) {
        final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          if (timeoutSeconds != null && System.nanoTime() - idleSince > timeoutSeconds * 1_000_000_000L) {
            break;
          }
          continue;
        }
        idleSince = System.nanoTime();
        for (final ConsumerRecord<String, byte[]> r : records) {
          out.println(toJson(r, values));
          out.flush();
          if (max != null && ++printed >= max) {
            break;
          }
        }
      }
      out.flush();
      return 0;
    } finally {
      values.close();
    }
  }

  /** One record as a JSON line. */
  static String toJson(final ConsumerRecord<String, byte[]> r, final AvroDeserializer<Object> values) {
    final ObjectNode line = JSON.createObjectNode();
    line.put("topic", r.topic());
    line.put("partition", r.partition());
    line.put("offset", r.offset());
    line.put("timestamp", r.timestamp());
    line.put("key", r.key());
    if (r.value() == null) {
      line.putNull("value");
    } else {
      try {
        final Object value = values.deserialize(r.topic(), r.value());
        line.set("value", parse(GenericData.get().toString(value)));
      } catch (final SerializationException e) {
        // Not Confluent-framed Avro (e.g. JSON cursors): show the text and why it was not decoded.
        line.put("value", new String(r.value(), StandardCharsets.UTF_8));
        line.put("valueFormat", "text");
      }
    }
    return line.toString();
  }

  private static JsonNode parse(final String json) {
    try {
      return JSON.readTree(json);
    } catch (final java.io.IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }
}
