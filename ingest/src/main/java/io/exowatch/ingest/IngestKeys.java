package io.exowatch.ingest;

import io.exowatch.common.config.ConfigException;
import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration keys of {@code exowatch ingest}, each with its default (see the constants), and
 * their translation into {@link IngestSettings}. Environment form: {@code EXOWATCH_} + the name
 * upper-cased with dots and dashes as underscores, e.g. {@code EXOWATCH_SOURCES_CTGOV_BASE_URL}.
 */
public final class IngestKeys {

  private static final IngestSettings D = IngestSettings.defaults();

  /** Whether ClinicalTrials.gov is scraped. Default true. */
  public static final ConfigKey<Boolean> CTGOV_ENABLED = ConfigKey.bool(
      "sources.ctgov.enabled", D.ctgov().enabled(), "Scrape ClinicalTrials.gov (API v2).");
  /** ClinicalTrials.gov API base. Default {@code https://clinicaltrials.gov/api/v2}. */
  public static final ConfigKey<URI> CTGOV_BASE_URL = ConfigKey.url(
      "sources.ctgov.base-url", D.ctgov().baseUrl().toString(), "ClinicalTrials.gov API v2 base URL; requests go to {base-url}/studies.");
  /** ClinicalTrials.gov {@code query.term}. Default: MSC-EV terms (see DefaultQueries). */
  public static final ConfigKey<String> CTGOV_QUERY = ConfigKey.string(
      "sources.ctgov.query", D.ctgov().query(), "query.term (Essie syntax); incremental runs add AREA[LastUpdatePostDate]RANGE[<cursor>,MAX].");
  /** Studies per page. Default 1000 (the API's maximum). */
  public static final ConfigKey<Integer> CTGOV_PAGE_SIZE = ConfigKey.integer(
      "sources.ctgov.page-size", D.ctgov().pageSize(), "Studies per page, 1 to 1000.");
  /** Time between ClinicalTrials.gov passes. Default 6 h. */
  public static final ConfigKey<Duration> CTGOV_POLL_INTERVAL = ConfigKey.duration(
      "sources.ctgov.poll-interval", D.ctgov().pollInterval(), "Time between passes over ClinicalTrials.gov.");
  /** Requests per second to ClinicalTrials.gov. Default 1. */
  public static final ConfigKey<Double> CTGOV_RATE_LIMIT = ConfigKey.decimal(
      "sources.ctgov.rate-limit", D.ctgov().rateLimit(), "Requests per second to ClinicalTrials.gov.");

  /** Whether PubMed is searched. Default true. */
  public static final ConfigKey<Boolean> PUBMED_ENABLED = ConfigKey.bool(
      "sources.pubmed.enabled", D.pubmed().enabled(), "Search PubMed (E-utilities).");
  /** E-utilities base. Default {@code https://eutils.ncbi.nlm.nih.gov/entrez/eutils}. */
  public static final ConfigKey<URI> PUBMED_BASE_URL = ConfigKey.url(
      "sources.pubmed.base-url", D.pubmed().baseUrl().toString(), "E-utilities base URL (esearch.fcgi and efetch.fcgi under it).");
  /** esearch {@code term}. Default: MSC-EV terms in title/abstract. */
  public static final ConfigKey<String> PUBMED_QUERY = ConfigKey.string(
      "sources.pubmed.query", D.pubmed().query(), "esearch term (PubMed syntax).");
  /** PMIDs per efetch. Default 200. */
  public static final ConfigKey<Integer> PUBMED_BATCH_SIZE = ConfigKey.integer(
      "sources.pubmed.batch-size", D.pubmed().batchSize(), "PMIDs per efetch request.");
  /** Time between PubMed passes. Default 6 h. */
  public static final ConfigKey<Duration> PUBMED_POLL_INTERVAL = ConfigKey.duration(
      "sources.pubmed.poll-interval", D.pubmed().pollInterval(), "Time between passes over PubMed.");
  /** Requests per second to E-utilities. Default 3 (10 allowed with an API key). */
  public static final ConfigKey<Double> PUBMED_RATE_LIMIT = ConfigKey.decimal(
      "sources.pubmed.rate-limit", D.pubmed().rateLimit(), "Requests per second to E-utilities (3 without an API key, up to 10 with one).");
  /** NCBI API key. Default none. */
  public static final ConfigKey<String> PUBMED_API_KEY = ConfigKey.string(
      "sources.pubmed.api-key", "", "NCBI API key sent as api_key; empty (or none) for no key.");
  /** Date field of incremental runs. Default {@code mdat}. */
  public static final ConfigKey<String> PUBMED_DATE_TYPE = ConfigKey.string(
      "sources.pubmed.date-type", D.pubmed().dateType(), "Date incremental runs filter on: mdat (modified), edat (entered) or pdat (published).");

