package io.exowatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.ingest.cursor.InMemoryCursorStore;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.Rejected;
import io.exowatch.ingest.source.Source;
import io.exowatch.ingest.source.SourceStoppedException;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The service's bookkeeping with a MockProducer and sources written here: what is published, stored and reported. */
class IngestServiceTest {

  private final InMemoryCursorStore cursors = new InMemoryCursorStore();

  private static TrialRecord trial(final String id) {
    // Record-array fields are set explicitly: Avro's builder would otherwise deep-copy their defaults
    // through class lookups that its ClassSecurityValidator refuses unless the package is trusted.
    return TrialRecord.newBuilder().setRegistry("CTGOV").setRegistryId(id).setFetchedAt(Instant.EPOCH)
        .setSecondaryIds(List.of()).setInterventions(List.of()).setArms(List.of()).setReferences(List.of())
        .setContentHash("h").build();
  }

  private static Source source(final String name, final SourceBody body) {
    return new Source() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(final Cursor cursor, final io.exowatch.ingest.source.BatchSink sink)
          throws FetchException, SourceStoppedException, InterruptedException {
        body.run(cursor, sink);
      }
    };
  }

  @FunctionalInterface
  private interface SourceBody {
    void run(Cursor cursor, io.exowatch.ingest.source.BatchSink sink)
        throws FetchException, SourceStoppedException, InterruptedException;
  }

  private IngestService service(final MockProducer<String, Object> producer, final List<Source> sources,
      final IngestListener listener, final Duration interval) {
    return IngestService.builder(IngestSettings.defaults()).producer(producer).cursors(cursors).listener(listener)
        .sources(sources, interval).build();
  }

  private static MockProducer<String, Object> producer(final Serializer<Object> values) {
    return new MockProducer<>(true, null, new StringSerializer(), values);
  }

  @Test
  void shouldRunEverySourceByDefaultTheRegistriesIncluded() {
    final IngestService all = IngestService.builder(IngestSettings.defaults()).producer(producer((t, v) -> new byte[0]))
        .cursors(cursors).build();
    assertThat(all.sourceNames()).containsExactly("ctgov", "pubmed", "europepmc", "pages", "chictr", "irct", "isrctn",
        "euctr");
  }

  @Test
  void shouldRunOnlyTheRegistriesSwitchedOn() {
    final IngestSettings settings = IngestSettings.defaults().allSourcesOff()
        .withRegistry(IngestSettings.Registry.defaults("isrctn"))
        .withRegistry(IngestSettings.Registry.defaults("chictr").baseUrl(java.net.URI.create("http://127.0.0.1:1")));
    final IngestService some = IngestService.builder(settings).producer(producer((t, v) -> new byte[0]))
        .cursors(cursors).build();
    assertThat(some.sourceNames()).containsExactlyInAnyOrder("isrctn", "chictr");
  }

  @Test
  void shouldPublishRecordsAndDeadLettersThenStoreTheCursor() {
    final MockProducer<String, Object> producer = producer((t, v) -> new byte[0]);
    final Source a = source("a", (cursor, sink) -> {
      sink.accept(Batch.ofTrials("u1", List.of(trial("NCT00000001"), trial("NCT00000002")),
          List.of(new Rejected("NCT00000003", "u1", "bad study", "X", "{...}")), Cursor.EMPTY.with("pageToken", "p2")));
      sink.accept(Batch.ofTrials("u2", List.of(trial("NCT00000004")), List.of(), Cursor.EMPTY.with("since", "2024-03-01")));
    });
    final IngestSummary summary;
    try (IngestService ingest = service(producer, List.of(a), IngestListener.NONE, Duration.ofHours(1))) {
      summary = ingest.runOnce();
    }
    assertThat(producer.history()).extracting(r -> r.topic() + "/" + r.key()).containsExactly(
        "trials-raw/NCT00000001", "trials-raw/NCT00000002", "ingest-dlq/NCT00000003", "trials-raw/NCT00000004");
    final DeadLetter dl = (DeadLetter) producer.history().get(2).value();
    assertThat(dl.getStage()).isEqualTo("INGEST");
    assertThat(dl.getSource()).isEqualTo("a");
    assertThat(dl.getReason()).isEqualTo("bad study");
    assertThat(dl.getOriginalText()).isEqualTo("{...}");
    assertThat(cursors.load("a")).isEqualTo(Cursor.of(Map.of("since", "2024-03-01")));
    assertThat(summary.result("a")).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.pages()).isEqualTo(2);
      assertThat(r.recordsPublished()).isEqualTo(3);
      assertThat(r.deadLetters()).isEqualTo(1);
    });
    assertThat(summary.hasFailures()).isFalse();
  }

  @Test
  void shouldNotStoreTheCursorWhenKafkaRefusesAWriteAndStillRunTheOtherSources() {
    final MockProducer<String, Object> producer = producer((t, v) -> {
      if (v instanceof TrialRecord tr && tr.getRegistryId().equals("NCT00000002")) {
        throw new SerializationException("schema registry unreachable");
      }
      return new byte[0];
    });
    final Source a = source("a", (cursor, sink) -> {
      sink.accept(Batch.ofTrials("u1", List.of(trial("NCT00000001")), List.of(), Cursor.EMPTY.with("pageToken", "p2")));
      sink.accept(Batch.ofTrials("u2", List.of(trial("NCT00000002")), List.of(), Cursor.EMPTY.with("pageToken", "p3")));
    });
    final Source b = source("b", (cursor, sink) ->
        sink.accept(Batch.ofTrials("v1", List.of(trial("NCT00000009")), List.of(), Cursor.EMPTY.with("since", "x"))));
    final IngestSummary summary;
    try (IngestService ingest = service(producer, List.of(a, b), IngestListener.NONE, Duration.ofHours(1))) {
      summary = ingest.runOnce();
    }
    assertThat(summary.result("a")).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.FAILED);
      assertThat(r.error()).contains("schema registry unreachable");
      assertThat(r.recordsPublished()).isEqualTo(1);
    });
    assertThat(cursors.load("a")).isEqualTo(Cursor.EMPTY.with("pageToken", "p2"));
    assertThat(summary.result("b").orElseThrow().outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
    assertThat(cursors.load("b")).isEqualTo(Cursor.EMPTY.with("since", "x"));
    assertThat(summary.hasFailures()).isTrue();
  }

  @Test
  void shouldReportAFetchFailureOrABugAndGoOnWithTheNextSource() {
    final MockProducer<String, Object> producer = producer((t, v) -> new byte[0]);
    final Source failing = source("down", (cursor, sink) -> {
      throw new FetchException(URI.create("https://example.org/x"), "HTTP 403", false, null);
    });
    final Source buggy = source("buggy", (cursor, sink) -> {
      throw new IllegalStateException("a bug");
    });
    final Source fine = source("fine", (cursor, sink) ->
        sink.accept(Batch.ofTrials("w", List.of(trial("NCT00000001")), List.of(), null)));
    final List<String> finished = new ArrayList<>();
    final IngestSummary summary;
    try (IngestService ingest = service(producer, List.of(failing, buggy, fine), new IngestListener() {
      @Override
      public void onSourceFinished(final SourceResult result) {
        finished.add(result.describe());
      }
    }, Duration.ofHours(1))) {
      summary = ingest.runOnce();
    }
    assertThat(summary.results()).extracting(SourceResult::outcome).containsExactly(
        SourceResult.Outcome.FAILED, SourceResult.Outcome.FAILED, SourceResult.Outcome.COMPLETED);
    assertThat(summary.result("down").orElseThrow().error()).contains("HTTP 403", "https://example.org/x");
    assertThat(summary.result("buggy").orElseThrow().error()).contains("IllegalStateException", "a bug");
    assertThat(finished).hasSize(3);
    assertThat(summary.describe()).contains("down", "buggy", "fine", "total", "records=1");
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldPollEachSourceOnItsIntervalUntilClosed() throws Exception {
    final MockProducer<String, Object> producer = producer((t, v) -> new byte[0]);
    final AtomicInteger passes = new AtomicInteger();
    final CountDownLatch threePasses = new CountDownLatch(3);
    final Source a = source("a", (cursor, sink) -> {
      passes.incrementAndGet();
      sink.accept(Batch.cursorOnly("u", Cursor.EMPTY.with("n", Integer.toString(passes.get()))));
      threePasses.countDown();
    });
    final IngestService ingest = service(producer, List.of(a), IngestListener.NONE, Duration.ofMillis(50));
    final Thread loop = new Thread(ingest::run, "ingest-loop");
    loop.start();
    assertThat(threePasses.await(30, TimeUnit.SECONDS)).isTrue();
    ingest.close();
    loop.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(loop.isAlive()).isFalse();
    assertThat(passes.get()).isGreaterThanOrEqualTo(3);
    assertThat(cursors.load("a").get("n")).contains(Integer.toString(passes.get()));
  }

  @Test
  void shouldStopAPassWhenClosedFromAListenerAndKeepTheLastCursor() {
    final MockProducer<String, Object> producer = producer((t, v) -> new byte[0]);
    final Source a = source("a", (cursor, sink) -> {
      for (int page = 1; page <= 5; page++) {
        sink.accept(Batch.ofTrials("u" + page, List.of(trial(String.format("NCT%08d", page))), List.of(),
            Cursor.EMPTY.with("page", Integer.toString(page))));
      }
    });
    final IngestService[] holder = new IngestService[1];
    final IngestSummary summary;
    try (IngestService ingest = service(producer, List.of(a), new IngestListener() {
      @Override
      public void onProgress(final SourceProgress progress) {
        if (progress.pages() == 2) {
          holder[0].close();
        }
      }
    }, Duration.ofHours(1))) {
      holder[0] = ingest;
      summary = ingest.runOnce();
    }
    assertThat(summary.result("a").orElseThrow().outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
    assertThat(producer.history()).hasSize(2);
    assertThat(cursors.load("a")).isEqualTo(Cursor.EMPTY.with("page", "2"));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
