package io.exowatch.app.offline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Entrez history server: search results kept under a {@code WebEnv} and numbered
 * {@code QueryKey}s, so efetch can page through them. Bounded: the least recently used of more than
 * {@value #MAX_ENVS} environments is dropped, and an environment keeps its last
 * {@value #MAX_QUERIES_PER_ENV} queries (later keys keep counting up). Thread-safe.
 */
public final class EntrezHistory {

  /** Most environments kept. */
  public static final int MAX_ENVS = 200;
  /** Most queries kept per environment. */
  public static final int MAX_QUERIES_PER_ENV = 50;

  /**
   * A stored search.
   *
   * @param webEnv the environment
   * @param queryKey the query's key in it
   */
  public record Stored(String webEnv, int queryKey) {
  }

  private static final class Env {
    final Map<Integer, List<String>> queries = new LinkedHashMap<>();
    int nextKey = 1;
  }

  private final AtomicLong counter = new AtomicLong();
  private final Map<String, Env> envs = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(final Map.Entry<String, Env> eldest) {
      return size() > MAX_ENVS;
    }
  };

  /**
   * Stores {@code pmids} as the next query of {@code webEnv}, or of a new environment when
   * {@code webEnv} is {@code null} or unknown (as NCBI does when an environment expired).
   */
  public synchronized Stored store(final String webEnv, final List<String> pmids) {
    String name = webEnv;
    Env env = name == null ? null : envs.get(name);
    if (env == null) {
      name = newName();
      env = new Env();
      envs.put(name, env);
    }
    final int key = env.nextKey++;
    env.queries.put(key, List.copyOf(pmids));
    if (env.queries.size() > MAX_QUERIES_PER_ENV) {
      env.queries.remove(env.queries.keySet().iterator().next());
    }
    return new Stored(name, key);
  }

  /** The PMIDs of query {@code queryKey} in {@code webEnv}. */
  public synchronized Optional<List<String>> get(final String webEnv, final int queryKey) {
    final Env env = envs.get(webEnv);
    return env == null ? Optional.empty() : Optional.ofNullable(env.queries.get(queryKey));
  }

  private String newName() {
    // Shaped like NCBI's: MCID_ and 24 hex digits.
    final long n = counter.incrementAndGet();
    final String hex = Long.toHexString(n * 0x9E3779B97F4A7C15L ^ System.nanoTime());
    return "MCID_" + ("0000000000000000" + hex).substring(hex.length()) + String.format(Locale.ROOT, "%08x", n);
  }
}