  /** Whether Europe PMC is searched. Default true. */
  public static final ConfigKey<Boolean> EUROPEPMC_ENABLED = ConfigKey.bool(
      "sources.europepmc.enabled", D.europePmc().enabled(), "Search Europe PMC (REST).");
  /** Europe PMC REST base. Default {@code https://www.ebi.ac.uk/europepmc/webservices/rest}. */
  public static final ConfigKey<URI> EUROPEPMC_BASE_URL = ConfigKey.url(
      "sources.europepmc.base-url", D.europePmc().baseUrl().toString(), "Europe PMC REST base URL (search under it).");
  /** Europe PMC {@code query}. Default: MSC-EV terms in title/abstract. */
  public static final ConfigKey<String> EUROPEPMC_QUERY = ConfigKey.string(
      "sources.europepmc.query", D.europePmc().query(), "Europe PMC search query; incremental runs add UPDATE_DATE:[from TO to].");
  /** Results per page. Default 250. */
  public static final ConfigKey<Integer> EUROPEPMC_PAGE_SIZE = ConfigKey.integer(
      "sources.europepmc.page-size", D.europePmc().pageSize(), "Results per page, 1 to 1000.");
  /** Time between Europe PMC passes. Default 6 h. */
  public static final ConfigKey<Duration> EUROPEPMC_POLL_INTERVAL = ConfigKey.duration(
      "sources.europepmc.poll-interval", D.europePmc().pollInterval(), "Time between passes over Europe PMC.");
  /** Requests per second to Europe PMC. Default 5. */
  public static final ConfigKey<Double> EUROPEPMC_RATE_LIMIT = ConfigKey.decimal(
      "sources.europepmc.rate-limit", D.europePmc().rateLimit(), "Requests per second to Europe PMC.");

  /** Whether landing pages are fetched. Default true. */
  public static final ConfigKey<Boolean> PAGES_ENABLED = ConfigKey.bool(
      "sources.pages.enabled", D.pages().enabled(), "Fetch article landing pages.");
  /** Landing pages fetched on every pass. Default none. */
  public static final ConfigKey<List<String>> PAGES_URLS = ConfigKey.list(
      "sources.pages.urls", List.of(), "Landing-page URLs fetched on every pass (comma separated).");
  /** DOI resolver. Default {@code https://doi.org/}. */
  public static final ConfigKey<URI> PAGES_DOI_RESOLVER = ConfigKey.url(
      "sources.pages.doi-resolver", D.pages().doiResolver().toString(), "DOIs are fetched as {doi-resolver}/{doi}.");
  /** Whether DOIs found by the other sources are fetched. Default true. */
  public static final ConfigKey<Boolean> PAGES_FOLLOW_DOIS = ConfigKey.bool(
      "sources.pages.follow-dois", D.pages().followDois(), "Fetch the landing pages of DOIs the other sources find.");
  /** DOI pages per pass at most. Default 100. */
  public static final ConfigKey<Integer> PAGES_MAX_DOIS_PER_RUN = ConfigKey.integer(
      "sources.pages.max-dois-per-run", D.pages().maxDoisPerRun(), "Most DOI landing pages fetched in one pass; the rest wait in the cursor.");
  /** Hosts DOIs may redirect to. Default: common publisher hosts. */
  public static final ConfigKey<List<String>> PAGES_ALLOWED_HOSTS = ConfigKey.list(
      "sources.pages.allowed-hosts", D.pages().allowedHosts(), "Hosts (with subdomains) a DOI may redirect to, besides the resolver and the configured URLs' hosts.");
  /** Time between landing-page passes. Default 24 h. */
  public static final ConfigKey<Duration> PAGES_POLL_INTERVAL = ConfigKey.duration(
      "sources.pages.poll-interval", D.pages().pollInterval(), "Time between passes over landing pages.");
  /** Requests per second per landing-page host. Default 1. */
  public static final ConfigKey<Double> PAGES_RATE_LIMIT = ConfigKey.decimal(
      "sources.pages.rate-limit", D.pages().rateLimit(), "Requests per second to each landing-page host.");

