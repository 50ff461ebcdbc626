package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovParseException;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
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
 * ClinicalTrials.gov API v2: {@code GET {base-url}/studies?format=json&query.term=...&pageSize=...}
 * following {@code nextPageToken}, each page parsed by {@link CtGovStudyParser}.
 *
 * <p>Cursor fields: {@code since} (an ISO date; a pass adds
 * {@code AREA[LastUpdatePostDate]RANGE[since,MAX]} to the query, so only studies updated since then
 * come back), {@code pageToken} (the next page of an unfinished pass) and {@code maxSeen} (the latest
 * {@code lastUpdatePosted} of the unfinished pass). A finished pass stores {@code since} = the latest
 * {@code lastUpdatePosted} seen (the range is inclusive, so studies posted later that day are still
 * found next time). A stored page token the API no longer accepts (400) restarts the pass from
 * {@code since}: some studies are fetched twice, none is missed.
 */
public final class CtGovSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "ctgov";

  private static final Logger LOG = LoggerFactory.getLogger(CtGovSource.class);

  private final SiteClient client;
  private final IngestSettings.CtGov settings;
  private final CtGovStudyParser parser;
  private final Clock clock;

  /**
   * A source.
   *
   * @param client the ClinicalTrials.gov site client
   * @param settings base URL, query, page size
   * @param parser the study parser
   * @param clock stamps {@code fetchedAt}
   */
  public CtGovSource(final SiteClient client, final IngestSettings.CtGov settings, final CtGovStudyParser parser,
      final Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The {@code query.term} of a pass starting from {@code since} (an ISO date, or {@code null}). */
  public String term(final String since) {
    return since == null ? settings.query()
        : "(" + settings.query() + ") AND AREA[LastUpdatePostDate]RANGE[" + since + ",MAX]";
  }

  @Override
  public void run(final Cursor cursor, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final String since = cursor.get("since").orElse(null);
    String token = cursor.get("pageToken").orElse(null);
    String maxSeen = cursor.get("maxSeen").orElse(null);
    boolean resumed = token != null;
    int page = 0;
    while (true) {
      final URI url = pageUrl(since, token);
      final Fetched fetched;
      try {
        fetched = client.get(url, Map.of("Accept", "application/json"));
      } catch (final HttpStatusException e) {
        if (resumed && e.status() == 400) {
          LOG.warn("{}: the stored page token was refused ({}); restarting the pass from since={}", NAME,
              e.getMessage(), since);
          resumed = false;
          token = null;
          maxSeen = null;
          continue;
        }
        throw e;
      } catch (final BodyTooLargeException e) {
        sink.accept(Batch.rejectedOnly(Rejected.of(null, Urls.redact(url.toString()), e,
            new String(e.partialBody(), StandardCharsets.UTF_8))));
        throw new SourceStoppedException(NAME + ": page " + (page + 1) + " over the size limit; "
            + "lower sources.ctgov.page-size or raise http.max-body-bytes", e);
      }
      resumed = false;
      page++;
      final CtGovPage parsed;
      try {
        parsed = parser.parsePage(fetched.text(), clock.instant());
      } catch (final CtGovParseException e) {
        sink.accept(Batch.rejectedOnly(new Rejected(null, Urls.redact(url.toString()), e.reason(),
            e.getClass().getName(), fetched.text())));
        throw new SourceStoppedException(NAME + ": page " + page + " could not be parsed (" + e.reason()
            + "); it was dead-lettered and the next pass resumes from it", e);
      }
      maxSeen = latest(maxSeen, parsed.records());
      final List<Rejected> rejected = new ArrayList<>();
      for (final CtGovPage.Failure f : parsed.failures()) {
        rejected.add(new Rejected(f.nctId(), Urls.redact(url.toString()), f.describe(),
            CtGovParseException.class.getName(), f.json()));
      }
      final String next = parsed.nextPageToken().filter(t -> !t.isBlank()).orElse(null);
      final Cursor after = next != null
          ? Cursor.EMPTY.with("since", since).with("pageToken", next).with("maxSeen", maxSeen)
          : Cursor.EMPTY.with("since", maxSeen != null ? maxSeen : since);
      if (page == 1) {
        parsed.totalCount().ifPresent(n -> LOG.info("{}: {} studies match (since {})", NAME, n, since));
      }
      sink.accept(Batch.ofTrials(Urls.redact(url.toString()), parsed.records(), rejected, after));
      if (next == null) {
        return;
      }
      if (next.equals(token)) {
        throw new SourceStoppedException(NAME + ": the API returned the same page token twice (" + next + ")", null);
      }
      token = next;
    }
  }

  private URI pageUrl(final String since, final String token) {
    final Map<String, String> q = new LinkedHashMap<>();
    q.put("format", "json");
    q.put("query.term", term(since));
    q.put("pageSize", Integer.toString(settings.pageSize()));
    if (token == null) {
      q.put("countTotal", "true");
    }
    q.put("pageToken", token);
    return Urls.build(settings.baseUrl(), "/studies", q);
  }

  /** The later of {@code current} and every record's {@code lastUpdatePosted} (ISO dates compare as text). */
  private static String latest(final String current, final List<TrialRecord> records) {
    String max = current;
    for (final TrialRecord r : records) {
      final String d = r.getLastUpdatePosted();
      if (d != null && d.matches("\\d{4}-\\d{2}-\\d{2}") && (max == null || d.compareTo(max) > 0)) {
        max = d;
      }
    }
    return max;
  }
}
