package io.exowatch.ingest.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cursors survive a restart: a new store reads back what an earlier one wrote, last value per source. */
@EmbeddedStack(openSearch = false)
class KafkaCursorStoreIT {

  private KafkaClients clients;
  private String topic;

  @BeforeEach
  void setUp(final LocalStack stack) {
    clients = new KafkaClients(ExoConfig.of(Map.of("kafka.bootstrap.servers", stack.bootstrapServers())));
    topic = UniqueNames.uniqueName("ingest-cursors");
    stack.createTopic(topic, 1, true);
  }

  private KafkaCursorStore store() {
    return KafkaCursorStore.create(clients.producerConfig("cursor-it"),
        clients.consumerConfig(null, "cursor-it-" + UUID.randomUUID()), topic);
  }

  @Test
  void shouldReadBackTheLastCursorOfEachSourceAfterARestart() {
    try (KafkaCursorStore first = store()) {
      assertThat(first.load("ctgov")).isEqualTo(Cursor.EMPTY);
      first.save("ctgov", Cursor.EMPTY.with("pageToken", "P2"));
      first.save("pubmed", Cursor.EMPTY.with("since", "2024/05/01"));
      first.save("ctgov", Cursor.EMPTY.with("since", "2024-03-09"));
    }
    try (KafkaCursorStore restarted = store()) {
      assertThat(restarted.load("ctgov")).isEqualTo(Cursor.EMPTY.with("since", "2024-03-09"));
      assertThat(restarted.load("pubmed")).isEqualTo(Cursor.EMPTY.with("since", "2024/05/01"));
      assertThat(restarted.load("europepmc")).isEqualTo(Cursor.EMPTY);
    }
  }

  @Test
  void shouldTreatATombstoneAsNoCursorAndSkipAnUnreadableValue() throws Exception {
    final Map<String, Object> p = new HashMap<>(clients.producerConfig("cursor-it-raw"));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> raw = new KafkaProducer<>(p)) {
      raw.send(new ProducerRecord<>(topic, "ctgov", "{\"since\":\"2024-01-01\"}")).get();
      raw.send(new ProducerRecord<>(topic, "ctgov", null)).get();
      raw.send(new ProducerRecord<>(topic, "pubmed", "{\"since\":\"2024/01/01\"}")).get();
      raw.send(new ProducerRecord<>(topic, "pubmed", "not json")).get();
    }
    try (KafkaCursorStore store = store()) {
      assertThat(store.load("ctgov")).isEqualTo(Cursor.EMPTY);
      assertThat(store.load("pubmed")).isEqualTo(Cursor.EMPTY.with("since", "2024/01/01"));
    }
  }

  @Test
  void shouldFailNamingTheTopicWhenItDoesNotExist() {
    final String missing = UniqueNames.uniqueName("no-such-cursors");
    try (KafkaCursorStore store = KafkaCursorStore.create(clients.producerConfig("cursor-it"),
        clients.consumerConfig(null, "cursor-it-" + UUID.randomUUID()), missing)) {
      assertThatThrownBy(() -> store.load("ctgov")).isInstanceOf(CursorStoreException.class)
          .hasMessageContaining(missing).hasMessageContaining("does not exist");
    }
  }
}
