package io.exowatch.app.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.exowatch.app.offline.internal.AdminHandler;
import io.exowatch.app.offline.internal.ArticleMeta;
import io.exowatch.app.offline.internal.ChiCtrHandler;
import io.exowatch.app.offline.internal.CtGovHandler;
import io.exowatch.app.offline.internal.EuCtrHandler;
import io.exowatch.app.offline.internal.EuropePmcHandler;
import io.exowatch.app.offline.internal.IrctHandler;
import io.exowatch.app.offline.internal.IsrctnHandler;
import io.exowatch.app.offline.internal.LandingPageHandler;
import io.exowatch.app.offline.internal.PubMedArchive;
import io.exowatch.app.offline.internal.PubMedHandler;
import io.exowatch.app.offline.internal.StoredStudy;
import io.exowatch.app.offline.internal.StudyDocuments;
import io.exowatch.app.offline.internal.StudyStore;
import io.exowatch.ingest.IngestKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server standing in for every ExoWatch source, serving records in the real formats with
 * the real paging: the fake source of {@code exowatch up --offline} and of end-to-end tests.
 *
 * <table>
 *   <caption>What is served</caption>
 *   <tr><th>path</th><th>as</th></tr>
 *   <tr><td>{@code /api/v2/studies}, {@code /api/v2/studies/{nctId}}</td><td>ClinicalTrials.gov API v2:
 *       {@code pageSize}, {@code pageToken}/{@code nextPageToken}, {@code countTotal},
 *       {@code AREA[LastUpdatePostDate]RANGE[from,to]} in {@code query.*} or {@code filter.advanced},
 *       {@code filter.ids}, {@code sort=LastUpdatePostDate[:asc|:desc]}</td></tr>
 *   <tr><td>{@code /entrez/eutils/esearch.fcgi}, {@code /entrez/eutils/efetch.fcgi}</td><td>PubMed
 *       E-utilities: history ({@code usehistory=y}, {@code WebEnv}, {@code query_key}),
 *       {@code retstart}/{@code retmax}, {@code id=}, {@code mindate}/{@code maxdate}/{@code datetype},
 *       {@code reldate}, date ranges in the term</td></tr>
 *   <tr><td>{@code /europepmc/webservices/rest/search}</td><td>Europe PMC: {@code cursorMark},
 *       {@code pageSize}, {@code resultType}, {@code format=json}, {@code UPDATE_DATE:[a TO b]} and other
 *       date ranges in the query</td></tr>
 *   <tr><td>{@code /chictr/searchproj.html}, {@code /chictr/showproj.html}</td><td>ChiCTR: results pages of
 *       10 rows ({@code page}; the total in {@code #data-total}), project pages ({@code proj})</td></tr>
 *   <tr><td>{@code /irct/search/result}, {@code /irct/trial/{n}/xml}, {@code /irct/trial/{n}}</td><td>IRCT:
 *       results pages ({@code page}, {@code perPage} of the {@code filters} JSON), each trial's XML and a
 *       short page of it</td></tr>
 *   <tr><td>{@code /isrctn/api/query/format/default}</td><td>ISRCTN XML API: {@code limit},
 *       {@code lastEdited GE/LE} bounds in {@code q}, {@code totalCount}</td></tr>
 *   <tr><td>{@code /euctr/ctr-search/search}, {@code /euctr/ctr-search/rest/download/full}</td><td>EU
 *       Clinical Trials Register: results pages of 20 trials ({@code page}, a {@code Next} link while pages
 *       follow), the full-text download of a page ({@code mode=current_page})</td></tr>
 *   <tr><td>{@code /doi/{doi}}</td><td>a DOI resolver: 302 to the landing page</td></tr>
 *   <tr><td>landing-page paths</td><td>the snapshot's pages, and pages rendered for the other DOIs</td></tr>
 *   <tr><td>{@code POST /_admin/studies}, {@code GET /_admin/stats}</td><td>add or update studies from
 *       another process; counts</td></tr>
 * </table>
 * Free-text terms are not matched: every stored record is a hit of every query; only the date and id
 * filters above narrow a result. A page parameter past the last page gives an empty result, as on the
 * real sites. Studies live in a mutable store ({@link #addStudy}, {@link #updateStudy}, the admin
 * endpoint); articles, pages and the other registries' records are fixed at start.
 *
 * <p>Defaults: 127.0.0.1, a free port (port 0), 4 handler threads, request bodies up to 1 MiB,
 * query strings up to 32 KiB, the system UTC clock for the dates of added and updated studies. No
 * data unless given: {@link Builder#bundledSnapshot()}, {@link Builder#snapshot},
 * {@link Builder#syntheticStudies}. Thread-safe; {@link #close()} stops the server.
 */
public final class SourceSimulator implements AutoCloseable {

  /** Config key of the ClinicalTrials.gov base URL, {@code sources.ctgov.base-url} ({@link IngestKeys#CTGOV_BASE_URL}). */
  public static final String CTGOV_BASE_URL_KEY = IngestKeys.CTGOV_BASE_URL.name();
  /** Config key of the E-utilities base URL, {@code sources.pubmed.base-url}. */
  public static final String PUBMED_BASE_URL_KEY = IngestKeys.PUBMED_BASE_URL.name();
  /** Config key of the Europe PMC REST base URL, {@code sources.europepmc.base-url}. */
  public static final String EUROPEPMC_BASE_URL_KEY = IngestKeys.EUROPEPMC_BASE_URL.name();
  /** Config key of the DOI resolver, {@code sources.pages.doi-resolver}. */
  public static final String DOI_RESOLVER_KEY = IngestKeys.PAGES_DOI_RESOLVER.name();
  /** Config key of the landing-page URLs fetched on every pass (comma separated), {@code sources.pages.urls}. */
  public static final String PAGE_URLS_KEY = IngestKeys.PAGES_URLS.name();
  /** Config key of the ChiCTR base URL, {@code sources.chictr.base-url}. */
  public static final String CHICTR_BASE_URL_KEY = IngestKeys.CHICTR.baseUrl().name();
  /** Config key of the IRCT base URL, {@code sources.irct.base-url}. */
  public static final String IRCT_BASE_URL_KEY = IngestKeys.IRCT.baseUrl().name();
  /** Config key of the ISRCTN base URL, {@code sources.isrctn.base-url}. */
  public static final String ISRCTN_BASE_URL_KEY = IngestKeys.ISRCTN.baseUrl().name();
  /** Config key of the EU Clinical Trials Register base URL, {@code sources.euctr.base-url}. */
  public static final String EUCTR_BASE_URL_KEY = IngestKeys.EUCTR.baseUrl().name();

  /** The kinds of request the simulator answers, for {@link #requestCount(Endpoint)}. */
  public enum Endpoint {
    /** {@code GET /api/v2/studies}. */
    CTGOV_STUDIES,
    /** {@code GET /api/v2/studies/{nctId}}. */
    CTGOV_STUDY,
    /** {@code GET /entrez/eutils/esearch.fcgi}. */
    PUBMED_ESEARCH,
    /** {@code GET /entrez/eutils/efetch.fcgi}. */
    PUBMED_EFETCH,
    /** {@code GET /europepmc/webservices/rest/search}. */
    EUROPEPMC_SEARCH,
    /** {@code GET /doi/{doi}}. */
    DOI_RESOLVER,
    /** A landing page. */
    LANDING_PAGE,
    /** {@code GET /chictr/searchproj.html}. */
    CHICTR_SEARCH,
    /** {@code GET /chictr/showproj.html}. */
    CHICTR_PROJECT,
    /** {@code GET /irct/search/result}. */
    IRCT_SEARCH,
    /** {@code GET /irct/trial/{n}/xml}. */
    IRCT_TRIAL,
    /** {@code GET /isrctn/api/query/format/default}. */
    ISRCTN_QUERY,
    /** {@code GET /euctr/ctr-search/search}. */
    EUCTR_SEARCH,
    /** {@code GET /euctr/ctr-search/rest/download/full}. */
    EUCTR_DOWNLOAD,
    /** {@code /_admin/...}. */
    ADMIN,
    /** Anything else (answered 404, or by a registry's handler with 404). */
    OTHER
  }

  private static final Logger LOG = LoggerFactory.getLogger(SourceSimulator.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_COUNTED_PATHS = 10_000;
  private static final int RECENT_REQUESTS = 200;

  private final HttpServer server;
  private final ExecutorService executor;
  private final StudyStore store;
  private final LandingPageHandler pages;
  private final List<URI> pageUrls;
  private final Clock clock;
  private final Map<Endpoint, AtomicLong> counts = new EnumMap<>(Endpoint.class);
  private final Map<String, AtomicLong> pathCounts = new ConcurrentHashMap<>();
  private final Deque<String> recent = new ArrayDeque<>();
  /** Serialises changes to the store, so an update never loses a concurrent one. */
  private final Object writeLock = new Object();

  private SourceSimulator(final Builder b) throws IOException {
    this.clock = b.clock;
    this.store = new StudyStore();
    for (final Endpoint e : Endpoint.values()) {
      counts.put(e, new AtomicLong());
    }
    final OfflineSnapshot snapshot = b.snapshot == null ? OfflineSnapshot.empty() : b.snapshot;
    for (final String json : snapshot.studies()) {
      final ObjectNode study = StudyDocuments.parse(json);
      if (StudyDocuments.lastUpdatePostDate(study) == null) {
        StudyDocuments.stampPosted(study, LocalDate.now(clock));
      }
      if (!store.putIfAbsent(StudyDocuments.toStored(study))) {
        throw new IllegalArgumentException("Snapshot holds study " + StudyDocuments.nctId(study) + " twice");
      }
    }
    if (b.synthetic != null) {
      int skipped = 0;
      for (int i = 0; i < b.syntheticCount; i++) {
        final StoredStudy s = new StoredStudy.Generated(b.synthetic.nctId(i), b.synthetic.lastUpdatePostDate(i), b.synthetic, i);
        if (!store.putIfAbsent(s)) {
          skipped++;
        }
      }
      if (skipped > 0) {
        LOG.warn("{} synthetic studies share an NCT id with snapshot studies and were left out", skipped);
      }
    }
    final PubMedArchive archive = PubMedArchive.parse(snapshot.pubmedArticleSetXml());
    final EuropePmcHandler europePmc = new EuropePmcHandler(snapshot.europePmcSearchJson());
    final List<LandingPageHandler.Page> written = new ArrayList<>();
    snapshot.landingPages().forEach(p -> written.add(new LandingPageHandler.Page(p.path(), p.doi(), p.html())));
    final List<ArticleMeta> articles = new ArrayList<>();
    archive.entries().forEach(e -> articles.add(e.meta()));
    articles.addAll(europePmc.articles());
    this.pages = new LandingPageHandler(written, articles);
    final RegistrySnapshot registries = snapshot.registries();
    final ChiCtrHandler chictr = new ChiCtrHandler(registries.chictr().stream()
        .map(p -> new ChiCtrHandler.Project(p.projectId(), p.registrationNumber(), p.title(), p.institution(),
            p.studyType(), p.registered(), p.html())).toList());
    final IrctHandler irct = new IrctHandler(registries.irct().stream()
        .map(t -> new IrctHandler.Trial(t.number(), t.registrationId(), t.title(), t.status(), t.xml())).toList());
    final IsrctnHandler isrctn = new IsrctnHandler(registries.isrctnAllTrialsXml());
    final EuCtrHandler euctr = new EuCtrHandler(registries.euctr().stream()
        .map(t -> new EuCtrHandler.Trial(t.eudractNumber(), t.sponsorProtocolNumber(), t.startDate(), t.sponsorName(),
            t.fullTitle(), t.medicalCondition(), t.populationAge(), t.gender(),
            t.protocols().stream().map(s -> new EuCtrHandler.Protocol(s.code(), s.status())).toList(), t.fullText()))
        .toList());

    // 127.0.0.1 explicitly: the loopback address may be ::1 where IPv6 is preferred.
    final InetAddress localhost = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.server = HttpServer.create(new InetSocketAddress(localhost, b.port), 64);
    final AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      final Thread t = new Thread(r, "source-simulator-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(CtGovHandler.CONTEXT + "/", counted(new CtGovHandler(store)));
    server.createContext(PubMedHandler.CONTEXT + "/", counted(new PubMedHandler(archive, clock)));
    server.createContext(EuropePmcHandler.CONTEXT + "/", counted(europePmc));
    server.createContext(ChiCtrHandler.CONTEXT + "/", counted(chictr));
    server.createContext(IrctHandler.CONTEXT + "/", counted(irct));
    server.createContext(IsrctnHandler.CONTEXT + "/", counted(isrctn));
    server.createContext(EuCtrHandler.CONTEXT + "/", counted(euctr));
    server.createContext(AdminHandler.CONTEXT + "/", counted(new AdminHandler(this::upsert, this::stats, b.maxRequestBodyBytes)));
    server.createContext("/", counted(pages));
    server.start();
    final List<URI> urls = new ArrayList<>();
    snapshot.landingPages().forEach(p -> urls.add(baseUrl().resolve(p.path())));
    this.pageUrls = List.copyOf(urls);
    LOG.info("Source simulator listening on {} with {} studies, {} PubMed articles, {} Europe PMC records, {} pages, "
        + "registrations: {} ChiCTR, {} IRCT, {} ISRCTN, {} EU CTR", baseUrl(), store.size(), archive.entries().size(),
        europePmc.results().size(), pages.size(), chictr.size(), irct.size(), isrctn.size(), euctr.size());
  }

  /** A builder; see the class comment for defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The ClinicalTrials.gov base URL, {@code http://127.0.0.1:<port>/api/v2}. */
  public URI ctgovBaseUrl() {
    return URI.create(baseUrl() + CtGovHandler.CONTEXT);
  }

  /** The E-utilities base URL, {@code http://127.0.0.1:<port>/entrez/eutils}. */
  public URI pubmedBaseUrl() {
    return URI.create(baseUrl() + PubMedHandler.CONTEXT);
  }

  /** The Europe PMC REST base URL, {@code http://127.0.0.1:<port>/europepmc/webservices/rest}. */
  public URI europePmcBaseUrl() {
    return URI.create(baseUrl() + EuropePmcHandler.CONTEXT);
  }

  /** The DOI resolver, {@code http://127.0.0.1:<port>/doi/}: {@code {resolver}/{doi}} redirects to the page. */
  public URI doiResolverUrl() {
    return URI.create(baseUrl() + LandingPageHandler.RESOLVER + "/");
  }

  /** The ChiCTR base URL, {@code http://127.0.0.1:<port>/chictr}. */
  public URI chictrBaseUrl() {
    return URI.create(baseUrl() + ChiCtrHandler.CONTEXT);
  }

  /** The IRCT base URL, {@code http://127.0.0.1:<port>/irct}. */
  public URI irctBaseUrl() {
    return URI.create(baseUrl() + IrctHandler.CONTEXT);
  }

  /** The ISRCTN base URL, {@code http://127.0.0.1:<port>/isrctn}. */
  public URI isrctnBaseUrl() {
    return URI.create(baseUrl() + IsrctnHandler.CONTEXT);
  }

  /** The EU Clinical Trials Register base URL, {@code http://127.0.0.1:<port>/euctr}. */
  public URI euctrBaseUrl() {
    return URI.create(baseUrl() + EuCtrHandler.CONTEXT);
  }

  /** The URLs of the snapshot's written landing pages. */
  public List<URI> pageUrls() {
    return pageUrls;
  }

  /**
   * Configuration that points every ingest source here: {@code sources.ctgov.base-url},
   * {@code sources.pubmed.base-url}, {@code sources.europepmc.base-url}, {@code sources.pages.doi-resolver},
   * {@code sources.pages.urls} (comma separated; empty when there are no pages) and
   * {@code sources.<chictr|irct|isrctn|euctr>.base-url}, so that nothing leaves the machine. Whether a
   * source is enabled is left alone (all are by default). Rate limits are left alone too: the real
   * sources' politeness limits (ClinicalTrials.gov 1 request/s, the registries 0.5 requests/s) apply
   * unless the caller raises {@code sources.*.rate-limit}.
   */
  public Map<String, String> configOverrides() {
    final Map<String, String> m = new LinkedHashMap<>();
    m.put(CTGOV_BASE_URL_KEY, ctgovBaseUrl().toString());
    m.put(PUBMED_BASE_URL_KEY, pubmedBaseUrl().toString());
    m.put(EUROPEPMC_BASE_URL_KEY, europePmcBaseUrl().toString());
    m.put(DOI_RESOLVER_KEY, doiResolverUrl().toString());
    m.put(PAGE_URLS_KEY, String.join(",", pageUrls.stream().map(URI::toString).toList()));
    m.put(CHICTR_BASE_URL_KEY, chictrBaseUrl().toString());
    m.put(IRCT_BASE_URL_KEY, irctBaseUrl().toString());
    m.put(ISRCTN_BASE_URL_KEY, isrctnBaseUrl().toString());
    m.put(EUCTR_BASE_URL_KEY, euctrBaseUrl().toString());
    return m;
  }

  /**
   * Adds a new study, posted today: its {@code lastUpdatePostDateStruct} (and
   * {@code studyFirstPostDateStruct} when absent) become today's date by the simulator's clock, so
   * incremental queries see it.
   *
   * @param studyJson a v2 study object
   * @return its NCT id
   * @throws IllegalArgumentException when the JSON is not a study with a valid NCT id, or the id exists
   */
  public String addStudy(final String studyJson) {
    final ObjectNode study = StudyDocuments.parse(studyJson);
    StudyDocuments.stampPosted(study, LocalDate.now(clock));
    final String id = StudyDocuments.nctId(study);
    synchronized (writeLock) {
      if (!store.putIfAbsent(StudyDocuments.toStored(study))) {
        throw new IllegalArgumentException("Study " + id + " already exists; use updateStudy");
      }
    }
    LOG.info("Source simulator: added study {}", id);
    return id;
  }

  /**
   * Replaces an existing study and bumps its last-update date to today by the simulator's clock (never
   * earlier than the date it had).
   *
   * @param studyJson the new v2 study object
   * @return its NCT id
   * @throws IllegalArgumentException when the JSON is not a study or no study has its id
   */
  public String updateStudy(final String studyJson) {
    final ObjectNode study = StudyDocuments.parse(studyJson);
    final String id = StudyDocuments.nctId(study);
    synchronized (writeLock) {
      final StoredStudy old = store.get(id).orElseThrow(() -> new IllegalArgumentException("No study " + id + " to update"));
      replace(study, old);
    }
    return id;
  }

  /**
   * Edits an existing study in place ({@code edit} gets its JSON tree) and bumps its last-update date,
   * as {@link #updateStudy(String)}.
   *
   * @throws IllegalArgumentException when no study has {@code nctId} or the edit changed the id
   */
  public void updateStudy(final String nctId, final Consumer<ObjectNode> edit) {
    synchronized (writeLock) {
      final StoredStudy old = store.get(nctId)
          .orElseThrow(() -> new IllegalArgumentException("No study " + nctId + " to update"));
      final ObjectNode study = StudyDocuments.read(old);
      edit.accept(study);
      if (!nctId.equals(StudyDocuments.nctId(study))) {
        throw new IllegalArgumentException("The edit changed the NCT id of " + nctId);
      }
      replace(study, old);
    }
  }

  /** The JSON of study {@code nctId}. */
  public Optional<String> study(final String nctId) {
    return store.get(nctId).map(s -> StudyDocuments.read(s).toString());
  }

  /** How many studies are served. */
  public int studyCount() {
    return store.size();
  }

  /** Requests answered on {@code endpoint} so far (counted when they arrive). */
  public long requestCount(final Endpoint endpoint) {
    return counts.get(endpoint).get();
  }

  /** Requests to exactly {@code path} (without query) so far; only the first 10,000 distinct paths are counted. */
  public long requestCount(final String path) {
    final AtomicLong n = pathCounts.get(path);
    return n == null ? 0 : n.get();
  }

  /** All endpoint counts. */
  public Map<Endpoint, Long> requestCounts() {
    final Map<Endpoint, Long> m = new EnumMap<>(Endpoint.class);
    counts.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** The last 200 requests, oldest first, as {@code METHOD path?query}. */
  public List<String> recentRequests() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** Stops the server at once and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Source simulator threads did not stop within 5 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void replace(final ObjectNode study, final StoredStudy old) {
    final LocalDate today = LocalDate.now(clock);
    StudyDocuments.stampPosted(study, today.isBefore(old.lastUpdatePostDate()) ? old.lastUpdatePostDate() : today);
    store.put(StudyDocuments.toStored(study));
    LOG.info("Source simulator: updated study {}", old.nctId());
  }

  private AdminHandler.Upserted upsert(final ObjectNode study) {
    final String id = StudyDocuments.nctId(study);
    synchronized (writeLock) {
      final Optional<StoredStudy> old = store.get(id);
      if (old.isPresent()) {
        replace(study, old.get());
        return AdminHandler.Upserted.UPDATED;
      }
      StudyDocuments.stampPosted(study, LocalDate.now(clock));
      store.put(StudyDocuments.toStored(study));
      LOG.info("Source simulator: added study {} through the admin endpoint", id);
      return AdminHandler.Upserted.CREATED;
    }
  }

  private JsonNode stats() {
    final ObjectNode root = MAPPER.createObjectNode();
    root.put("studies", store.size());
    final ObjectNode requests = root.putObject("requests");
    counts.forEach((k, v) -> requests.put(k.name(), v.get()));
    return root;
  }

  private HttpHandler counted(final HttpHandler handler) {
    return exchange -> {
      final String path = exchange.getRequestURI().getPath();
      counts.get(endpoint(path)).incrementAndGet();
      if (pathCounts.size() < MAX_COUNTED_PATHS || pathCounts.containsKey(path)) {
        pathCounts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
      }
      final String query = exchange.getRequestURI().getRawQuery();
      synchronized (recent) {
        recent.addLast(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (recent.size() > RECENT_REQUESTS) {
          recent.removeFirst();
        }
      }
      handler.handle(exchange);
    };
  }

  private Endpoint endpoint(final String path) {
    if (path.equals("/api/v2/studies") || path.equals("/api/v2/studies/")) {
      return Endpoint.CTGOV_STUDIES;
    } else if (path.startsWith("/api/v2/studies/")) {
      return Endpoint.CTGOV_STUDY;
    } else if (path.equals(PubMedHandler.CONTEXT + "/esearch.fcgi")) {
      return Endpoint.PUBMED_ESEARCH;
    } else if (path.equals(PubMedHandler.CONTEXT + "/efetch.fcgi")) {
      return Endpoint.PUBMED_EFETCH;
    } else if (path.equals(EuropePmcHandler.CONTEXT + "/search")) {
      return Endpoint.EUROPEPMC_SEARCH;
    } else if (path.startsWith(LandingPageHandler.RESOLVER + "/")) {
      return Endpoint.DOI_RESOLVER;
    } else if (path.equals(ChiCtrHandler.SEARCH)) {
      return Endpoint.CHICTR_SEARCH;
    } else if (path.equals(ChiCtrHandler.PROJECT)) {
      return Endpoint.CHICTR_PROJECT;
    } else if (path.equals(IrctHandler.SEARCH) || path.equals(IrctHandler.SEARCH + "/")) {
      return Endpoint.IRCT_SEARCH;
    } else if (path.startsWith(IrctHandler.CONTEXT + "/trial/") && path.endsWith("/xml")) {
      return Endpoint.IRCT_TRIAL;
    } else if (path.equals(IsrctnHandler.QUERY)) {
      return Endpoint.ISRCTN_QUERY;
    } else if (path.equals(EuCtrHandler.SEARCH)) {
      return Endpoint.EUCTR_SEARCH;
    } else if (path.equals(EuCtrHandler.DOWNLOAD)) {
      return Endpoint.EUCTR_DOWNLOAD;
    } else if (path.startsWith(AdminHandler.CONTEXT + "/")) {
      return Endpoint.ADMIN;
    } else if (pages.serves(path)) {
      return Endpoint.LANDING_PAGE;
    }
    return Endpoint.OTHER;
  }

  /**
   * Builds and starts a {@link SourceSimulator}. Defaults: port 0 (a free one), no data, 4 threads,
   * request bodies up to 1 MiB, the system UTC clock.
   */
  public static final class Builder {
    private int port;
    private OfflineSnapshot snapshot;
    private SyntheticStudies synthetic;
    private int syntheticCount;
    private Clock clock = Clock.systemUTC();
    private int maxRequestBodyBytes = 1024 * 1024;
    private int threads = 4;

    private Builder() {
    }

    /** The port to listen on, 0 for a free one. */
    public Builder port(final int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [0, 65535] but was " + port);
      }
      this.port = port;
      return this;
    }

    /** Serves {@link OfflineSnapshot#bundled()}. */
    public Builder bundledSnapshot() {
      return snapshot(OfflineSnapshot.bundled());
    }

    /** Serves {@code snapshot} (studies, articles, pages, registrations). */
    public Builder snapshot(final OfflineSnapshot snapshot) {
      this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
      return this;
    }

    /** Also serves studies {@code 0 .. count-1} of {@code generator}, generated when requested. */
    public Builder syntheticStudies(final SyntheticStudies generator, final int count) {
      if (count < 0 || count > SyntheticStudies.MAX_STUDIES) {
        throw new IllegalArgumentException("count must be in [0, " + SyntheticStudies.MAX_STUDIES + "] but was " + count);
      }
      this.synthetic = Objects.requireNonNull(generator, "generator");
      this.syntheticCount = count;
      return this;
    }

    /** The clock that dates added and updated studies and anchors PubMed's {@code reldate}. */
    public Builder clock(final Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The largest admin request body, in bytes; larger ones get 413. */
    public Builder maxRequestBodyBytes(final int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRequestBodyBytes must be positive but was " + bytes);
      }
      this.maxRequestBodyBytes = bytes;
      return this;
    }

    /** Handler threads. */
    public Builder threads(final int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Loads the data and starts listening.
     *
     * @throws IOException when the port cannot be bound
     * @throws IllegalArgumentException when the snapshot is malformed (naming the record)
     */
    public SourceSimulator start() throws IOException {
      return new SourceSimulator(this);
    }
  }
}
