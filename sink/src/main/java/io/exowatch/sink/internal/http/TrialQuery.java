package io.exowatch.sink.internal.http;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.TrialStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validated {@code /api/trials} request: free text, filters (several values of one filter are
 * OR-ed, filters are AND-ed), paging, sort, and whether the registrations of one real trial are
 * collapsed into one hit ({@code collapse}, default {@code true}; {@code collapse=false} gives one hit
 * per registration).
 *
 * @param q free text, or {@code null}
 * @param filters by document field: {@code category}, {@code applications}, {@code mscSources},
 *     {@code routes}, {@code productTypes}, {@code phase}, {@code status}, {@code registry}
 * @param from first hit
 * @param size hits per page (at most 100)
 * @param sort {@code relevance}, {@code lastUpdate} or {@code startDate}
 * @param collapse one hit per real trial (shared {@code canonicalId}) rather than per registration;
 *     paging then counts trials
 */
public record TrialQuery(String q, Map<String, List<String>> filters, int from, int size, String sort, boolean collapse) {

  /** A collapsed request (one hit per real trial). */
  public TrialQuery(final String q, final Map<String, List<String>> filters, final int from, final int size, final String sort) {
    this(q, filters, from, size, sort, true);
  }

  /** Query parameter → document field of each filter. */
  public static final Map<String, String> FILTER_FIELDS = Map.of(
      "category", "category", "application", "applications", "source", "mscSources", "route", "routes",
      "product", "productTypes", "phase", "phase", "status", "status", "registry", "registry");

  /** Every parameter {@code /api/trials} and {@code /api/charts/trials} accept. */
  public static final Set<String> PARAMETERS = Set.of("q", "category", "application", "source", "route", "product",
      "phase", "status", "registry", "from", "size", "sort", "collapse");

  /** Parses and validates the request's parameters. */
  public static TrialQuery parse(final Map<String, List<String>> raw) {
    final ApiParams p = ApiParams.of(raw, PARAMETERS);
    final Map<String, List<String>> filters = new LinkedHashMap<>();
    put(filters, "category", p.labels("category", names(Category.values())));
    put(filters, "applications", p.labels("application", names(Application.values())));
    put(filters, "mscSources", p.labels("source", names(MscSource.values())));
    put(filters, "routes", p.labels("route", names(Route.values())));
    put(filters, "productTypes", p.labels("product", names(ProductType.values())));
    put(filters, "phase", p.labels("phase", names(Phase.values())));
    put(filters, "status", p.labels("status", names(TrialStatus.values())));
    put(filters, "registry", p.registries("registry"));
    final int[] page = p.page();
    final String sort = p.choice("sort", "relevance", Set.of("relevance", "lastUpdate", "startDate"));
    return new TrialQuery(p.text("q"), filters, page[0], page[1], sort, p.bool("collapse", true));
  }

  static Set<String> names(final Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
  }

  private static void put(final Map<String, List<String>> m, final String field, final List<String> values) {
    if (!values.isEmpty()) {
      m.put(field, values);
    }
  }
}