  /** Read timeout: the whole response. Default 60 s. */
  public static final ConfigKey<Duration> HTTP_TIMEOUT = ConfigKey.duration(
      "http.timeout", D.http().readTimeout(), "Time allowed for a whole HTTP response (headers and body) after the request is sent.");
  /** Connect timeout. Default 10 s. */
  public static final ConfigKey<Duration> HTTP_CONNECT_TIMEOUT = ConfigKey.duration(
      "http.connect-timeout", D.http().connectTimeout(), "Time allowed to open an HTTP connection.");
  /** Largest response body. Default 32 MiB. */
  public static final ConfigKey<Long> HTTP_MAX_BODY_BYTES = ConfigKey.size(
      "http.max-body-bytes", D.http().maxBodyBytes(), "Largest response body accepted (after gzip decoding); larger ones are dead-lettered.");
  /** Retries of transient failures. Default 4. */
  public static final ConfigKey<Integer> HTTP_MAX_RETRIES = ConfigKey.integer(
      "http.max-retries", D.http().maxRetries(), "Retries of I/O errors, timeouts, 429 and 5xx (exponential backoff with jitter, Retry-After honoured).");
  /** First retry delay. Default 1 s. */
  public static final ConfigKey<Duration> HTTP_RETRY_BACKOFF = ConfigKey.duration(
      "http.retry-backoff", D.http().initialBackoff(), "Delay before the first retry; doubles each retry up to 60 s.");
  /** User agent. Default names ExoWatch. */
  public static final ConfigKey<String> HTTP_USER_AGENT = ConfigKey.string(
      "http.user-agent", D.http().userAgent(), "User-Agent of every request; keep ExoWatch and a contact in it.");

  /** ChiCTR (Chinese Clinical Trial Registry): {@code sources.chictr.*}. */
  public static final RegistryKeys CHICTR = RegistryKeys.of("chictr", "ChiCTR (Chinese Clinical Trial Registry)");
  /** IRCT (Iranian Registry of Clinical Trials): {@code sources.irct.*}. */
  public static final RegistryKeys IRCT = RegistryKeys.of("irct", "IRCT (Iranian Registry of Clinical Trials)");
  /** ISRCTN registry: {@code sources.isrctn.*}. */
  public static final RegistryKeys ISRCTN = RegistryKeys.of("isrctn", "the ISRCTN registry (XML API)");
  /** EU Clinical Trials Register: {@code sources.euctr.*}. */
  public static final RegistryKeys EUCTR = RegistryKeys.of("euctr", "the EU Clinical Trials Register");

