package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialSnapshot;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /api/events}: relaying trial-events as SSE, the category filter, heartbeats and Last-Event-ID resume. */
@EmbeddedStack
class EventStreamIT {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** One SSE event or comment as read off the wire. */
  record Sse(String event, String id, String data, String comment) {}

  /** Reads an SSE stream on a background thread into a queue. */
  private final class Stream implements AutoCloseable {
    final BlockingQueue<Sse> queue = new LinkedBlockingQueue<>();
    final InputStream body;
    final HttpResponse<InputStream> response;
    final Thread reader;

    Stream(final SinkService sink, final String query, final String lastEventId) throws Exception {
      final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sink.url() + "/api/events" + query))
          .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      body = response.body();
      reader = new Thread(this::read, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = null;
        String id = null;
        String data = null;
        String comment = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.isEmpty()) {
            queue.add(new Sse(event, id, data, comment));
            event = id = data = comment = null;
          } else if (line.startsWith(":")) {
            comment = line.substring(1).trim();
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
      } catch (final Exception e) {
        // closed by the test
      }
    }

    Sse nextEvent() throws InterruptedException {
      while (true) {
        final Sse s = queue.poll(30, TimeUnit.SECONDS);
        assertThat(s).as("an SSE event within 30 s").isNotNull();
        if (s.event() != null) {
          return s;
        }
      }
    }

    Sse nextComment(final String startingWith) throws InterruptedException {
      while (true) {
        final Sse s = queue.poll(30, TimeUnit.SECONDS);
        assertThat(s).as("an SSE comment within 30 s").isNotNull();
        if (s.comment() != null && s.comment().startsWith(startingWith)) {
          return s;
        }
      }
    }

    @Override
    public void close() throws Exception {
      body.close();
    }
  }

  private static TrialEvent statusChanged(final String id, final String title) {
    return TrialEvent.newBuilder().setTrialId(id).setOp(TrialEventOp.STATUS_CHANGED)
        .setChangedFields(List.of("status"))
        .setBefore(TrialSnapshot.newBuilder().setTitle(title).setStatus("RECRUITING").setCategory("MSC_EV_THERAPY").build())
        .setAfter(TrialSnapshot.newBuilder().setTitle(title).setStatus("COMPLETED").setCategory("MSC_EV_THERAPY").build())
        .setRegistry("CTGOV").setTs(java.time.Instant.parse("2026-11-03T10:00:00Z")).build();
  }

  @Test
  void shouldRelayMscTherapyEventsWithPositionIdsAndSkipOthersByDefault(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink();
         Stream s = new Stream(sink, "", null)) {
      assertThat(s.response.statusCode()).isEqualTo(200);
      assertThat(s.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      s.nextComment("connected");
      h.publishEvent("NCT04389385", TestRecords.created("NCT04389385", "T-cell exosomes", Category.OTHER_EV_THERAPY));
      h.publishEvent("NCT40000001", statusChanged("NCT40000001", "MSC exosomes <b>inhaled</b>"));
      final Sse e = s.nextEvent();
      assertThat(e.event()).isEqualTo("trial");
      assertThat(e.id()).matches("\\d+-\\d+(\\.\\d+-\\d+)*");
      final JsonNode data = json.readTree(e.data());
      assertThat(data.path("id").asText()).isEqualTo("NCT40000001");
      assertThat(data.path("op").asText()).isEqualTo("STATUS_CHANGED");
      assertThat(data.path("category").asText()).isEqualTo("MSC_EV_THERAPY");
      assertThat(data.path("title").asText()).isEqualTo("MSC exosomes <b>inhaled</b>");
      assertThat(data.path("changedFields").toString()).isEqualTo("[\"status\"]");
      assertThat(data.path("before").path("status").asText()).isEqualTo("RECRUITING");
      assertThat(data.path("after").path("status").asText()).isEqualTo("COMPLETED");
      assertThat(data.path("ts").asLong()).isEqualTo(java.time.Instant.parse("2026-11-03T10:00:00Z").toEpochMilli());
      // The T-cell event came first and was filtered out: nothing else is queued.
      assertThat(s.queue.stream().filter(x -> x.event() != null)).isEmpty();
    }
  }

  @Test
  void shouldRelayEveryCategoryWhenAskedForAll(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink();
         Stream s = new Stream(sink, "?category=all", null)) {
      s.nextComment("connected");
      h.publishEvent("NCT04389385", TestRecords.created("NCT04389385", "T-cell exosomes", Category.OTHER_EV_THERAPY));
      assertThat(json.readTree(s.nextEvent().data()).path("category").asText()).isEqualTo("OTHER_EV_THERAPY");
    }
  }

  @Test
  void shouldSendHeartbeatsWhenIdle(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack)) {
      h.set(SinkKeys.SSE_HEARTBEAT.name(), "1s");
      try (SinkService sink = h.startSink(); Stream s = new Stream(sink, "", null)) {
        assertThat(s.nextComment("heartbeat").comment()).isEqualTo("heartbeat");
      }
    }
  }

  @Test
  void shouldResumeFromLastEventIdWithoutGapsOrRepeatsAcrossPartitions(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      final String lastId;
      try (Stream s = new Stream(sink, "", null)) {
        s.nextComment("connected");
        h.publishEvent("NCT50000000", TestRecords.created("NCT50000000", "first", Category.MSC_EV_THERAPY));
        lastId = s.nextEvent().id();
      }
      // While disconnected: events on keys that spread over the three partitions.
      final List<String> missed = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        final String id = "NCT5000000" + Integer.toString(i, 36);
        missed.add(id);
        h.publishEvent(id, TestRecords.created(id, "missed " + i, Category.MSC_SECRETOME_THERAPY));
      }
      assertThat(missed.stream().map(id -> org.apache.kafka.common.utils.Utils.toPositive(
          org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 3).distinct().count())
          .as("the missed events cover several partitions").isGreaterThan(1);
      try (Stream s = new Stream(sink, "", lastId)) {
        final List<String> got = new ArrayList<>();
        String id = null;
        for (int i = 0; i < missed.size(); i++) {
          final Sse e = s.nextEvent();
          got.add(json.readTree(e.data()).path("id").asText());
          id = e.id();
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(missed);
        // Nothing more: the event before the disconnect is not repeated.
        h.publishEvent("NCT59999999", TestRecords.created("NCT59999999", "after", Category.MSC_EV_THERAPY));
        assertThat(json.readTree(s.nextEvent().data()).path("id").asText()).isEqualTo("NCT59999999");
        assertThat(id).isNotEqualTo(lastId);
      }
    }
  }

  @Test
  void shouldAnswer503BeyondTheClientLimitAndFreeTheSlotWhenAClientLeaves(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack)) {
      h.set(SinkKeys.SSE_MAX_CLIENTS.name(), "1").set(SinkKeys.SSE_HEARTBEAT.name(), "1s");
      try (SinkService sink = h.startSink()) {
        try (Stream first = new Stream(sink, "", null)) {
          first.nextComment("connected");
          final HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(sink.url() + "/api/events"))
              .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
          assertThat(second.statusCode()).isEqualTo(503);
          assertThat(second.body()).contains("Too many event streams");
        }
        // The server notices the closed stream at its next write (a heartbeat at the latest).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().sseClients() == 0);
        try (Stream again = new Stream(sink, "", null)) {
          assertThat(again.response.statusCode()).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void shouldRefuseAMalformedLastEventIdWith400(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink.url() + "/api/events"))
          .header("Last-Event-ID", "yesterday").timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("Malformed event id 'yesterday'");
    }
  }
}
