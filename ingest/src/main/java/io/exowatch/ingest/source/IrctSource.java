package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.irct.IrctParseException;
import io.exowatch.ingest.irct.IrctSearchPage;
import io.exowatch.ingest.irct.IrctSearchParser;
import io.exowatch.ingest.irct.IrctTrialParser;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iranian Registry of Clinical Trials: its search results pages
 * {@code GET {base-url}/search/result?query=...&filters=...&page=n} (HTML, {@value #PER_PAGE} results
 * a page) give the site's numeric trial ids, and each trial's XML {@code GET {base-url}/trial/{n}/xml}
 * is parsed by {@link IrctTrialParser}. The search is the only discovery: IRCT has no API and no
 * "changed since" filter, so every pass reads the results again.
 *
 * <p>One batch per results page: the records of its trials, plus a dead letter for each trial whose
 * XML could not be fetched for good (404 and other 4xx, a body over the limit) or parsed. A results
 * page that cannot be parsed (an error page, a changed layout) is dead-lettered and stops the pass;
 * a trial whose fetch still fails after the client's retries (5xx, I/O) ends the pass with that
 * failure, so its page is read again next time.
 *
 * <p>Cursor field: {@code page}, the next results page of an unfinished pass. A pass reads at most
 * {@code max-pages} pages and leaves {@code page} for the next pass; a finished pass stores the empty
 * cursor, so the next pass starts over at page 1.
 */
public final class IrctSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "irct";

  /**
   * The live site, {@value}. (The older hosts {@code www.irct.ir} and {@code en.irct.ir} serve the
   * same paths.)
   */
  public static final String DEFAULT_BASE_URL = "https://irct.behdasht.gov.ir";

  /**
   * The default search, {@value}: IRCT's search box takes plain words, not a boolean syntax, and
   * MSC-derived vesicle trials registered there name exosomes; the enrich step sorts out the rest.
   */
  public static final String DEFAULT_QUERY = "exosome";

  /** Results a search page holds (IRCT's largest page). */
  public static final int PER_PAGE = 100;

  private static final String FILTERS = "{\"perPage\":\"" + PER_PAGE
      + "\",\"sortBy\":\"relevance\",\"displayFormat\":\"brief\",\"selected\":[]}";
  private static final Logger LOG = LoggerFactory.getLogger(IrctSource.class);

  private final SiteClient client;
  private final IngestSettings.Registry settings;
  private final Clock clock;

  /**
   * A source.
   *
   * @param client the IRCT site client
   * @param settings base URL, query, pages a pass
   * @param clock stamps {@code fetchedAt}
   */
  public IrctSource(final SiteClient client, final IngestSettings.Registry settings, final Clock clock) {
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
    int page = (int) Math.max(1, Math.min(cursor.getLong("page", 1), 1_000_000));
    final Set<Long> seen = new HashSet<>();
    List<Long> previous = null;
    for (int read = 0; read < settings.maxPages(); read++) {
      final URI url = searchUrl(page);
      final IrctSearchPage results = searchPage(url, page, sink);
      if (previous != null && !results.trialNumbers().isEmpty() && results.trialNumbers().equals(previous)) {
        throw new SourceStoppedException(NAME + ": page " + page + " lists the same trials as page " + (page - 1)
            + "; the site ignores the page parameter", null);
      }
      final List<TrialRecord> records = new ArrayList<>();
      final List<Rejected> rejected = new ArrayList<>();
      for (final long n : results.trialNumbers()) {
        if (seen.add(n)) {
          fetchTrial(n, records, rejected);
        }
      }
      final boolean last = isLast(page, results);
      if (read == 0) {
        results.totalCount().ifPresent(total -> LOG.info("{}: {} trials match '{}'", NAME, total, settings.query()));
      }
      sink.accept(Batch.ofTrials(Urls.redact(url.toString()), records, rejected,
          last ? Cursor.EMPTY : Cursor.EMPTY.with("page", Integer.toString(page + 1))));
      if (last) {
        return;
      }
      previous = results.trialNumbers();
      page++;
    }
    LOG.info("{}: read {} result pages (sources.{}.max-pages); the next pass goes on at page {}", NAME,
        settings.maxPages(), NAME, page);
  }

  private IrctSearchPage searchPage(final URI url, final int page, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final Fetched fetched;
    try {
      fetched = client.get(url, Map.of("Accept", "text/html"));
    } catch (final BodyTooLargeException e) {
      sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e,
          new String(e.partialBody(), StandardCharsets.UTF_8))));
      throw new SourceStoppedException(NAME + ": results page " + page + " over the size limit", e);
    }
    try {
      return IrctSearchParser.parse(fetched.text());
    } catch (final IrctParseException e) {
      sink.accept(Batch.rejectedOnly(new Rejected(null, Urls.redact(url.toString()), e.getMessage(),
          e.getClass().getName(), fetched.text())));
      throw new SourceStoppedException(NAME + ": results page " + page + " could not be read (" + e.getMessage()
          + "); it was dead-lettered and the next pass resumes from it", e);
    }
  }

  /** Fetches and parses one trial's XML into {@code records}; what cannot be had for good goes to {@code rejected}. */
  private void fetchTrial(final long n, final List<TrialRecord> records, final List<Rejected> rejected)
      throws FetchException, InterruptedException {
    final URI xmlUrl = Urls.build(settings.baseUrl(), "/trial/" + n + "/xml", Map.of());
    final String at = xmlUrl.toString();
    final Fetched fetched;
    try {
      fetched = client.get(xmlUrl, Map.of("Accept", "application/xml, text/xml"));
    } catch (final BodyTooLargeException e) {
      rejected.add(Rejected.of(null, at, e, new String(e.partialBody(), StandardCharsets.UTF_8)));
      return;
    } catch (final FetchException e) {
      if (e.isTransient()) {
        throw e;
      }
      rejected.add(Rejected.of(null, at, e, null));
      return;
    }
    try {
      final Parsed<TrialRecord> parsed = IrctTrialParser.parse(fetched.text(),
          Urls.build(settings.baseUrl(), "/trial/" + n, Map.of()).toString(), clock.instant());
      records.addAll(parsed.records());
      for (final RecordFailure f : parsed.failures()) {
        rejected.add(new Rejected(f.key(), at, f.reason(), f.errorClass(), f.content()));
      }
    } catch (final IrctParseException e) {
      rejected.add(new Rejected(null, at, e.getMessage(), e.getClass().getName(), fetched.text()));
    }
  }

  /** Whether {@code page} is the last: it is empty, or the pagination or the count says so. */
  private static boolean isLast(final int page, final IrctSearchPage results) {
    if (results.trialNumbers().isEmpty()) {
      return true;
    }
    if (results.lastPage().isPresent()) {
      return page >= results.lastPage().getAsInt();
    }
    return results.totalCount().isPresent() && (long) page * PER_PAGE >= results.totalCount().getAsInt();
  }

  private URI searchUrl(final int page) {
    final Map<String, String> q = new LinkedHashMap<>();
    q.put("query", settings.query());
    q.put("filters", FILTERS);
    q.put("page", Integer.toString(page));
    return Urls.build(settings.baseUrl(), "/search/result", q);
  }
}
