package io.exowatch.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.ingest.cursor.InMemoryCursorStore;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher against the embedded broker: what Kafka refuses for the record's own sake is dead-lettered, not fatal. */
@EmbeddedStack(openSearch = false)
class PublisherIT {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  /** Over the producer's 4 MiB {@code max.request.size} before compression. */
  private static final int OVERSIZED = 5 * 1024 * 1024;

  private KafkaHarness kafka;
  private InMemoryCursorStore cursors;
  private Publisher publisher;

  @BeforeEach
  void setUp(final LocalStack stack) {
    kafka = new KafkaHarness(stack);
    cursors = new InMemoryCursorStore();
    publisher = new Publisher("ctgov", kafka.producer(), cursors, new Publisher.Topics(kafka.topics().trials(),
        kafka.topics().articles(), kafka.topics().deadLetters()), Clock.fixed(NOW, ZoneOffset.UTC), Cursor.EMPTY, p -> { });
  }

  @AfterEach
  void tearDown() throws Exception {
    kafka.close();
  }

  private static TrialRecord trial(final String id, final String description, final String payload) {
    return TrialRecord.newBuilder().setRegistry("CTGOV").setRegistryId(id).setFetchedAt(NOW)
        .setSecondaryIds(List.of()).setInterventions(List.of()).setArms(List.of()).setReferences(List.of())
        .setDetailedDescription(description).setSourceUrl("https://clinicaltrials.gov/study/" + id)
        .setSourcePayload(payload).setContentHash("h-" + id).build();
  }

  @Test
  void shouldDeadLetterARecordLargerThanKafkaAcceptsAndPublishTheRestOfTheBatch() throws Exception {
    final String huge = "Umbilical cord MSC exosomes, nebulised. ".repeat(OVERSIZED / 40 + 1);
    final Cursor after = Cursor.EMPTY.with("page", "2");
    publisher.accept(Batch.ofTrials("https://clinicaltrials.gov/api/v2/studies?page=1",
        List.of(trial("NCT00000001", "short", "{\"a\":1}"), trial("NCT00000002", huge, "{\"payload\":\"" + huge + "\"}"),
            trial("NCT00000003", "short too", "{\"b\":2}")), List.of(), after));

    assertThat(kafka.readAll(kafka.topics().trials())).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("NCT00000001", "NCT00000003");
    final List<DeadLetter> letters = kafka.readAll(kafka.topics().deadLetters()).stream()
        .map(r -> (DeadLetter) r.value()).toList();
    assertThat(letters).singleElement().satisfies(d -> {
      assertThat(d.getKey()).isEqualTo("NCT00000002");
      assertThat(d.getUrl()).isEqualTo("https://clinicaltrials.gov/study/NCT00000002");
      assertThat(d.getReason()).startsWith("Kafka refused the record: ");
      assertThat(d.getErrorClass()).isEqualTo(RecordTooLargeException.class.getName());
      assertThat(d.getOriginalText()).startsWith("{\"payload\":\"Umbilical cord MSC exosomes");
      assertThat(d.getTruncated()).isTrue();
    });
    assertThat(publisher.records()).isEqualTo(2);
    assertThat(publisher.deadLetters()).isEqualTo(1);
    assertThat(cursors.load("ctgov")).isEqualTo(after);
  }
}
