package io.exowatch.ingest;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.Topics;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.source.ChiCtrSource;
import io.exowatch.ingest.source.DefaultQueries;
import io.exowatch.ingest.source.EuCtrSource;
import io.exowatch.ingest.source.IrctSource;
import io.exowatch.ingest.source.IsrctnSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the ingest service needs to know, immutable. {@link #defaults()} gives the values
 * below; {@link #from(ExoConfig)} reads them from the keys in {@link IngestKeys}.
 *
 * @param ctgov ClinicalTrials.gov v2: on, {@code https://clinicaltrials.gov/api/v2}, page size 1000,
 *     every 6 h, 1 request/s
 * @param pubmed PubMed E-utilities: on, {@code https://eutils.ncbi.nlm.nih.gov/entrez/eutils},
 *     efetch batches of 200, every 6 h, 3 requests/s, no API key, incremental by {@code mdat}
 * @param europePmc Europe PMC REST: on, {@code https://www.ebi.ac.uk/europepmc/webservices/rest},
 *     page size 250, every 6 h, 5 requests/s, incremental by {@code UPDATE_DATE}
 * @param pages landing pages: on, no configured URLs, DOIs of the other sources followed through
 *     {@code https://doi.org/} (at most 100 a run), every 24 h, 1 request/s per host
 * @param registries the other trial registries ({@link Registry#defaults()}): ChiCTR, IRCT, ISRCTN and
 *     the EU Clinical Trials Register, each on, searched with its source's default query once a day at
 *     0.5 requests/s, at most 50 result pages a pass
 * @param http user agent, timeouts, body limit and retries ({@link HttpSettings#defaults()})
 * @param topics where records, dead letters and cursors go
 */
public record IngestSettings(
    CtGov ctgov, PubMed pubmed, EuropePmc europePmc, Pages pages, List<Registry> registries, HttpSettings http,
    TopicNames topics) {

  /** Checks that nothing is missing. */
  public IngestSettings {
    Objects.requireNonNull(ctgov, "ctgov");
    Objects.requireNonNull(pubmed, "pubmed");
    Objects.requireNonNull(europePmc, "europePmc");
    Objects.requireNonNull(pages, "pages");
    registries = List.copyOf(registries);
    if (registries.stream().map(Registry::name).distinct().count() != registries.size()) {
      throw new IllegalArgumentException("two registry settings share a name: " + registries);
    }
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(topics, "topics");
  }

  /** The defaults listed above. */
  public static IngestSettings defaults() {
    return new IngestSettings(CtGov.defaults(), PubMed.defaults(), EuropePmc.defaults(), Pages.defaults(),
        Registry.defaults(), HttpSettings.defaults(), TopicNames.defaults());
  }

  /** The settings the keys of {@link IngestKeys} give in {@code config}. */
  public static IngestSettings from(final ExoConfig config) {
    return IngestKeys.settings(config);
  }

  /** A copy with other ClinicalTrials.gov settings. */
  public IngestSettings withCtGov(final CtGov s) {
    return new IngestSettings(s, pubmed, europePmc, pages, registries, http, topics);
  }

  /** A copy with other PubMed settings. */
  public IngestSettings withPubMed(final PubMed s) {
    return new IngestSettings(ctgov, s, europePmc, pages, registries, http, topics);
  }

  /** A copy with other Europe PMC settings. */
  public IngestSettings withEuropePmc(final EuropePmc s) {
    return new IngestSettings(ctgov, pubmed, s, pages, registries, http, topics);
  }

  /** A copy with other landing-page settings. */
  public IngestSettings withPages(final Pages s) {
    return new IngestSettings(ctgov, pubmed, europePmc, s, registries, http, topics);
  }

  /** A copy with other HTTP settings. */
  public IngestSettings withHttp(final HttpSettings s) {
    return new IngestSettings(ctgov, pubmed, europePmc, pages, registries, s, topics);
  }

  /** A copy with other topic names. */
  public IngestSettings withTopics(final TopicNames t) {
    return new IngestSettings(ctgov, pubmed, europePmc, pages, registries, http, t);
  }

  /** A copy with every source off; turn on the ones wanted with the {@code with...} methods. */
  public IngestSettings allSourcesOff() {
    return new IngestSettings(ctgov.enabled(false), pubmed.enabled(false), europePmc.enabled(false),
        pages.enabled(false), registries.stream().map(r -> r.enabled(false)).toList(), http, topics);
  }

  /** A copy in which {@code s} replaces the registry settings of the same name (or is added). */
  public IngestSettings withRegistry(final Registry s) {
    final List<Registry> list = new ArrayList<>();
    for (final Registry r : registries) {
      if (!r.name().equals(s.name())) {
        list.add(r);
      }
    }
    list.add(s);
    return new IngestSettings(ctgov, pubmed, europePmc, pages, list, http, topics);
  }

  /** The settings of the registry called {@code name}. */
  public Optional<Registry> registry(final String name) {
    return registries.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * A trial registry searched through its web site or API: ChiCTR, IRCT, ISRCTN, EU CTR.
   *
   * @param name the source's name, cursor key and configuration prefix ({@code sources.<name>.*})
   * @param enabled whether it runs
   * @param baseUrl the site's root; the source appends its own paths
   * @param query the search term, in the site's own syntax
   * @param maxPages result pages read in one pass at most (a bound on a runaway pass), 1 to 10000
   * @param pollInterval time between passes
   * @param rateLimit requests per second
   */
  public record Registry(String name, boolean enabled, URI baseUrl, String query, int maxPages,
      Duration pollInterval, double rateLimit) {

    /** The registries there are settings for, in the order the service runs them. */
    public static final List<String> NAMES = List.of("chictr", "irct", "isrctn", "euctr");

    /** Validates. */
    public Registry {
      requireText(name, "sources.<registry> name");
      requireUrl(baseUrl, "sources." + name + ".base-url");
      requireText(query, "sources." + name + ".query");
      requireRange(maxPages, 1, 10_000, "sources." + name + ".max-pages");
      requirePositive(pollInterval, "sources." + name + ".poll-interval");
      requireRate(rateLimit, "sources." + name + ".rate-limit");
    }

    /** Every registry in {@link #NAMES} with its {@link #defaults(String)}. */
    public static List<Registry> defaults() {
      return NAMES.stream().map(Registry::defaults).toList();
    }

    /**
     * On, the live site and the source's default query ({@code DEFAULT_BASE_URL} and
     * {@code DEFAULT_QUERY} of {@link ChiCtrSource}, {@link IrctSource}, {@link IsrctnSource},
     * {@link EuCtrSource}), 50 pages a pass, every 24 h, 0.5 requests/s.
     *
     * @throws IllegalArgumentException {@code name} is not one of {@link #NAMES}
     */
    public static Registry defaults(final String name) {
      return switch (name) {
        case ChiCtrSource.NAME -> site(name, ChiCtrSource.DEFAULT_BASE_URL, ChiCtrSource.DEFAULT_QUERY);
        case IrctSource.NAME -> site(name, IrctSource.DEFAULT_BASE_URL, IrctSource.DEFAULT_QUERY);
        case IsrctnSource.NAME -> site(name, IsrctnSource.DEFAULT_BASE_URL, IsrctnSource.DEFAULT_QUERY);
        case EuCtrSource.NAME -> site(name, EuCtrSource.DEFAULT_BASE_URL, EuCtrSource.DEFAULT_QUERY);
        default -> throw new IllegalArgumentException("no registry called '" + name + "'; known: " + NAMES);
      };
    }

    private static Registry site(final String name, final String url, final String query) {
      return new Registry(name, true, URI.create(url), query, 50, Duration.ofHours(24), 0.5);
    }

    /** A copy pointed at another base URL. */
    public Registry baseUrl(final URI url) {
      return new Registry(name, enabled, url, query, maxPages, pollInterval, rateLimit);
    }

    /** A copy with another query. */
    public Registry query(final String q) {
      return new Registry(name, enabled, baseUrl, q, maxPages, pollInterval, rateLimit);
    }

    /** A copy with another page bound. */
    public Registry maxPages(final int pages) {
      return new Registry(name, enabled, baseUrl, query, pages, pollInterval, rateLimit);
    }

    /** A copy with another rate limit. */
    public Registry rateLimit(final double perSecond) {
      return new Registry(name, enabled, baseUrl, query, maxPages, pollInterval, perSecond);
    }

    /** A copy switched on or off. */
    public Registry enabled(final boolean on) {
      return new Registry(name, on, baseUrl, query, maxPages, pollInterval, rateLimit);
    }
  }

  /**
   * ClinicalTrials.gov API v2.
   *
   * @param enabled whether it runs
   * @param baseUrl requests go to {@code {baseUrl}/studies}
   * @param query {@code query.term}; incremental runs add {@code AREA[LastUpdatePostDate]RANGE[<cursor>,MAX]}
   * @param pageSize {@code pageSize}, 1 to 1000
   * @param pollInterval time between passes of {@link IngestService#run()}
   * @param rateLimit requests per second
   */
  public record CtGov(boolean enabled, URI baseUrl, String query, int pageSize, Duration pollInterval,
      double rateLimit) {
    /** Validates. */
    public CtGov {
      requireUrl(baseUrl, "sources.ctgov.base-url");
      requireText(query, "sources.ctgov.query");
      requireRange(pageSize, 1, 1000, "sources.ctgov.page-size");
      requirePositive(pollInterval, "sources.ctgov.poll-interval");
      requireRate(rateLimit, "sources.ctgov.rate-limit");
    }

    /** On, the live API, {@link DefaultQueries#CTGOV}, 1000 a page, every 6 h, 1 request/s. */
    public static CtGov defaults() {
      return new CtGov(true, URI.create("https://clinicaltrials.gov/api/v2"), DefaultQueries.CTGOV, 1000,
          Duration.ofHours(6), 1.0);
    }

    /** A copy pointed at another base URL. */
    public CtGov baseUrl(final URI url) {
      return new CtGov(enabled, url, query, pageSize, pollInterval, rateLimit);
    }

    /** A copy with another page size. */
    public CtGov pageSize(final int size) {
      return new CtGov(enabled, baseUrl, query, size, pollInterval, rateLimit);
    }

    /** A copy with another rate limit. */
    public CtGov rateLimit(final double perSecond) {
      return new CtGov(enabled, baseUrl, query, pageSize, pollInterval, perSecond);
    }

    /** A copy switched on or off. */
    public CtGov enabled(final boolean on) {
      return new CtGov(on, baseUrl, query, pageSize, pollInterval, rateLimit);
    }
  }

  /**
   * PubMed E-utilities.
   *
   * @param enabled whether it runs
   * @param baseUrl {@code esearch.fcgi} and {@code efetch.fcgi} are under it
   * @param query esearch {@code term}
   * @param batchSize PMIDs per efetch request, 1 to 10000
   * @param pollInterval time between passes
   * @param rateLimit requests per second (3 without an API key, 10 with one)
   * @param apiKey NCBI API key, or empty
   * @param dateType the date incremental runs filter on: {@code mdat} (modified), {@code edat} (entered)
   *     or {@code pdat} (published)
   */
  public record PubMed(boolean enabled, URI baseUrl, String query, int batchSize, Duration pollInterval,
      double rateLimit, String apiKey, String dateType) {
    /** Validates. */
    public PubMed {
      requireUrl(baseUrl, "sources.pubmed.base-url");
      requireText(query, "sources.pubmed.query");
      requireRange(batchSize, 1, 10_000, "sources.pubmed.batch-size");
      requirePositive(pollInterval, "sources.pubmed.poll-interval");
      requireRate(rateLimit, "sources.pubmed.rate-limit");
      apiKey = apiKey == null ? "" : apiKey.strip();
      if (!List.of("mdat", "edat", "pdat").contains(dateType)) {
        throw new IllegalArgumentException("sources.pubmed.date-type must be mdat, edat or pdat: " + dateType);
      }
    }

    /** On, the live API, {@link DefaultQueries#PUBMED}, batches of 200, every 6 h, 3/s, no key, mdat. */
    public static PubMed defaults() {
      return new PubMed(true, URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils"), DefaultQueries.PUBMED,
          200, Duration.ofHours(6), 3.0, "", "mdat");
    }

    /** A copy pointed at another base URL. */
    public PubMed baseUrl(final URI url) {
      return new PubMed(enabled, url, query, batchSize, pollInterval, rateLimit, apiKey, dateType);
    }

    /** A copy with another efetch batch size. */
    public PubMed batchSize(final int size) {
      return new PubMed(enabled, baseUrl, query, size, pollInterval, rateLimit, apiKey, dateType);
    }

    /** A copy switched on or off. */
    public PubMed enabled(final boolean on) {
      return new PubMed(on, baseUrl, query, batchSize, pollInterval, rateLimit, apiKey, dateType);
    }
  }

  /**
   * Europe PMC REST search.
   *
   * @param enabled whether it runs
   * @param baseUrl {@code search} is under it
   * @param query the search {@code query}; incremental runs add {@code UPDATE_DATE:[from TO to]}
   * @param pageSize {@code pageSize}, 1 to 1000
   * @param pollInterval time between passes
   * @param rateLimit requests per second
   */
  public record EuropePmc(boolean enabled, URI baseUrl, String query, int pageSize, Duration pollInterval,
      double rateLimit) {
    /** Validates. */
    public EuropePmc {
      requireUrl(baseUrl, "sources.europepmc.base-url");
      requireText(query, "sources.europepmc.query");
      requireRange(pageSize, 1, 1000, "sources.europepmc.page-size");
      requirePositive(pollInterval, "sources.europepmc.poll-interval");
      requireRate(rateLimit, "sources.europepmc.rate-limit");
    }

    /** On, the live API, {@link DefaultQueries#EUROPEPMC}, 250 a page, every 6 h, 5 requests/s. */
    public static EuropePmc defaults() {
      return new EuropePmc(true, URI.create("https://www.ebi.ac.uk/europepmc/webservices/rest"),
          DefaultQueries.EUROPEPMC, 250, Duration.ofHours(6), 5.0);
    }

    /** A copy pointed at another base URL. */
    public EuropePmc baseUrl(final URI url) {
      return new EuropePmc(enabled, url, query, pageSize, pollInterval, rateLimit);
    }

    /** A copy with another page size. */
    public EuropePmc pageSize(final int size) {
      return new EuropePmc(enabled, baseUrl, query, size, pollInterval, rateLimit);
    }

    /** A copy switched on or off. */
    public EuropePmc enabled(final boolean on) {
      return new EuropePmc(on, baseUrl, query, pageSize, pollInterval, rateLimit);
    }
  }

  /**
   * Article landing pages.
   *
   * @param enabled whether it runs
   * @param urls pages fetched on every pass (conditionally: unchanged pages are skipped)
   * @param doiResolver DOIs are fetched as {@code {doiResolver}/{doi}}; a trailing slash is dropped
   * @param followDois whether DOIs found by the other sources are fetched
   * @param maxDoisPerRun most DOI pages fetched in one pass; the rest wait in the cursor
   * @param allowedHosts hosts (and their subdomains) a DOI may redirect to, besides the hosts of
   *     {@code urls} and the resolver
   * @param pollInterval time between passes
   * @param rateLimit requests per second per host
   */
  public record Pages(boolean enabled, List<URI> urls, URI doiResolver, boolean followDois, int maxDoisPerRun,
      List<String> allowedHosts, Duration pollInterval, double rateLimit) {
    /** Publisher hosts DOIs of MSC-EV papers commonly resolve to. */
    public static final List<String> DEFAULT_ALLOWED_HOSTS = List.of(
        "nature.com", "springer.com", "biomedcentral.com", "sciencedirect.com", "cell.com", "elsevier.com",
        "wiley.com", "tandfonline.com", "oup.com", "frontiersin.org", "mdpi.com", "plos.org", "bmj.com",
        "thelancet.com", "nejm.org", "jamanetwork.com", "sagepub.com", "karger.com", "dovepress.com",
        "spandidos-publications.com", "ncbi.nlm.nih.gov", "europepmc.org", "biorxiv.org", "medrxiv.org",
        "researchsquare.com", "hindawi.com", "liebertpub.com", "aging-us.com", "ivyspring.com", "thno.org",
        "wjgnet.com", "iospress.com", "degruyter.com", "jci.org", "ahajournals.org", "atsjournals.org");

    /** Validates and copies the lists. */
    public Pages {
      urls = List.copyOf(urls);
      urls.forEach(u -> requireUrl(u, "sources.pages.urls"));
      requireUrl(doiResolver, "sources.pages.doi-resolver");
      // One spelling for "https://doi.org/" and "https://doi.org": DOIs are appended after a '/'.
      final String resolver = doiResolver.toString();
      doiResolver = resolver.endsWith("/") ? URI.create(resolver.replaceAll("/+$", "")) : doiResolver;
      if (maxDoisPerRun < 0) {
        throw new IllegalArgumentException("sources.pages.max-dois-per-run must not be negative: " + maxDoisPerRun);
      }
      allowedHosts = List.copyOf(allowedHosts);
      requirePositive(pollInterval, "sources.pages.poll-interval");
      requireRate(rateLimit, "sources.pages.rate-limit");
    }

    /** On, no URLs, DOIs followed through {@code https://doi.org/} (100 a run), publisher hosts, every 24 h, 1/s. */
    public static Pages defaults() {
      return new Pages(true, List.of(), URI.create("https://doi.org/"), true, 100, DEFAULT_ALLOWED_HOSTS,
          Duration.ofHours(24), 1.0);
    }

    /** A copy with other configured URLs. */
    public Pages urls(final List<URI> list) {
      return new Pages(enabled, list, doiResolver, followDois, maxDoisPerRun, allowedHosts, pollInterval, rateLimit);
    }

    /** A copy with another resolver. */
    public Pages doiResolver(final URI resolver) {
      return new Pages(enabled, urls, resolver, followDois, maxDoisPerRun, allowedHosts, pollInterval, rateLimit);
    }

    /** A copy switched on or off. */
    public Pages enabled(final boolean on) {
      return new Pages(on, urls, doiResolver, followDois, maxDoisPerRun, allowedHosts, pollInterval, rateLimit);
    }
  }

  /**
   * Topic names; defaults from {@link Topics}.
   *
   * @param trials raw trials, default {@code trials-raw}
   * @param articles raw articles, default {@code articles-raw}
   * @param deadLetters dead letters, default {@code ingest-dlq}
   * @param cursors source cursors (compacted), default {@code ingest-cursors}
   */
  public record TopicNames(String trials, String articles, String deadLetters, String cursors) {
    /** Checks the names. */
    public TopicNames {
      requireText(trials, "trials topic");
      requireText(articles, "articles topic");
      requireText(deadLetters, "dead-letter topic");
      requireText(cursors, "cursor topic");
    }

    /** The pipeline's names. */
    public static TopicNames defaults() {
      return new TopicNames(Topics.TRIALS_RAW.name(), Topics.ARTICLES_RAW.name(), Topics.INGEST_DLQ.name(),
          Topics.INGEST_CURSORS.name());
    }
  }

  private static void requireUrl(final URI url, final String key) {
    Objects.requireNonNull(url, key);
    final String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException(key + " must be an absolute http(s) URL: " + url);
    }
  }

  private static void requireText(final String s, final String key) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank");
    }
  }

  private static void requireRange(final int v, final int min, final int max, final String key) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ": " + v);
    }
  }

  private static void requirePositive(final Duration d, final String key) {
    Objects.requireNonNull(d, key);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + " must be positive: " + d);
    }
  }

  private static void requireRate(final double r, final String key) {
    if (!(r > 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(key + " must be a positive number of requests per second: " + r);
    }
  }
}
