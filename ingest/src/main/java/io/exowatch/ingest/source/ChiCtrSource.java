package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.chictr.ChiCtrParseException;
import io.exowatch.ingest.chictr.ChiCtrProjectParser;
import io.exowatch.ingest.chictr.ChiCtrSearchPage;
import io.exowatch.ingest.chictr.ChiCtrSearchParser;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chinese Clinical Trial Registry (ChiCTR): {@code GET {base-url}/searchproj.html?title=...&btngo=btn&page=n}
 * (the parameters the site's own search form and pager send), parsed by {@link ChiCtrSearchParser};
 * then each listed project page {@code {base-url}/showproj.html?proj=NNNNNN}, parsed by
 * {@link ChiCtrProjectParser}. One batch per results page: its records, its dead letters, and the
 * cursor of the next page.
 *
 * <p>Cursor fields: {@code page} (the next results page of an unfinished pass) and, after a finished
 * pass, {@code lastFullPass} (when it ended). The site offers no "updated since" search, so every
 * pass reads the whole result list again; a stored {@code page} resumes there. The list is newest
 * registration first, so registrations made during a pass push results down: a resumed page may
 * repeat some, but none is skipped. A pass reads at most {@code max-pages} results pages; when it
 * stops at that bound the cursor holds the next page and the next pass goes on from it.
 *
 * <p>Failures: a results page that cannot be read (unknown layout, the site's firewall page, over
 * the size limit) is dead-lettered with its URL and the pass stops at it; a project page that cannot
 * be read, is over the size limit or is gone (404/410) is dead-lettered as one record and the pass
 * goes on. Other HTTP failures end the pass with the cursor at the current results page.
 *
 * <p>The live site sits behind Alibaba Cloud WAF, which may answer automated clients with a
 * JavaScript challenge or HTTP 405; such answers become dead letters or a failed pass that name the
 * firewall, they are not worked around.
 */
public final class ChiCtrSource implements Source {

  /** The source's name, cursor key and settings name. */
  public static final String NAME = "chictr";

  /** The live registry: {@value}. */
  public static final String DEFAULT_BASE_URL = "https://www.chictr.org.cn";

  /**
   * The default search: {@value}. The site's search matches text in registration titles, and ChiCTR
   * titles are bilingual: every registration from mainland China and Taiwan must carry an English
   * title beside the Chinese one, and registrations from Hong Kong and abroad may be English only. An
   * English term therefore reaches every registration, where {@code 外泌体} would miss the
   * English-only ones; {@code exosome} also matches inside {@code exosomes} and
   * {@code exosome-derived}. The enrich step tells MSC-exosome therapies from the rest.
   */
  public static final String DEFAULT_QUERY = "exosome";

  private static final Logger LOG = LoggerFactory.getLogger(ChiCtrSource.class);
  private static final Map<String, String> ACCEPT_HTML = Map.of("Accept", "text/html");

  private final SiteClient client;
  private final IngestSettings.Registry settings;
  private final Clock clock;
  private final ChiCtrSearchParser searchParser = new ChiCtrSearchParser();
  private final ChiCtrProjectParser projectParser = new ChiCtrProjectParser();

  /**
   * A source.
   *
   * @param client the ChiCTR site client
   * @param settings base URL, query, pages per pass
   * @param clock stamps {@code fetchedAt}
   */
  public ChiCtrSource(final SiteClient client, final IngestSettings.Registry settings, final Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(final Cursor cursor, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    int page = (int) Math.max(1, Math.min(Integer.MAX_VALUE, cursor.getLong("page", 1)));
    List<String> previous = null;
    for (int read = 0; read < settings.maxPages(); read++) {
      final URI url = searchUrl(page);
      final String shown = Urls.redact(url.toString());
      final String body = fetchResults(url, sink, page);
      final ChiCtrSearchPage results;
      try {
        results = searchParser.parse(body);
      } catch (final ChiCtrParseException e) {
        sink.accept(Batch.rejectedOnly(new Rejected(null, shown, e.getMessage(), e.getClass().getName(), body)));
        throw new SourceStoppedException(NAME + ": results page " + page + " could not be read (" + e.getMessage()
            + "); it was dead-lettered and the next pass resumes from it", e);
      }
      if (read == 0) {
        LOG.info("{}: {} registrations match '{}', reading from page {}", NAME,
            results.total() == null ? "an unstated number of" : results.total(), settings.query(), page);
      }
      final List<String> ids = results.results().stream().map(ChiCtrSearchPage.Result::projectId).toList();
      if (previous != null && !ids.isEmpty() && ids.equals(previous)) {
        throw new SourceStoppedException(NAME + ": results page " + page + " lists the same projects as page "
            + (page - 1) + "; the site ignored the page parameter", null);
      }
      previous = ids;
      final boolean more = hasNext(page, results);
      final Cursor after = more ? Cursor.EMPTY.with("page", Integer.toString(page + 1))
          : Cursor.EMPTY.with("lastFullPass", clock.instant().toString());
      sink.accept(projects(shown, results, after));
      if (!more) {
        return;
      }
      page++;
    }
    LOG.info("{}: read {} results pages (sources.{}.max-pages); the next pass goes on at page {}", NAME,
        settings.maxPages(), NAME, page);
  }

  /** Whether a results page follows {@code page}: by the stated total, else by a full page. */
  static boolean hasNext(final int page, final ChiCtrSearchPage results) {
    if (results.rows() == 0) {
      return false;
    }
    if (results.total() != null) {
      return (long) page * ChiCtrSearchParser.RESULTS_PER_PAGE < results.total();
    }
    return results.rows() >= ChiCtrSearchParser.RESULTS_PER_PAGE;
  }

  /** The batch of one results page: every listed project fetched and parsed, failures as dead letters. */
  private Batch projects(final String resultsUrl, final ChiCtrSearchPage results, final Cursor after)
      throws FetchException, InterruptedException {
    final List<TrialRecord> records = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    for (final RecordFailure f : results.failures()) {
      rejected.add(new Rejected(f.key(), resultsUrl, f.reason(), f.errorClass(), f.content()));
    }
    for (final ChiCtrSearchPage.Result r : results.results()) {
      final URI url = projectUrl(r.projectId());
      final String shown = Urls.redact(url.toString());
      final String key = r.registrationNumber();
      final String html;
      try {
        html = client.get(url, ACCEPT_HTML).text();
      } catch (final BodyTooLargeException e) {
        rejected.add(Rejected.of(key, shown, e, new String(e.partialBody(), StandardCharsets.UTF_8)));
        continue;
      } catch (final HttpStatusException e) {
        if (e.status() != 404 && e.status() != 410) {
          throw e;
        }
        rejected.add(Rejected.of(key, shown, e, e.bodySnippet()));
        continue;
      }
      try {
        records.add(projectParser.parse(html, shown, clock.instant()));
      } catch (final ChiCtrParseException e) {
        rejected.add(new Rejected(key, shown, e.getMessage(), e.getClass().getName(), html));
      }
    }
    return Batch.ofTrials(resultsUrl, records, rejected, after);
  }

  private String fetchResults(final URI url, final BatchSink sink, final int page)
      throws FetchException, SourceStoppedException, InterruptedException {
    try {
      return client.get(url, ACCEPT_HTML).text();
    } catch (final BodyTooLargeException e) {
      sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e,
          new String(e.partialBody(), StandardCharsets.UTF_8))));
      throw new SourceStoppedException(NAME + ": results page " + page + " is over the size limit; "
          + "raise http.max-body-bytes", e);
    }
  }

  /** {@code {base}/searchproj.html?title={query}&btngo=btn&page={page}}. */
  public URI searchUrl(final int page) {
    final Map<String, String> q = new LinkedHashMap<>();
    q.put("title", settings.query());
    q.put("btngo", "btn");
    q.put("page", Integer.toString(page));
    return Urls.build(settings.baseUrl(), "/searchproj.html", q);
  }

  /** {@code {base}/showproj.html?proj={projectId}}. */
  public URI projectUrl(final String projectId) {
    return Urls.build(settings.baseUrl(), "/showproj.html", Map.of("proj", projectId));
  }
}
