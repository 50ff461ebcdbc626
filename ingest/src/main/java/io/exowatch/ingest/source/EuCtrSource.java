package io.exowatch.ingest.source;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.euctr.EuCtrParseException;
import io.exowatch.ingest.euctr.EuCtrParser;
import io.exowatch.ingest.euctr.EuCtrSearchPage;
import io.exowatch.ingest.euctr.MemberStateProtocol;
import io.exowatch.ingest.http.BodyTooLargeException;
import io.exowatch.ingest.http.FetchException;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.http.Urls;
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
 * The EU Clinical Trials Register, page by page of search results (20 trials a page). For page n:
 * <ol>
 *   <li>the search page {@code GET {base-url}/ctr-search/search?query=...&page=n}: the trials listed, their
 *       member states, and whether a page follows;</li>
 *   <li>the full-text download of that page {@code GET {base-url}/ctr-search/rest/download/full?query=...&page=n
 *       &mode=current_page}: every protocol of the page's trials in one response, mapped to one record per
 *       EudraCT number by {@link EuCtrParser};</li>
 *   <li>for a listed trial the download lacks (or every listed trial, when the download is unreadable and was
 *       dead-lettered), its member states' protocol pages {@code GET {base-url}/ctr-search/trial/{number}/{state}}.</li>
 * </ol>
 *
 * <p>Cursor field: {@code page}, the next result page of an unfinished pass. A pass reads at most
 * {@code sources.euctr.max-pages} pages and leaves the next one in the cursor, so the next pass goes on from
 * there. After the last page the cursor is empty and the next pass starts over at page 1: the register has no
 * "changed since" search, so every pass reads the whole result list again (unchanged trials keep their
 * content hash). A search page that cannot be read is dead-lettered and ends the pass with the cursor on it.
 */
public final class EuCtrSource implements Source {

  /** The source's name and cursor key. */
  public static final String NAME = "euctr";

  /** The live site, {@value}. */
  public static final String DEFAULT_BASE_URL = "https://www.clinicaltrialsregister.eu";

  /**
   * The default search, {@value}: vesicle and secretome terms in the register's syntax (quoted phrases,
   * {@code OR}). No MSC term: the register is small (about 44,000 trials) and the enrich step tells MSC
   * products from the rest (CLASSIFICATION.md).
   */
  public static final String DEFAULT_QUERY = "exosome OR exosomes OR \"extracellular vesicle\""
      + " OR \"extracellular vesicles\" OR microvesicles OR secretome OR \"conditioned medium\" OR ExoFlo";

  private static final Logger LOG = LoggerFactory.getLogger(EuCtrSource.class);

  private final SiteClient client;
  private final IngestSettings.Registry settings;
  private final Clock clock;
  private final EuCtrParser parser = new EuCtrParser();

  /**
   * A source.
   *
   * @param client the EU CTR site client
   * @param settings base URL, query, pages a pass ({@code max-pages})
   * @param clock stamps {@code fetchedAt}
   */
  public EuCtrSource(final SiteClient client, final IngestSettings.Registry settings, final Clock clock) {
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
    for (int read = 0; ; read++) {
      if (read == settings.maxPages()) {
        LOG.info("{}: read {} result pages (sources.{}.max-pages); the next pass goes on from page {}", NAME, read,
            NAME, page);
        return;
      }
      final EuCtrSearchPage listing = search(page, sink);
      if (read == 0) {
        LOG.info("{}: {} trials match, reading from page {}", NAME,
            listing.total().isPresent() ? listing.total().getAsInt() : "?", page);
      }
      final List<Rejected> rejected = new ArrayList<>();
      final boolean empty = listing.listings().isEmpty();
      final List<TrialRecord> records = empty ? List.of() : records(page, listing, rejected);
      final boolean last = empty || !listing.hasNextPage();
      final Cursor after = last ? Cursor.EMPTY : Cursor.EMPTY.with("page", Integer.toString(page + 1));
      sink.accept(Batch.ofTrials(shown(empty ? searchUrl(page) : downloadUrl(page)), records, rejected, after));
      if (last) {
        return;
      }
      page++;
    }
  }

  /** The URL of result page {@code page} (from 1). */
  public URI searchUrl(final int page) {
    return Urls.build(settings.baseUrl(), "/ctr-search/search", pageParams(page));
  }

  /** The URL of the full-text download of result page {@code page}. */
  public URI downloadUrl(final int page) {
    final Map<String, String> params = pageParams(page);
    params.put("mode", "current_page");
    return Urls.build(settings.baseUrl(), "/ctr-search/rest/download/full", params);
  }

  /** The URL of a trial's protocol page in member state {@code state} ({@code PT}, {@code 3rd}). */
  public URI protocolUrl(final String eudractNumber, final String state) {
    return Urls.build(settings.baseUrl(), "/ctr-search/trial/" + eudractNumber + "/" + state, Map.of());
  }

  private Map<String, String> pageParams(final int page) {
    final Map<String, String> params = new LinkedHashMap<>();
    params.put("query", settings.query());
    params.put("page", Integer.toString(page));
    return params;
  }