  /** Topic of raw trials. Default {@code trials-raw}. */
  public static final ConfigKey<String> TOPIC_TRIALS = ConfigKey.string(
      "ingest.topic.trials", D.topics().trials(), "Topic the ingest writes TrialRecords to (compacted).");
  /** Topic of raw articles. Default {@code articles-raw}. */
  public static final ConfigKey<String> TOPIC_ARTICLES = ConfigKey.string(
      "ingest.topic.articles", D.topics().articles(), "Topic the ingest writes ArticleRecords to (compacted).");
  /** Topic of ingest dead letters. Default {@code ingest-dlq}. */
  public static final ConfigKey<String> TOPIC_DLQ = ConfigKey.string(
      "ingest.topic.dlq", D.topics().deadLetters(), "Topic the ingest writes DeadLetters to.");
  /** Topic of source cursors. Default {@code ingest-cursors}. */
  public static final ConfigKey<String> TOPIC_CURSORS = ConfigKey.string(
      "ingest.topic.cursors", D.topics().cursors(), "Compacted topic holding where each source stands (JSON per source).");

  private IngestKeys() {
  }

  /** Every key declared here, the registries' ({@link #registries()}) included. */
  public static List<ConfigKey<?>> all() {
    final List<ConfigKey<?>> keys = new ArrayList<>(List.of(CTGOV_ENABLED, CTGOV_BASE_URL, CTGOV_QUERY, CTGOV_PAGE_SIZE, CTGOV_POLL_INTERVAL, CTGOV_RATE_LIMIT,
        PUBMED_ENABLED, PUBMED_BASE_URL, PUBMED_QUERY, PUBMED_BATCH_SIZE, PUBMED_POLL_INTERVAL, PUBMED_RATE_LIMIT,
        PUBMED_API_KEY, PUBMED_DATE_TYPE,
        EUROPEPMC_ENABLED, EUROPEPMC_BASE_URL, EUROPEPMC_QUERY, EUROPEPMC_PAGE_SIZE, EUROPEPMC_POLL_INTERVAL,
        EUROPEPMC_RATE_LIMIT,
        PAGES_ENABLED, PAGES_URLS, PAGES_DOI_RESOLVER, PAGES_FOLLOW_DOIS, PAGES_MAX_DOIS_PER_RUN, PAGES_ALLOWED_HOSTS,
        PAGES_POLL_INTERVAL, PAGES_RATE_LIMIT,
        HTTP_TIMEOUT, HTTP_CONNECT_TIMEOUT, HTTP_MAX_BODY_BYTES, HTTP_MAX_RETRIES, HTTP_RETRY_BACKOFF, HTTP_USER_AGENT,
        TOPIC_TRIALS, TOPIC_ARTICLES, TOPIC_DLQ, TOPIC_CURSORS));
    for (final RegistryKeys r : registries()) {
      keys.addAll(r.all());
    }
    return List.copyOf(keys);
  }

  /** The keys of the registries, in {@link IngestSettings.Registry#NAMES} order. */
  public static List<RegistryKeys> registries() {
    return List.of(CHICTR, IRCT, ISRCTN, EUCTR);
  }

  /**
   * The keys {@code sources.<name>.enabled}, {@code .base-url}, {@code .query}, {@code .max-pages},
   * {@code .poll-interval} and {@code .rate-limit} of one registry, defaults from
   * {@link IngestSettings.Registry#defaults(String)}.
   *
   * @param name the registry's name
   * @param enabled whether it is searched
   * @param baseUrl the site's root
   * @param query the search term
   * @param maxPages result pages a pass at most
   * @param pollInterval time between passes
   * @param rateLimit requests per second
   */
  public record RegistryKeys(String name, ConfigKey<Boolean> enabled, ConfigKey<URI> baseUrl, ConfigKey<String> query,
      ConfigKey<Integer> maxPages, ConfigKey<Duration> pollInterval, ConfigKey<Double> rateLimit) {

    static RegistryKeys of(final String name, final String title) {
      final IngestSettings.Registry d = IngestSettings.Registry.defaults(name);
      final String p = "sources." + name + ".";
      return new RegistryKeys(name,
          ConfigKey.bool(p + "enabled", d.enabled(), "Search " + title + "."),
          ConfigKey.url(p + "base-url", d.baseUrl().toString(), "Root URL of " + title + "; the source appends its paths."),
          ConfigKey.string(p + "query", d.query(), "Search term sent to " + title + ", in the site's syntax."),
          ConfigKey.integer(p + "max-pages", d.maxPages(), "Result pages read in one pass at most, 1 to 10000."),
          ConfigKey.duration(p + "poll-interval", d.pollInterval(), "Time between passes over " + title + "."),
          ConfigKey.decimal(p + "rate-limit", d.rateLimit(), "Requests per second to " + title + "."));
    }

    /** The six keys. */
    public List<ConfigKey<?>> all() {
      return List.of(enabled, baseUrl, query, maxPages, pollInterval, rateLimit);
    }

    IngestSettings.Registry settings(final ExoConfig c) {
      return new IngestSettings.Registry(name, c.get(enabled), c.get(baseUrl), c.get(query), c.get(maxPages),
          c.get(pollInterval), c.get(rateLimit));
    }
  }

