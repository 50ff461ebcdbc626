package io.exowatch.ingest;

import io.exowatch.common.kafka.TopicSetup;
import io.exowatch.common.kafka.TopicSpec;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.cursor.CursorStore;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Sleeper;
import io.exowatch.ingest.internal.Publisher;
import io.exowatch.ingest.source.ChiCtrSource;
import io.exowatch.ingest.source.CtGovSource;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuCtrSource;
import io.exowatch.ingest.source.EuropePmcSource;
import io.exowatch.ingest.source.IrctSource;
import io.exowatch.ingest.source.IsrctnSource;
import io.exowatch.ingest.source.LandingPageSource;
import io.exowatch.ingest.source.PubMedSource;
import io.exowatch.ingest.source.Source;
import io.exowatch.ingest.source.SourceStoppedException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: runs the enabled sources one after another (ClinicalTrials.gov, PubMed, Europe
 * PMC, then landing pages, which also get the DOIs the others found), publishing
 * {@code TrialRecord}s to {@code trials-raw} (key: registry id) and {@code ArticleRecord}s to
 * {@code articles-raw} (key: {@code doi:...}, else {@code pmid:...}) through the injected producer,
 * content it cannot parse to {@code ingest-dlq} as {@code DeadLetter}s, and each source's cursor to
 * the {@link CursorStore} after the batch it follows is acknowledged.
 *
 * <p>A source that fails (retries exhausted, a 4xx, Kafka refusing a write, a bug) is reported in
 * its {@link SourceResult} and the others still run; nothing it had not acknowledged counts, and its
 * next pass starts from its stored cursor.
 *
 * <pre>{@code
 * IngestService.ensureTopics(admin, settings, 3, (short) 1);
 * try (IngestService ingest = IngestService.builder(settings).producer(producer).cursors(cursors).build()) {
 *   IngestSummary summary = ingest.runOnce();   // or ingest.run() until close()
 * }
 * }</pre>
 * The producer and cursor store belong to the caller, who closes them after the service.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Producer<String, Object> producer;
  private final CursorStore cursors;
  private final IngestListener listener;
  private final Clock clock;
  private final Publisher.Topics topics;
  private final List<Source> sources;
  private final Map<String, Duration> intervals;
  private final LandingPageSource pages;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Thread runner;

  private IngestService(final Builder b) {
    this.producer = Objects.requireNonNull(b.producer, "producer");
    this.cursors = Objects.requireNonNull(b.cursors, "cursors");
    this.listener = b.listener;
    this.clock = b.clock;
    final IngestSettings s = b.settings;
    this.topics = new Publisher.Topics(s.topics().trials(), s.topics().articles(), s.topics().deadLetters());
    final List<Source> list = new ArrayList<>();
    final Map<String, Duration> every = new HashMap<>();
    LandingPageSource pageSource = null;
    if (b.sources != null) {
      list.addAll(b.sources);
      b.sources.forEach(src -> every.put(src.name(), b.defaultInterval));
      pageSource = (LandingPageSource) b.sources.stream().filter(LandingPageSource.class::isInstance)
          .findFirst().orElse(null);
    } else {
      if (s.ctgov().enabled()) {
        list.add(new CtGovSource(site(b, "ctgov", s.ctgov().baseUrl(), s.ctgov().rateLimit()).build(),
            s.ctgov(), new CtGovStudyParser(), clock));
        every.put(CtGovSource.NAME, s.ctgov().pollInterval());
      }
      if (s.pubmed().enabled()) {
        list.add(new PubMedSource(site(b, "pubmed", s.pubmed().baseUrl(), s.pubmed().rateLimit()).build(),
            s.pubmed(), clock));
        every.put(PubMedSource.NAME, s.pubmed().pollInterval());
      }
      if (s.europePmc().enabled()) {
        list.add(new EuropePmcSource(site(b, "europepmc", s.europePmc().baseUrl(), s.europePmc().rateLimit()).build(),
            s.europePmc(), clock));
        every.put(EuropePmcSource.NAME, s.europePmc().pollInterval());
      }
      if (s.pages().enabled()) {
        final SiteClient.Builder site = site(b, "pages", s.pages().doiResolver(), s.pages().rateLimit());
        s.pages().urls().forEach(site::allowBaseUrl);
        s.pages().allowedHosts().forEach(site::allowHost);
        pageSource = new LandingPageSource(site.build(), s.pages(), clock);
        list.add(pageSource);
        every.put(LandingPageSource.NAME, s.pages().pollInterval());
      }
      for (final IngestSettings.Registry r : s.registries()) {
        if (r.enabled()) {
          list.add(registrySource(site(b, r.name(), r.baseUrl(), r.rateLimit()).build(), r, clock));
          every.put(r.name(), r.pollInterval());
        }
      }
    }
    this.sources = List.copyOf(list);
    this.intervals = Map.copyOf(every);
    this.pages = pageSource;
  }

  /** The source of the registry {@code r} names. */
  private static Source registrySource(final SiteClient client, final IngestSettings.Registry r, final Clock clock) {
    return switch (r.name()) {
      case ChiCtrSource.NAME -> new ChiCtrSource(client, r, clock);
      case IrctSource.NAME -> new IrctSource(client, r, clock);
      case IsrctnSource.NAME -> new IsrctnSource(client, r, clock);
      case EuCtrSource.NAME -> new EuCtrSource(client, r, clock);
      default -> throw new IllegalArgumentException("No source for registry '" + r.name() + "'; known: "
          + IngestSettings.Registry.NAMES);
    };
  }

  private static SiteClient.Builder site(final Builder b, final String name, final URI base, final double rate) {
    return SiteClient.builder(name).allowBaseUrl(base).rateLimit(rate).settings(b.settings.http())
        .clock(b.clock).sleeper(b.sleeper);
  }

  /** A builder for a service with {@code settings}. */
  public static Builder builder(final IngestSettings settings) {
    return new Builder(settings);
  }

  /**
   * Creates the topics the service writes, where missing: trials and articles (compacted),
   * dead letters (deleting, 30 days) and cursors (compacted, one partition).
   */
  public static List<String> ensureTopics(final Admin admin, final IngestSettings settings, final int partitions,
      final short replicationFactor) {
    final IngestSettings.TopicNames t = settings.topics();
    return TopicSetup.ensure(admin, List.of(TopicSpec.compacted(t.trials()), TopicSpec.compacted(t.articles()),
        TopicSpec.deleting(t.deadLetters(), Duration.ofDays(30)), TopicSpec.compacted(t.cursors()).withPartitions(1)),
        partitions, replicationFactor);
  }

  /** The names of the sources that run, in order. */
  public List<String> sourceNames() {
    return sources.stream().map(Source::name).toList();
  }

  /** One pass over every enabled source, in order; never throws for a failing source. */
  public IngestSummary runOnce() {
    final Instant started = clock.instant();
    final List<SourceResult> results = new ArrayList<>();
    for (final Source source : sources) {
      if (closed.getCount() == 0) {
        break;
      }
      results.add(runSource(source));
    }
    return new IngestSummary(started, Duration.between(started, clock.instant()), results);
  }

  /**
   * Polls until {@link #close()}: each source runs when its poll interval has passed since its last
   * pass began (all of them at once at start).
   */
  public void run() {
    final Map<String, Instant> due = new LinkedHashMap<>();
    sources.forEach(s -> due.put(s.name(), clock.instant()));
    while (closed.getCount() > 0) {
      for (final Source source : sources) {
        if (closed.getCount() == 0) {
          return;
        }
        final Instant now = clock.instant();
        if (!now.isBefore(due.get(source.name()))) {
          due.put(source.name(), now.plus(intervals.getOrDefault(source.name(), Duration.ofHours(6))));
          runSource(source);
        }
      }
      final Instant next = due.values().stream().min(Instant::compareTo).orElse(clock.instant().plusSeconds(60));
      final long waitMs = Math.max(0, Duration.between(clock.instant(), next).toMillis());
      LOG.info("Next source pass in {} s", waitMs / 1000);
      try {
        if (closed.await(waitMs, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (final InterruptedException e) {
        if (closed.getCount() > 0) {
          Thread.currentThread().interrupt();
        }
        return;
      }
    }
  }

  /** Stops {@link #run()} (or a {@link #runOnce()} in progress, after its current request); idempotent. */
  @Override
  public void close() {
    closed.countDown();
    final Thread t = runner;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    } else if (t != null) {
      // Closed from a listener on the running thread: stop at the next batch or wait.
      Thread.currentThread().interrupt();
    }
  }

  private SourceResult runSource(final Source source) {
    final String name = source.name();
    final Instant start = clock.instant();
    final Cursor cursor;
    try {
      cursor = cursors.load(name);
    } catch (final RuntimeException e) {
      LOG.error("{}: cannot read its cursor: {}", name, e.getMessage());
      return finish(new SourceResult(name, SourceResult.Outcome.FAILED, 0, 0, 0,
          "cannot read the cursor: " + e.getMessage(), Duration.ZERO, Cursor.EMPTY));
    }
    LOG.info("{}: pass starts from {}", name, cursor.isEmpty() ? "the beginning" : cursor);
    listener.onSourceStarted(name, cursor);
    final Publisher publisher = new Publisher(name, producer, cursors, topics, clock, cursor,
        p -> listener.onProgress(new SourceProgress(name, p.pages(), p.records(), p.deadLetters())));
    SourceResult.Outcome outcome = SourceResult.Outcome.COMPLETED;
    String error = null;
    runner = Thread.currentThread();
    try {
      source.run(cursor, publisher);
    } catch (final SourceStoppedException e) {
      outcome = SourceResult.Outcome.STOPPED;
      error = e.getMessage();
      LOG.warn("{}: pass stopped early: {}", name, error);
    } catch (final FetchException e) {
      outcome = SourceResult.Outcome.FAILED;
      error = e.getMessage();
      LOG.error("{}: pass failed: {}", name, error);
    } catch (final InterruptedException | InterruptException e) {
      outcome = SourceResult.Outcome.INTERRUPTED;
      error = "interrupted";
      LOG.warn("{}: pass interrupted; the next one resumes from {}", name, publisher.lastCursor());
    } catch (final RuntimeException e) {
      outcome = closed.getCount() == 0 && isInterruption(e) ? SourceResult.Outcome.INTERRUPTED : SourceResult.Outcome.FAILED;
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.error("{}: pass failed: {}", name, error, e);
    } finally {
      runner = null;
      if (closed.getCount() == 0) {
        // Our own close() interrupted this thread: the interrupt has done its job.
        Thread.interrupted();
      }
    }
    if (pages != null && source != pages && !publisher.dois().isEmpty()) {
      pages.offerDois(publisher.dois());
    }
    return finish(new SourceResult(name, outcome, publisher.pages(), publisher.records(), publisher.deadLetters(),
        error, Duration.between(start, clock.instant()), publisher.lastCursor()));
  }

  private SourceResult finish(final SourceResult result) {
    LOG.info("{}", result.describe());
    listener.onSourceFinished(result);
    return result;
  }

  private static boolean isInterruption(final Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof InterruptException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds an {@link IngestService}. Required: {@link #producer} and {@link #cursors}. Defaults: no
   * listener, the system clock and sleeper, the sources the settings enable.
   */
  public static final class Builder {
    private final IngestSettings settings;
    private Producer<String, Object> producer;
    private CursorStore cursors;
    private IngestListener listener = IngestListener.NONE;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private List<Source> sources;
    private Duration defaultInterval = Duration.ofHours(6);

    private Builder(final IngestSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The producer of records and dead letters (Avro values; the caller closes it). */
    public Builder producer(final Producer<String, Object> p) {
      this.producer = p;
      return this;
    }

    /** Where cursors live (the caller closes it). */
    public Builder cursors(final CursorStore c) {
      this.cursors = c;
      return this;
    }

    /** Hears progress. */
    public Builder listener(final IngestListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** Time source: {@code fetchedAt}, "today" of incremental ranges, rate limits, poll schedule. */
    public Builder clock(final Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** How HTTP clients wait for rate limits and backoff. */
    public Builder sleeper(final Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /** Runs these sources instead of the ones the settings enable, each every {@code interval} in {@link #run()}. */
    public Builder sources(final List<Source> list, final Duration interval) {
      this.sources = List.copyOf(list);
      this.defaultInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** The service. */
    public IngestService build() {
      return new IngestService(this);
    }
  }
}
