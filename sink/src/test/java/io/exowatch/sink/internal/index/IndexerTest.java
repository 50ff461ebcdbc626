package io.exowatch.sink.internal.index;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.sink.internal.SinkMetrics;
import io.exowatch.sink.internal.batch.BatchBuffer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexing loop with Kafka's {@link MockConsumer}/{@link MockProducer} and a local HTTP server
 * answering like {@code _bulk}: when offsets are committed, what reaches the dead-letter topic.
 */
class IndexerTest {

  private static final String TOPIC = "trials-enriched";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  private final ObjectMapper json = new ObjectMapper();
  private final SinkMetrics metrics = new SinkMetrics();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<String, DeadLetter> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, letter) -> new byte[0]);
  private WireMockServer server;
  private OpenSearchHttp http;
  private Indexer indexer;
  private Thread thread;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    http = OpenSearchHttp.connect(URI.create("http://127.0.0.1:" + server.port()), json);
    // The value "bad" cannot be decoded; any other value becomes {"title": value}.
    final Indexer.DocumentMapper mapper = (topic, value, partition, offset) -> {
      final String s = new String(value, StandardCharsets.UTF_8);
      if (s.equals("bad")) {
        throw new IllegalArgumentException("Unknown magic byte 0x62 on " + topic);
      }
      return Map.of("title", s);
    };
    final RetryPolicy noWait = new RetryPolicy(1, Duration.ofMillis(1), millis -> { });
    indexer = new Indexer(consumer, Map.of(TOPIC, new Indexer.Target("trials", mapper)), new BulkWriter(http, noWait),
        new DeadLetters(producer, "sink-dlq"), new BatchBuffer<>(100, 1 << 20, Duration.ofMillis(10)),
        new RetryPolicy(1, Duration.ofMillis(20), millis -> { }), metrics, json, System::currentTimeMillis);
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(TP));
      consumer.updateBeginningOffsets(Map.of(TP, 0L));
    });
  }

  @AfterEach
  void stop() throws Exception {
    if (thread != null) {
      indexer.stop();
      thread.join(10_000);
    }
    http.close();
    server.stop();
  }

  private void run() {
    thread = new Thread(indexer, "indexer-under-test");
    thread.start();
  }

  private void add(final long offset, final String key, final String value) {
    consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key,
        value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
  }

  private OffsetAndMetadata committed() {
    return consumer.committed(Set.of(TP)).get(TP);
  }

  private static String ok(final int n) {
    final StringBuilder sb = new StringBuilder("{\"errors\":false,\"items\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"index\":{\"status\":201}}");
    }
    return sb.append("]}").toString();
  }

  @Test
  void shouldCommitOffsetsOnlyAfterTheBulkRequestSucceeded() {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(503).withBody("unavailable")));
    add(0, "NCT1", "one");
    add(1, "NCT2", "two");
    run();
    await().atMost(Duration.ofSeconds(20)).until(() -> metrics.bulkFailures.sum() >= 1);
    assertThat(committed()).isNull();
    assertThat(indexer.healthy()).isFalse();
    // Rewound to the (absent) committed offset: the broker would deliver both records again.
    assertThat(consumer.position(TP)).isZero();

    server.resetAll();
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody(ok(2))));
    add(0, "NCT1", "one");
    add(1, "NCT2", "two");
    await().atMost(Duration.ofSeconds(20)).until(() -> committed() != null && committed().offset() == 2);
    assertThat(metrics.indexed.sum()).isEqualTo(2);
    assertThat(indexer.healthy()).isTrue();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldSendRejectedDocumentsToTheDeadLetterTopicWithTheReasonAndGoOn() {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody("{\"errors\":true,\"items\":["
        + "{\"index\":{\"status\":201}},"
        + "{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [startDate]\"}}}]}")));
    add(0, "NCT1", "one");
    add(1, "NCT2", "two");
    run();
    await().atMost(Duration.ofSeconds(20)).until(() -> committed() != null && committed().offset() == 2);
    assertThat(producer.history()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("sink-dlq");
      assertThat(r.key()).isEqualTo("NCT2");
      assertThat(r.value().getStage()).isEqualTo("SINK");
      assertThat(r.value().getReason()).contains("NCT2").contains("mapper_parsing_exception")
          .contains("failed to parse field [startDate]");
      assertThat(r.value().getOriginOffset()).isEqualTo(1L);
      assertThat(r.value().getOriginalText()).contains("\"title\":\"two\"");
    });
    assertThat(metrics.rejected.sum()).isEqualTo(1);
    assertThat(metrics.indexed.sum()).isEqualTo(1);
  }

  @Test
  void shouldSendUndecodableAndKeylessRecordsToTheDeadLetterTopicAndIndexTheRest() {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody(ok(1))));
    add(0, "NCT1", "bad");
    add(1, null, "no key");
    add(2, "NCT3", "three");
    run();
    await().atMost(Duration.ofSeconds(20)).until(() -> committed() != null && committed().offset() == 3);
    assertThat(producer.history()).hasSize(2);
    assertThat(producer.history().get(0).value().getReason()).contains("trials-enriched-0@0").contains("Unknown magic byte");
    assertThat(producer.history().get(0).value().getOriginalBytes().array()).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
    assertThat(producer.history().get(1).value().getReason()).contains("no key");
    assertThat(metrics.indexed.sum()).isEqualTo(1);
    assertThat(metrics.undecodable.sum()).isEqualTo(2);
  }

  @Test
  void shouldTurnATombstoneIntoAVersionedDelete() {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody("{\"items\":[{\"delete\":{\"status\":200}}]}")));
    add(5, "NCT1", null);
    run();
    await().atMost(Duration.ofSeconds(20)).until(() -> committed() != null && committed().offset() == 6);
    assertThat(server.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .isEqualTo("{\"delete\":{\"_index\":\"trials\",\"_id\":\"NCT1\",\"version\":5,\"version_type\":\"external\"}}\n");
    assertThat(metrics.deleted.sum()).isEqualTo(1);
  }
}
