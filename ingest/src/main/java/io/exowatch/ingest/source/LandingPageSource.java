package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.page.LandingPageParser;
import io.exowatch.ingest.parse.ArticleIds;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.schemas.avro.ArticleRecord;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Article landing pages, parsed by {@link LandingPageParser}: the configured URLs on every pass
 * (conditionally, so unchanged pages cost a 304 and are skipped), then DOIs the other sources found
 * ({@link #offerDois}), each fetched as {@code {doi-resolver}{doi}} and followed through redirects
 * to allowed publisher hosts, at most {@code max-dois-per-run} a pass.
 *
 * <p>Cursor field: {@code pending}, the DOIs still to fetch (at most {@value #MAX_PENDING}; the
 * oldest are dropped with a warning beyond that). Offered DOIs are stored before any is fetched, so
 * a restart does not forget them. Each page is independent: one that cannot be fetched (a 4xx, a
 * host not allowed, over the size limit) or parsed is dead-lettered and the pass goes on; a DOI
 * whose fetch failed transiently (retries exhausted) stays pending for the next pass.
 */
public final class LandingPageSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "pages";
  /** Most DOIs kept pending in the cursor. */
  public static final int MAX_PENDING = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(LandingPageSource.class);

  private final SiteClient client;
  private final IngestSettings.Pages settings;
  private final Clock clock;
  private final Set<String> offered = new LinkedHashSet<>();

  /**
   * A source.
   *
   * @param client the landing-page site client; it must allow the resolver's and the configured URLs' hosts
   * @param settings URLs, resolver, limits
   * @param clock stamps {@code fetchedAt}
   */
  public LandingPageSource(final SiteClient client, final IngestSettings.Pages settings, final Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Queues DOIs (raw or cleaned) for the next pass; ignored unless {@code follow-dois} is on. */
  public void offerDois(final Collection<String> dois) {
    if (!settings.followDois()) {
      return;
    }
    synchronized (offered) {
      for (final String d : dois) {
        ArticleIds.cleanDoi(d).ifPresent(offered::add);
      }
    }
  }

  /** The URL a DOI is fetched at: the resolver followed by the DOI, path-encoded. */
  public URI doiUrl(final String doi) {
    final URI r = settings.doiResolver();
    final String base = r.getPath() == null || r.getPath().isEmpty() ? "/" : r.getPath();
    try {
      return new URI(r.getScheme(), r.getRawAuthority(), (base.endsWith("/") ? base : base + "/") + doi, null, null);
    } catch (final URISyntaxException e) {
      throw new IllegalArgumentException("DOI '" + doi + "' does not make a URL with " + r, e);
    }
  }

  @Override
  public void run(final Cursor cursor, final BatchSink sink) throws InterruptedException {
    final LinkedHashSet<String> pending = new LinkedHashSet<>(cursor.getList("pending"));
    final int before = pending.size();
    synchronized (offered) {
      pending.addAll(offered);
      offered.clear();
    }
    while (pending.size() > MAX_PENDING) {
      final String dropped = pending.iterator().next();
      pending.remove(dropped);
      LOG.warn("{}: more than {} DOIs pending; dropping the oldest, {}", NAME, MAX_PENDING, dropped);
    }
    if (pending.size() != before) {
      sink.accept(Batch.cursorOnly(settings.doiResolver().toString(), pendingCursor(pending)));
    }
    for (final URI url : settings.urls()) {
      sink.accept(page(url, null, pendingCursor(pending), false).orElseThrow());
    }
    final List<String> deferred = new ArrayList<>();
    int fetched = 0;
    for (final String doi : List.copyOf(pending)) {
      if (fetched >= settings.maxDoisPerRun()) {
        break;
      }
      fetched++;
      pending.remove(doi);
      final URI url;
      try {
        url = doiUrl(doi);
      } catch (final IllegalArgumentException e) {
        sink.accept(new Batch(settings.doiResolver().toString(), List.of(), List.of(),
            List.of(Rejected.of("doi:" + doi, settings.doiResolver().toString(), e, null)), pendingCursor(pending)));
        continue;
      }
      final Optional<Batch> batch = page(url, doi, pendingCursor(pending), true);
      if (batch.isEmpty()) {
        deferred.add(doi);
        continue;
      }
      sink.accept(batch.get());
    }
    if (!deferred.isEmpty()) {
      pending.addAll(deferred);
      sink.accept(Batch.cursorOnly(settings.doiResolver().toString(), pendingCursor(pending)));
    }
  }

  /**
   * Fetches and parses one page. Every failure becomes a rejected batch, except a transient fetch
   * failure when {@code deferTransient} is set: then the result is empty and the page waits.
   */
  private Optional<Batch> page(final URI url, final String knownDoi, final Cursor after, final boolean deferTransient)
      throws InterruptedException {
    final String key = knownDoi == null ? null : "doi:" + knownDoi;
    final String shownUrl = Urls.redact(url.toString());
    final Fetched f;
    try {
      f = client.getConditional(url);
    } catch (final BodyTooLargeException e) {
      return Optional.of(rejected(key, shownUrl, e, new String(e.partialBody(), StandardCharsets.UTF_8), after));
    } catch (final FetchException e) {
      if (deferTransient && e.isTransient()) {
        LOG.warn("{}: {} failed for now ({}); it stays pending", NAME, knownDoi, e.getMessage());
        return Optional.empty();
      }
      return Optional.of(rejected(key, shownUrl, e, null, after));
    }
    if (f.notModified()) {
      return Optional.of(Batch.cursorOnly(shownUrl, after));
    }
    final String html = f.text();
    try {
      final ArticleRecord record = LandingPageParser.parse(html, f.finalUrl().toString(), knownDoi, clock.instant());
      return Optional.of(Batch.ofArticles(shownUrl, List.of(record), List.of(), after));
    } catch (final ParseException e) {
      return Optional.of(rejected(key, shownUrl, e, html, after));
    }
  }

  private static Batch rejected(final String key, final String url, final Exception e, final String content,
      final Cursor after) {
    return Batch.ofArticles(url, List.of(), List.of(Rejected.of(key, url, e, content)), after);
  }

  private static Cursor pendingCursor(final Collection<String> pending) {
    return Cursor.EMPTY.withList("pending", List.copyOf(pending));
  }
}