  /** The settings these keys give in {@code c}; a bad combination fails naming the key. */
  static IngestSettings settings(final ExoConfig c) {
    try {
      final HttpSettings http = new HttpSettings(c.get(HTTP_USER_AGENT), c.get(HTTP_CONNECT_TIMEOUT),
          c.get(HTTP_TIMEOUT), c.get(HTTP_MAX_BODY_BYTES), c.get(HTTP_MAX_RETRIES), c.get(HTTP_RETRY_BACKOFF),
          D.http().maxBackoff(), D.http().maxRetryAfter());
      final String apiKey = c.get(PUBMED_API_KEY);
      return new IngestSettings(
          new IngestSettings.CtGov(c.get(CTGOV_ENABLED), c.get(CTGOV_BASE_URL), c.get(CTGOV_QUERY),
              c.get(CTGOV_PAGE_SIZE), c.get(CTGOV_POLL_INTERVAL), c.get(CTGOV_RATE_LIMIT)),
          new IngestSettings.PubMed(c.get(PUBMED_ENABLED), c.get(PUBMED_BASE_URL), c.get(PUBMED_QUERY),
              c.get(PUBMED_BATCH_SIZE), c.get(PUBMED_POLL_INTERVAL), c.get(PUBMED_RATE_LIMIT),
              apiKey.equalsIgnoreCase("none") ? "" : apiKey, c.get(PUBMED_DATE_TYPE)),
          new IngestSettings.EuropePmc(c.get(EUROPEPMC_ENABLED), c.get(EUROPEPMC_BASE_URL), c.get(EUROPEPMC_QUERY),
              c.get(EUROPEPMC_PAGE_SIZE), c.get(EUROPEPMC_POLL_INTERVAL), c.get(EUROPEPMC_RATE_LIMIT)),
          new IngestSettings.Pages(c.get(PAGES_ENABLED), urls(c.get(PAGES_URLS)), c.get(PAGES_DOI_RESOLVER),
              c.get(PAGES_FOLLOW_DOIS), c.get(PAGES_MAX_DOIS_PER_RUN), c.get(PAGES_ALLOWED_HOSTS),
              c.get(PAGES_POLL_INTERVAL), c.get(PAGES_RATE_LIMIT)),
          registries().stream().map(r -> r.settings(c)).toList(),
          http,
          new IngestSettings.TopicNames(c.get(TOPIC_TRIALS), c.get(TOPIC_ARTICLES), c.get(TOPIC_DLQ),
              c.get(TOPIC_CURSORS)));
    } catch (final IllegalArgumentException e) {
      throw new ConfigException("Invalid ingest configuration: " + e.getMessage(), e);
    }
  }

  private static List<URI> urls(final List<String> raw) {
    final List<URI> out = new ArrayList<>();
    for (final String s : raw) {
      try {
        out.add(URI.create(s.strip()));
      } catch (final IllegalArgumentException e) {
        throw new IllegalArgumentException(PAGES_URLS.name() + " holds an invalid URL '" + s + "': " + e.getMessage(), e);
      }
    }
    return out;
  }
}
