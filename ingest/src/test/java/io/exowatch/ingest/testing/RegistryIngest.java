package io.exowatch.ingest.testing;

import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.IngestService;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.IngestSummary;
import io.exowatch.ingest.SourceProgress;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.Source;
import io.exowatch.schemas.avro.DeadLetter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the registry ingest ITs share: one registry source against a local stand-in of its site, run
 * by the ingest service on the embedded broker ({@link KafkaHarness}), what it wrote, and a pass
 * stopped after its first page (to check that a restart resumes without loss or duplicates).
 */
public final class RegistryIngest {

  /** Short timeouts, two retries with short backoff: the stand-in answers at once. */
  public static final HttpSettings FAST_HTTP = new HttpSettings("ExoWatch-IT/1.0", Duration.ofSeconds(2),
      Duration.ofSeconds(5), 1L << 20, 2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

  private final KafkaHarness kafka;

  /** Runs sources on {@code kafka}'s topics. */
  public RegistryIngest(final KafkaHarness kafka) {
    this.kafka = kafka;
  }

  /** The default settings of registry {@code name}, at {@code baseUrl}, 50 requests/s. */
  public static IngestSettings.Registry registry(final String name, final String baseUrl) {
    return IngestSettings.Registry.defaults(name).baseUrl(URI.create(baseUrl)).rateLimit(50);
  }

  /** A site client allowed to fetch {@code registry}'s base URL, with {@link #FAST_HTTP}. */
  public static SiteClient client(final IngestSettings.Registry registry) {
    return SiteClient.builder(registry.name()).allowBaseUrl(registry.baseUrl()).rateLimit(registry.rateLimit())
        .settings(FAST_HTTP).build();
  }

  /** An ingest service running only {@code source}, daily, with a new cursor store over the test's cursor topic. */
  public IngestService service(final Source source, final IngestListener listener) {
    final IngestSettings settings = IngestSettings.defaults().allSourcesOff().withHttp(FAST_HTTP).withTopics(kafka.topics());
    return IngestService.builder(settings).producer(kafka.producer()).cursors(kafka.newCursorStore())
        .listener(listener).sources(List.of(source), Duration.ofHours(24)).build();
  }

  /**
   * One pass of the service {@code service} builds, closed as soon as its first page is published
   * (as a stop would); returns its summary.
   */
  public static IngestSummary runStoppingAfterFirstPage(final Function<IngestListener, IngestService> service) {
    return runStoppingAfter(1, service);
  }

  /** One pass of the service {@code service} builds, closed as soon as {@code pages} batches are published. */
  public static IngestSummary runStoppingAfter(final int pages, final Function<IngestListener, IngestService> service) {
    final AtomicReference<IngestService> running = new AtomicReference<>();
    final IngestListener stop = new IngestListener() {
      @Override
      public void onProgress(final SourceProgress progress) {
        if (progress.pages() == pages) {
          running.get().close();
        }
      }
    };
    try (IngestService first = service.apply(stop)) {
      running.set(first);
      return first.runOnce();
    }
  }

  /** Keys of every record on the trials topic. */
  public List<String> trialKeys() {
    return kafka.readAll(kafka.topics().trials()).stream().map(ConsumerRecord::key).toList();
  }

  /** Every dead letter on the dead-letter topic. */
  public List<DeadLetter> deadLetters() {
    return kafka.readAll(kafka.topics().deadLetters()).stream().map(r -> (DeadLetter) r.value()).toList();
  }

  /** The cursors stored for {@code source}, oldest first. */
  public List<Cursor> cursors(final String source) {
    return kafka.readAllText(kafka.topics().cursors()).stream().filter(r -> r.key().equals(source))
        .map(r -> Cursor.fromJson((String) r.value())).toList();
  }

  /** The last cursor stored for {@code source}, or the empty cursor. */
  public Cursor lastCursor(final String source) {
    final List<Cursor> all = cursors(source);
    return all.isEmpty() ? Cursor.EMPTY : all.get(all.size() - 1);
  }
}
