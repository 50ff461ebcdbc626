package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.ingest.pubmed.ESearchResult;
import io.exowatch.ingest.pubmed.PubMedParser;
import io.exowatch.schemas.avro.ArticleRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PubMed E-utilities: {@code esearch.fcgi} with {@code usehistory=y} and a date range, then
 * {@code efetch.fcgi} XML in batches of {@code batch-size} from the history server.
 *
 * <p>Cursor fields: {@code since} and {@code until} (dates {@code yyyy/MM/dd}; the pass searches
 * {@code datetype} between them, inclusive) and {@code retstart} (the next batch of an unfinished
 * pass). A pass without {@code until} fixes it to today (UTC) so the result set stays put while
 * paging; a resumed pass searches again with the same range (the WebEnv of a stopped pass may have
 * expired) and goes on at {@code retstart}. A finished pass stores {@code since} = its
 * {@code until}, so the next one overlaps by a day and misses nothing entered late that day.
 *
 * <p>A batch that cannot be parsed is dead-lettered whole and the pass goes on with the next
 * batch: its PMIDs are in the dead letter, so nothing is lost. A failed esearch stops the pass.
 */
public final class PubMedSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "pubmed";

  private static final Logger LOG = LoggerFactory.getLogger(PubMedSource.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final String EPOCH = "1800/01/01";

  private final SiteClient client;
  private final IngestSettings.PubMed settings;
  private final Clock clock;

  /**
   * A source.
   *
   * @param client the E-utilities site client
   * @param settings base URL, query, batch size, API key, date type
   * @param clock today's date and {@code fetchedAt}
   */
  public PubMedSource(final SiteClient client, final IngestSettings.PubMed settings, final Clock clock) {
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
    final String since = cursor.get("since").orElse(null);
    final String until = cursor.get("until").orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(DAY));
    long retstart = Math.max(0, cursor.getLong("retstart", 0));

    final URI searchUrl = searchUrl(since, until);
    final String searchBody = fetch(searchUrl, sink).text();
    final ESearchResult search;
    try {
      search = PubMedParser.parseSearch(searchBody);
    } catch (final ParseException e) {
      throw stop(sink, searchUrl, e, searchBody, "esearch answer could not be read");
    }
    if (!search.hasHistory() && search.count() > 0) {
      throw stop(sink, searchUrl, new ParseException(ParseException.Kind.MISSING_FIELD,
          "esearch answer has no WebEnv/QueryKey although usehistory=y"), searchBody, "esearch answer could not be used");
    }
    LOG.info("{}: {} articles match ({} to {}), starting at {}", NAME, search.count(), since == null ? "start" : since,
        until, retstart);
    final Cursor finished = Cursor.EMPTY.with("since", until);
    if (retstart >= search.count()) {
      sink.accept(Batch.cursorOnly(Urls.redact(searchUrl.toString()), finished));
      return;
    }
    while (retstart < search.count()) {
      final URI fetchUrl = fetchUrl(search, retstart);
      final long next = retstart + settings.batchSize();
      final Cursor after = next >= search.count() ? finished
          : Cursor.EMPTY.with("since", since).with("until", until).with("retstart", Long.toString(next));
      final String body = fetch(fetchUrl, sink).text();
      final String shownUrl = Urls.redact(fetchUrl.toString());
      try {
        final Parsed<ArticleRecord> parsed = PubMedParser.parseArticles(body, clock.instant(), shownUrl);
        final List<Rejected> rejected = new ArrayList<>();
        for (final RecordFailure f : parsed.failures()) {
          rejected.add(new Rejected(f.key(), shownUrl, f.reason(), f.errorClass(), f.content()));
        }
        sink.accept(Batch.ofArticles(shownUrl, parsed.records(), rejected, after));
      } catch (final ParseException e) {
        LOG.warn("{}: efetch batch at {} could not be parsed ({}); dead-lettered, going on", NAME, retstart,
            e.getMessage());
        sink.accept(Batch.ofArticles(shownUrl, List.of(), List.of(Rejected.of(null, shownUrl, e, body)), after));
      }
      retstart = next;
    }
  }

  private Fetched fetch(final URI url, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    try {
      return client.get(url);
    } catch (final BodyTooLargeException e) {
      sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e,
          new String(e.partialBody(), StandardCharsets.UTF_8))));
      throw new SourceStoppedException(NAME + ": response over the size limit; lower sources.pubmed.batch-size "
          + "or raise http.max-body-bytes", e);
    }
  }

  private static SourceStoppedException stop(final BatchSink sink, final URI url, final ParseException e,
      final String body, final String what) throws InterruptedException {
    sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e, body)));
    return new SourceStoppedException(NAME + ": " + what + ": " + e.getMessage(), e);
  }

  private URI searchUrl(final String since, final String until) {
    final Map<String, String> q = params();
    q.put("term", settings.query());
    q.put("usehistory", "y");
    q.put("retmax", "0");
    q.put("sort", "pub_date");
    q.put("datetype", settings.dateType());
    q.put("mindate", since == null ? EPOCH : since);
    q.put("maxdate", until);
    return Urls.build(settings.baseUrl(), "/esearch.fcgi", q);
  }

  private URI fetchUrl(final ESearchResult search, final long retstart) {
    final Map<String, String> q = params();
    q.put("query_key", search.queryKey());
    q.put("WebEnv", search.webEnv());
    q.put("retstart", Long.toString(retstart));
    q.put("retmax", Integer.toString(settings.batchSize()));
    q.put("retmode", "xml");
    return Urls.build(settings.baseUrl(), "/efetch.fcgi", q);
  }

  private Map<String, String> params() {
    final Map<String, String> q = new LinkedHashMap<>();
    q.put("db", "pubmed");
    q.put("tool", "exowatch");
    if (!settings.apiKey().isEmpty()) {
      q.put("api_key", settings.apiKey());
    }
    return q;
  }
}
