package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.europepmc.EuropePmcPage;
import io.exowatch.ingest.europepmc.EuropePmcParser;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.RecordFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Europe PMC REST: {@code GET {base-url}/search?query=...&format=json&resultType=core&pageSize=...&cursorMark=...}
 * from {@code cursorMark=*}, until a page is empty or its {@code nextCursorMark} repeats.
 *
 * <p>Cursor fields: {@code since} and {@code until} (ISO dates; the pass adds
 * {@code UPDATE_DATE:[since TO until]} to the query) and {@code cursorMark} (the next page of an
 * unfinished pass). A pass without {@code until} fixes it to today (UTC); a finished pass stores
 * {@code since} = its {@code until} (inclusive ranges: a day of overlap, no gap).
 */
public final class EuropePmcSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "europepmc";

  private static final String EPOCH = "1800-01-01";

  private final SiteClient client;
  private final IngestSettings.EuropePmc settings;
  private final Clock clock;

  /**
   * A source.
   *
   * @param client the Europe PMC site client
   * @param settings base URL, query, page size
   * @param clock today's date and {@code fetchedAt}
   */
  public EuropePmcSource(final SiteClient client, final IngestSettings.EuropePmc settings, final Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The search query of a pass over {@code [since, until]}. */
  public String query(final String since, final String until) {
    return "(" + settings.query() + ") AND UPDATE_DATE:[" + (since == null ? EPOCH : since) + " TO " + until + "]";
  }

  @Override
  public void run(final Cursor cursor, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final String since = cursor.get("since").orElse(null);
    final String until = cursor.get("until").orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
    String mark = cursor.get("cursorMark").orElse("*");
    int page = 0;
    while (true) {
      final URI url = pageUrl(query(since, until), mark);
      final String shownUrl = Urls.redact(url.toString());
      final Fetched fetched;
      try {
        fetched = client.get(url, Map.of("Accept", "application/json"));
      } catch (final BodyTooLargeException e) {
        sink.accept(Batch.rejectedOnly(Rejected.of(null, shownUrl, e, new String(e.partialBody(), StandardCharsets.UTF_8))));
        throw new SourceStoppedException(NAME + ": page " + (page + 1) + " over the size limit; lower "
            + "sources.europepmc.page-size or raise http.max-body-bytes", e);
      }
      page++;
      final EuropePmcPage parsed;
      try {
        parsed = EuropePmcParser.parse(fetched.text(), clock.instant());
      } catch (final ParseException e) {
        sink.accept(Batch.rejectedOnly(Rejected.of(null, shownUrl, e, fetched.text())));
        throw new SourceStoppedException(NAME + ": page " + page + " could not be parsed (" + e.getMessage()
            + "); it was dead-lettered and the next pass resumes from it", e);
      }
      final boolean last = parsed.isLast(mark);
      final Cursor after = last ? Cursor.EMPTY.with("since", until)
          : Cursor.EMPTY.with("since", since).with("until", until).with("cursorMark", parsed.nextCursorMark());
      final List<Rejected> rejected = new ArrayList<>();
      for (final RecordFailure f : parsed.failures()) {
        rejected.add(new Rejected(f.key(), shownUrl, f.reason(), f.errorClass(), f.content()));
      }
      sink.accept(Batch.ofArticles(shownUrl, parsed.records(), rejected, after));
      if (last) {
        return;
      }
      mark = parsed.nextCursorMark();
    }
  }

  private URI pageUrl(final String query, final String cursorMark) {
    final Map<String, String> q = new LinkedHashMap<>();
    q.put("query", query);
    q.put("format", "json");
    q.put("resultType", "core");
    q.put("pageSize", Integer.toString(settings.pageSize()));
    q.put("cursorMark", cursorMark);
    return Urls.build(settings.baseUrl(), "/search", q);
  }
}
