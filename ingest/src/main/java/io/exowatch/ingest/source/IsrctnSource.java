package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.isrctn.IsrctnPage;
import io.exowatch.ingest.isrctn.IsrctnParseException;
import io.exowatch.ingest.isrctn.IsrctnParser;
import io.exowatch.ingest.parse.RecordFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ISRCTN registry's XML API: {@code GET {base-url}/api/query/format/default?q=...&limit=N}, each
 * response parsed by {@link IsrctnParser}.
 *
 * <p>The API takes only {@code q} and {@code limit}: it has no offset or page parameter. It does
 * filter on the last-edit time inside {@code q} ({@code lastEdited GE ... AND lastEdited LE ...}),
 * so a pass walks time windows of last edits instead of pages: each request asks for
 * {@code (query) AND lastEdited GE <from> AND lastEdited LE <to - 1 ms>} with
 * {@code limit=}{@value #PAGE_SIZE}. When {@code totalCount} says the window holds more trials than
 * came back, the window is narrowed (in proportion, with room to spare) and asked again; after a
 * full window the next one may be twice as long. A one-second window that still holds more is
 * asked for all of its trials in one response (at most {@value #MAX_LIMIT}; beyond that, the
 * missing ones are reported in a dead letter).
 *
 * <p>Cursor fields: {@code since} (an ISO instant; the next pass asks for trials edited from a day
 * before it, so late or clock-skewed edits are not missed), and, in an unfinished pass,
 * {@code from}, {@code to} (the next window) and {@code until} (the end of the pass, fixed to the
 * time it started). A finished pass stores {@code since} = its {@code until}; the first pass starts
 * at {@value #FULL_PASS_START}, before ISRCTN's first registration. A pass makes at most
 * {@code max-pages} requests and leaves its window in the cursor for the next pass.
 */
public final class IsrctnSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "isrctn";

  /** The live site, {@value}. */
  public static final String DEFAULT_BASE_URL = "https://www.isrctn.com";

  /**
   * The default {@code q}, {@value}: a vesicle or secretome term with an MSC term, or the ExoFlo
   * brand (CLASSIFICATION.md), in the API's Lucene-style syntax (quoted phrases, {@code AND},
   * {@code OR}; the search stems words).
   */
  public static final String DEFAULT_QUERY = "((exosome OR exosomes OR \"extracellular vesicle\""
      + " OR \"extracellular vesicles\" OR microvesicles OR secretome OR \"conditioned medium\""
      + " OR \"conditioned media\") AND (mesenchymal OR stromal OR \"stem cell\" OR \"stem cells\"))"
      + " OR ExoFlo";

  /** Trials asked for in one response (about 1.8 MB of XML). */
  public static final int PAGE_SIZE = 100;

  /** The most trials asked for in one response, for a one-second window holding more than a page. */
  public static final int MAX_LIMIT = 1000;

  /** Where the first pass starts: {@value}. */
  public static final String FULL_PASS_START = "2000-01-01T00:00:00Z";

  /** How far before the stored {@code since} a pass starts. */
  public static final Duration OVERLAP = Duration.ofDays(1);

  private static final Duration SMALLEST_WINDOW = Duration.ofSeconds(1);
  private static final DateTimeFormatter API_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(IsrctnSource.class);

  private final SiteClient client;
  private final IngestSettings.Registry settings;
  private final Clock clock;

  /**
   * A source.
   *
   * @param client the ISRCTN site client
   * @param settings base URL, query, requests a pass ({@code max-pages})
   * @param clock the end of a pass and {@code fetchedAt}
   */
  public IsrctnSource(final SiteClient client, final IngestSettings.Registry settings, final Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The {@code q} of the window [{@code from}, {@code to}). */
  public String q(final Instant from, final Instant to) {
    return "(" + settings.query() + ") AND lastEdited GE " + API_TIME.format(from)
        + " AND lastEdited LE " + API_TIME.format(to.minusMillis(1));
  }

  @Override
  public void run(final Cursor cursor, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final Instant since = instant(cursor, "since");
    final Instant until = orElse(instant(cursor, "until"), clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Instant from = orElse(instant(cursor, "from"),
        since == null ? Instant.parse(FULL_PASS_START) : since.minus(OVERLAP));
    Instant to = min(orElse(instant(cursor, "to"), until), until);
    if (!to.isAfter(from)) {
      to = until;
    }
    int limit = PAGE_SIZE;
    for (int requests = 0; from.isBefore(until); requests++) {
      if (requests == settings.maxPages()) {
        LOG.info("{}: made {} requests (sources.{}.max-pages); the next pass goes on from {}", NAME, requests, NAME,
            from);
        return;
      }
      final URI url = url(from, to, limit);
      final IsrctnPage page = fetch(url, sink);
      if (requests == 0) {
        LOG.info("{}: {} trials edited in [{}, {})", NAME, page.totalCount(), from, to);
      }
      final List<Rejected> rejected = new ArrayList<>();
      if (page.totalCount() > page.size()) {
        final Duration window = Duration.between(from, to);
        if (window.compareTo(SMALLEST_WINDOW) > 0) {
          to = from.plus(narrowed(window, page));
          sink.accept(Batch.cursorOnly(Urls.redact(url.toString()), inPass(since, from, to, until)));
          continue;
        }
        if (limit < page.totalCount() && limit < MAX_LIMIT) {
          limit = Math.min(page.totalCount(), MAX_LIMIT);
          continue;
        }
        rejected.add(new Rejected(null, Urls.redact(url.toString()), (page.totalCount() - page.size())
            + " trials edited within one second (" + from + ") were not fetched: the response held " + page.size()
            + " of " + page.totalCount(), null, null));
      }
      for (final RecordFailure f : page.failures()) {
        rejected.add(new Rejected(f.key(), Urls.redact(url.toString()), f.reason(), f.errorClass(), f.content()));
      }
      final Duration done = Duration.between(from, to);
      final Cursor after = to.isBefore(until) ? inPass(since, to, min(to.plus(done.multipliedBy(2)), until), until)
          : Cursor.EMPTY.with("since", until.toString());
      sink.accept(Batch.ofTrials(Urls.redact(url.toString()), page.records(), rejected, after));
      from = to;
      to = min(from.plus(done.multipliedBy(2)), until);
      limit = PAGE_SIZE;
    }
  }

  private IsrctnPage fetch(final URI url, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final Fetched fetched;
    try {
      fetched = client.get(url, Map.of("Accept", "application/xml, text/xml"));
    } catch (final BodyTooLargeException e) {
      sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e,
          new String(e.partialBody(), StandardCharsets.UTF_8))));
      throw new SourceStoppedException(NAME + ": a response was over the size limit; raise http.max-body-bytes", e);
    }
    try {
      return IsrctnParser.parse(fetched.text(), clock.instant());
    } catch (final IsrctnParseException e) {
      sink.accept(Batch.rejectedOnly(new Rejected(null, Urls.redact(url.toString()), e.getMessage(),
          e.getClass().getName(), fetched.text())));
      throw new SourceStoppedException(NAME + ": a response could not be read (" + e.getMessage()
          + "); it was dead-lettered and the next pass asks again", e);
    }
  }

  /** A window that should hold about three quarters of a page, given how many the too-long one held. */
  private static Duration narrowed(final Duration window, final IsrctnPage page) {
    final long millis = window.toMillis() * page.size() * 3 / (4L * page.totalCount());
    return Duration.ofMillis(Math.max(SMALLEST_WINDOW.toMillis(), Math.min(millis, window.toMillis() / 2)));
  }

  private static Cursor inPass(final Instant since, final Instant from, final Instant to, final Instant until) {
    return Cursor.EMPTY.with("since", since == null ? null : since.toString()).with("from", from.toString())
        .with("to", to.toString()).with("until", until.toString());
  }

  private URI url(final Instant from, final Instant to, final int limit) {
    final Map<String, String> params = new LinkedHashMap<>();
    params.put("q", q(from, to));
    params.put("limit", Integer.toString(limit));
    return Urls.build(settings.baseUrl(), "/api/query/format/default", params);
  }

  private static Instant instant(final Cursor cursor, final String field) {
    final String value = cursor.get(field).orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (final DateTimeParseException e) {
      LOG.warn("{}: ignoring the cursor's {} '{}': not an ISO instant", NAME, field, value);
      return null;
    }
  }

  private static Instant orElse(final Instant value, final Instant fallback) {
    return value != null ? value : fallback;
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