  /** A search page; one that cannot be fetched within the size limit or read is dead-lettered and stops the pass. */
  private EuCtrSearchPage search(final int page, final BatchSink sink)
      throws FetchException, SourceStoppedException, InterruptedException {
    final URI url = searchUrl(page);
    final Fetched fetched;
    try {
      fetched = client.get(url, Map.of("Accept", "text/html"));
    } catch (final BodyTooLargeException e) {
      sink.accept(Batch.rejectedOnly(Rejected.of(null, shown(url), e, new String(e.partialBody(), StandardCharsets.UTF_8))));
      throw new SourceStoppedException(NAME + ": search page " + page + " over the size limit; raise "
          + "http.max-body-bytes", e);
    }
    try {
      return parser.parseSearchPage(fetched.text());
    } catch (final EuCtrParseException e) {
      sink.accept(Batch.rejectedOnly(new Rejected(null, shown(url), e.getMessage(), e.getClass().getName(),
          fetched.text())));
      throw new SourceStoppedException(NAME + ": search page " + page + " could not be read (" + e.getMessage()
          + "); it was dead-lettered and the next pass resumes from it", e);
    }
  }

  /**
   * The records of a page's trials: from the download, then from the protocol pages of the listed trials it
   * lacks. Content that cannot be read goes to {@code rejected}.
   */
  private List<TrialRecord> records(final int page, final EuCtrSearchPage listing, final List<Rejected> rejected)
      throws FetchException, InterruptedException {
    final URI url = downloadUrl(page);
    final Parsed<TrialRecord> download = download(url, rejected);
    final List<TrialRecord> records = new ArrayList<>(download.records());
    final Set<String> seen = new HashSet<>();
    records.forEach(r -> seen.add(r.getRegistryId()));
    for (final RecordFailure f : download.failures()) {
      rejected.add(new Rejected(f.key(), shown(url), f.reason(), f.errorClass(), f.content()));
      seen.add(f.key());
    }
    for (final EuCtrSearchPage.Listing missing : listing.listings()) {
      if (!seen.contains(missing.eudractNumber())) {
        records.addAll(fromProtocolPages(page, missing, rejected));
      }
    }
    return records;
  }

  /** The download's records; an unreadable download (or one refused with a 4xx) is dead-lettered and gives none. */
  private Parsed<TrialRecord> download(final URI url, final List<Rejected> rejected)
      throws FetchException, InterruptedException {
    final Fetched fetched;
    try {
      fetched = client.get(url, Map.of("Accept", "text/plain"));
    } catch (final BodyTooLargeException e) {
      rejected.add(Rejected.of(null, shown(url), e, new String(e.partialBody(), StandardCharsets.UTF_8)));
      return new Parsed<>(List.of(), List.of());
    } catch (final HttpStatusException e) {
      if (e.isTransient()) {
        throw e;
      }
      rejected.add(Rejected.of(null, shown(url), e, e.bodySnippet()));
      return new Parsed<>(List.of(), List.of());
    }
    try {
      return parser.parseDownload(fetched.text(), clock.instant());
    } catch (final EuCtrParseException e) {
      LOG.warn("{}: the download {} could not be read ({}); reading the page's protocol pages instead", NAME,
          shown(url), e.getMessage());
      rejected.add(new Rejected(null, shown(url), e.getMessage(), e.getClass().getName(), fetched.text()));
      return new Parsed<>(List.of(), List.of());
    }
  }

  /** A listed trial from its member states' protocol pages; pages refused (4xx) or unreadable are dead-lettered. */
  private List<TrialRecord> fromProtocolPages(final int page, final EuCtrSearchPage.Listing trial,
      final List<Rejected> rejected) throws FetchException, InterruptedException {
    final String id = trial.eudractNumber();
    if (trial.memberStates().isEmpty()) {
      rejected.add(new Rejected(id, shown(searchUrl(page)), "trial " + id + " is listed on search page " + page
          + " but is neither in its download nor linked to a protocol page", null, null));
      return List.of();
    }
    LOG.info("{}: trial {} is not in the download of page {}; reading its {} protocol pages", NAME, id, page,
        trial.memberStates().size());
    final List<MemberStateProtocol> protocols = new ArrayList<>();
    for (final String state : trial.memberStates()) {
      final URI url = protocolUrl(id, state);
      try {
        final Fetched fetched = client.get(url, Map.of("Accept", "text/html"));
        try {
          protocols.add(parser.parseProtocolPage(fetched.text(), url.toString()));
        } catch (final EuCtrParseException e) {
          rejected.add(new Rejected(id, shown(url), e.getMessage(), e.getClass().getName(), fetched.text()));
        }
      } catch (final BodyTooLargeException e) {
        rejected.add(Rejected.of(id, shown(url), e, new String(e.partialBody(), StandardCharsets.UTF_8)));
      } catch (final HttpStatusException e) {
        if (e.isTransient()) {
          throw e;
        }
        rejected.add(Rejected.of(id, shown(url), e, e.bodySnippet()));
      }
    }
    final Parsed<TrialRecord> parsed = parser.records(protocols, clock.instant());
    for (final RecordFailure f : parsed.failures()) {
      rejected.add(new Rejected(f.key(), shown(protocolUrl(id, trial.memberStates().get(0))), f.reason(),
          f.errorClass(), f.content()));
    }
    return parsed.records();
  }

  private static String shown(final URI url) {
    return Urls.redact(url.toString());
  }
}
