package io.exowatch.ingest.http;

import io.exowatch.ingest.http.internal.BoundedBodyHandler;
import io.exowatch.ingest.http.internal.RetryPolicy;
import io.exowatch.ingest.http.internal.TokenBucket;
import io.exowatch.ingest.http.internal.ValidatorCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP session of one site (ClinicalTrials.gov, PubMed, Europe PMC, landing pages): every request
 * to that site goes through it, so politeness and limits are set once.
 *
 * <ul>
 *   <li>A {@code User-Agent} naming ExoWatch, connect and read timeouts, and a maximum body size
 *       ({@link HttpSettings}; defaults 10 s, 60 s, 32 MiB).</li>
 *   <li>Only allowed hosts: the hosts of the base URLs given to the builder and hosts allowed
 *       explicitly (a host allows its subdomains). Redirects are followed by hand (at most 5) and
 *       each hop is checked, so a redirect cannot lead elsewhere.</li>
 *   <li>A token-bucket rate limit per host (capacity 1, so requests are spaced {@code 1/rate}
 *       apart); every attempt, retry and redirect hop takes a token.</li>
 *   <li>Bounded retries for I/O errors, timeouts, 429 and 5xx with exponential backoff and jitter,
 *       honouring {@code Retry-After} (seconds or HTTP date, capped), logged as "retry n of m".
 *       Other 4xx fail at once with {@link HttpStatusException}.</li>
 *   <li>{@code Accept-Encoding: gzip}, decoded within the body limit.</li>
 *   <li>Conditional requests through {@link #getConditional}: {@code If-None-Match} /
 *       {@code If-Modified-Since} from the previous response of the same URL (kept in memory).</li>
 * </ul>
 * Thread-safe.
 */
public final class SiteClient {

  private static final Logger LOG = LoggerFactory.getLogger(SiteClient.class);
  private static final int MAX_REDIRECTS = 5;
  private static final int SNIPPET_CHARS = 300;

  private final String site;
  private final Set<String> allowedHosts;
  private final double ratePerSecond;
  private final HttpSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy retryPolicy;
  private final HttpClient http;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final ValidatorCache validators = new ValidatorCache(4096);

  private SiteClient(final Builder b) {
    this.site = b.site;
    this.allowedHosts = Set.copyOf(b.allowedHosts);
    this.ratePerSecond = b.ratePerSecond;
    this.settings = b.settings;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.retryPolicy = new RetryPolicy(settings.initialBackoff(), settings.maxBackoff(),
        settings.maxRetryAfter(), b.random);
    this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** A builder for the site named {@code site} (used in logs and errors). */
  public static Builder builder(final String site) {
    return new Builder(site);
  }

  /** The site's name. */
  public String site() {
    return site;
  }

  /** The requests per second allowed per host. */
  public double ratePerSecond() {
    return ratePerSecond;
  }

  /** The settings in force. */
  public HttpSettings settings() {
    return settings;
  }

  /** Whether {@code url} is http(s) on an allowed host. */
  public boolean isAllowed(final URI url) {
    final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      return false;
    }
    final String host = url.getHost().toLowerCase(Locale.ROOT);
    for (final String allowed : allowedHosts) {
      if (host.equals(allowed) || host.endsWith("." + allowed)) {
        return true;
      }
    }
    return false;
  }

  /**
   * GETs {@code url}, retrying transient failures.
   *
   * @return the 2xx response
   * @throws HttpStatusException a 4xx other than 429 (at once), or 429/5xx after the last retry
   * @throws BodyTooLargeException the body passed {@code http.max-body-bytes}
   * @throws HostNotAllowedException the URL or a redirect left the allowed hosts
   * @throws FetchException an I/O error or timeout after the last retry
   */
  public Fetched get(final URI url) throws FetchException, InterruptedException {
    return get(url, Map.of());
  }

  /** GETs {@code url} with extra request headers (e.g. {@code Accept}); see {@link #get(URI)}. */
  public Fetched get(final URI url, final Map<String, String> headers)
      throws FetchException, InterruptedException {
    return fetchWithRetries(url, headers, false);
  }

  /**
   * GETs {@code url} conditionally: when an earlier response of this URL carried an {@code ETag} or
   * {@code Last-Modified}, the server may answer 304, returned as {@link Fetched#notModified()}.
   */
  public Fetched getConditional(final URI url) throws FetchException, InterruptedException {
    return fetchWithRetries(url, Map.of(), true);
  }

  private Fetched fetchWithRetries(final URI url, final Map<String, String> headers,
      final boolean conditional) throws FetchException, InterruptedException {
    final int maxRetries = settings.maxRetries();
    for (int attempt = 0; ; attempt++) {
      try {
        return fetchFollowingRedirects(url, headers, conditional);
      } catch (final FetchException e) {
        if (!e.isTransient()) {
          throw e;
        }
        if (attempt >= maxRetries) {
          LOG.warn("{}: giving up on {} after {} attempts: {}", site, Urls.redact(url.toString()), attempt + 1,
              e.getMessage());
          throw e;
        }
        final Optional<Duration> retryAfter = e instanceof HttpStatusException hse
            ? hse.retryAfter() : Optional.empty();
        final Duration delay = retryPolicy.delay(attempt + 1, retryAfter);
        LOG.warn("{}: {}; retry {} of {} in {} ms", site, e.getMessage(), attempt + 1, maxRetries,
            delay.toMillis());
        sleeper.sleep(delay);
      }
    }
  }

  private Fetched fetchFollowingRedirects(final URI url, final Map<String, String> headers,
      final boolean conditional) throws FetchException, InterruptedException {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!isAllowed(current)) {
        throw new HostNotAllowedException(current, site);
      }
      final Map<String, String> requestHeaders = new LinkedHashMap<>(headers);
      if (conditional && hop == 0) {
        validators.get(url).ifPresent(v -> {
          if (v.etag() != null) {
            requestHeaders.put("If-None-Match", v.etag());
          }
          if (v.lastModified() != null) {
            requestHeaders.put("If-Modified-Since", v.lastModified());
          }
        });
      }
      final HttpResponse<byte[]> response = exchange(current, requestHeaders);
      final int status = response.statusCode();
      final Map<String, List<String>> responseHeaders = lowerCaseHeaders(response);
      if (isRedirect(status)) {
        final Optional<String> location = response.headers().firstValue("location");
        if (location.isEmpty()) {
          throw new HttpStatusException(current, status, "redirect without Location", null);
        }
        current = current.resolve(location.get().trim());
        continue;
      }
      final byte[] body = decode(current, response);
      if (status >= 200 && status <= 299 || status == 304 && conditional) {
        if (conditional && status != 304) {
          validators.put(url, response.headers().firstValue("etag").orElse(null),
              response.headers().firstValue("last-modified").orElse(null));
        }
        return new Fetched(url, current, status, responseHeaders, status == 304 ? new byte[0] : body);
      }
      final Optional<Duration> retryAfter = response.headers().firstValue("retry-after")
          .flatMap(v -> RetryPolicy.parseRetryAfter(v, clock));
      throw new HttpStatusException(current, status, snippet(body), retryAfter.orElse(null));
    }
    throw new FetchException(url, "More than " + MAX_REDIRECTS + " redirects", false, null);
  }

  private HttpResponse<byte[]> exchange(final URI url, final Map<String, String> headers)
      throws FetchException, InterruptedException {
    bucket(url).acquire();
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before requesting " + Urls.redact(url.toString()));
    }
    final HttpRequest.Builder rb = HttpRequest.newBuilder(url)
        .GET()
        .timeout(settings.readTimeout())
        .header("User-Agent", settings.userAgent())
        .header("Accept-Encoding", "gzip");
    headers.forEach(rb::header);
    final CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(rb.build(), new BoundedBodyHandler(settings.maxBodyBytes()));
    try {
      return future.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (final TimeoutException e) {
      future.cancel(true);
      throw new FetchException(url, "No complete response within " + settings.readTimeout().toMillis()
          + " ms", true, e);
    } catch (final InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (final ExecutionException e) {
      final Throwable cause = e.getCause();
      if (cause instanceof BoundedBodyHandler.LimitExceeded le) {
        throw new BodyTooLargeException(url, settings.maxBodyBytes(), le.declaredLength(), le.partial());
      }
      if (cause instanceof HttpTimeoutException) {
        throw new FetchException(url, "No complete response within " + settings.readTimeout().toMillis()
            + " ms (" + cause.getMessage() + ")", true, cause);
      }
      if (cause instanceof IOException) {
        throw new FetchException(url, "I/O error: " + describe(cause), true, cause);
      }
      throw new FetchException(url, "Request failed: " + describe(cause), false, cause);
    }
  }

  private byte[] decode(final URI url, final HttpResponse<byte[]> response) throws FetchException {
    final byte[] raw = response.body() == null ? new byte[0] : response.body();
    final String encoding = response.headers().firstValue("content-encoding").orElse("identity")
        .trim().toLowerCase(Locale.ROOT);
    if (raw.length == 0 || !encoding.equals("gzip") && !encoding.equals("x-gzip")) {
      return raw;
    }
    try {
      return BoundedBodyHandler.gunzip(raw, settings.maxBodyBytes());
    } catch (final BoundedBodyHandler.LimitExceeded le) {
      throw new BodyTooLargeException(url, settings.maxBodyBytes(), -1, le.partial());
    } catch (final IOException e) {
      // A gzip stream that ends early is a broken transfer: worth a retry.
      throw new FetchException(url, "Corrupt gzip body: " + describe(e), true, e);
    }
  }

  private TokenBucket bucket(final URI url) {
    final String host = url.getHost().toLowerCase(Locale.ROOT);
    return buckets.computeIfAbsent(host, h -> new TokenBucket(ratePerSecond, 1, clock, sleeper));
  }

  private static boolean isRedirect(final int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Map<String, List<String>> lowerCaseHeaders(final HttpResponse<?> response) {
    final Map<String, List<String>> out = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) ->
        out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    return out;
  }

  private static String snippet(final byte[] body) {
    final String s = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").trim();
    return s.length() <= SNIPPET_CHARS ? s : s.substring(0, SNIPPET_CHARS) + "...";
  }

  private static String describe(final Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * Builds a {@link SiteClient}. Defaults: rate 1 request/s per host, {@link HttpSettings#defaults()},
   * the system clock and sleeper, a new JDK {@link HttpClient}.
   */
  public static final class Builder {
    private final String site;
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private double ratePerSecond = 1.0;
    private HttpSettings settings = HttpSettings.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private HttpClient httpClient;

    private Builder(final String site) {
      this.site = Objects.requireNonNull(site, "site");
    }

    /** Allows the host of {@code baseUrl}. */
    public Builder allowBaseUrl(final URI baseUrl) {
      if (baseUrl.getHost() == null) {
        throw new IllegalArgumentException("Base URL of site " + site + " has no host: " + baseUrl);
      }
      allowedHosts.add(baseUrl.getHost().toLowerCase(Locale.ROOT));
      return this;
    }

    /** Allows {@code host} and its subdomains. */
    public Builder allowHost(final String host) {
      final String h = host.trim().toLowerCase(Locale.ROOT);
      if (!h.isEmpty()) {
        allowedHosts.add(h.startsWith(".") ? h.substring(1) : h);
      }
      return this;
    }

    /** Requests per second per host; positive. */
    public Builder rateLimit(final double perSecond) {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("Rate limit of site " + site + " must be positive: " + perSecond);
      }
      this.ratePerSecond = perSecond;
      return this;
    }

    /** Timeouts, limits, retries and user agent. */
    public Builder settings(final HttpSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    /** Time source for rate limits and Retry-After dates. */
    public Builder clock(final Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** How to wait for rate limits and backoff. */
    public Builder sleeper(final Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /** Source of jitter, uniform in [0, 1). */
    public Builder random(final DoubleSupplier r) {
      this.random = Objects.requireNonNull(r, "random");
      return this;
    }

    /** The JDK client to use; it must not follow redirects itself. */
    public Builder httpClient(final HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The client. */
    public SiteClient build() {
      if (allowedHosts.isEmpty()) {
        throw new IllegalStateException("Site " + site + " has no allowed host");
      }
      return new SiteClient(this);
    }
  }
}
