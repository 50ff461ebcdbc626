package io.exowatch.app.offline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated Europe PMC REST search under {@code /europepmc/webservices/rest}:
 * {@code GET /search?query=...&format=json&resultType=core|lite|idlist&pageSize=n&cursorMark=*}.
 *
 * <p>{@code query} is required, but only its date ranges are honoured:
 * {@code FIELD:[yyyy-MM-dd TO yyyy-MM-dd]} (either bound may be {@code *}) for {@code UPDATE_DATE}
 * ({@code dateOfRevision}), {@code FIRST_PDATE}, {@code FIRST_IDATE}, {@code CREATION_DATE},
 * {@code E_PDATE}; every other record is a hit. {@code format} must be {@code json}
 * ({@code xml} gets 400); {@code resultType} defaults to {@code lite}; {@code pageSize} defaults to 25,
 * 1 to 1000. Paging follows Europe PMC's cursor semantics: every response with hits carries
 * {@code nextCursorMark}; the page after the last result is empty and repeats the cursor it was
 * asked with; a search without hits has no {@code nextCursorMark}.
 */
public final class EuropePmcHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/europepmc/webservices/rest";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATE_RANGE = Pattern.compile(
      "\\b(UPDATE_DATE|FIRST_PDATE|FIRST_IDATE|CREATION_DATE|E_PDATE)\\s*:\\s*\\[\\s*(\\S+)\\s+TO\\s+(\\S+)\\s*]",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> LITE_FIELDS = Set.of("id", "source", "pmid", "pmcid", "fullTextIdList", "doi", "title",
      "authorString", "pubYear", "pageInfo", "pubType", "isOpenAccess", "inEPMC", "inPMC", "hasPDF", "hasBook", "hasSuppl",
      "citedByCount", "hasReferences", "hasTextMinedTerms", "hasDbCrossReferences", "hasLabsLinks",
      "hasTMAccessionNumbers", "firstIndexDate", "firstPublicationDate");
  private static final Set<String> IDLIST_FIELDS = Set.of("id", "source", "pmid", "pmcid", "doi");
  private static final String CURSOR_PREFIX = "AoJ";

  private final List<ObjectNode> results;
  private final String version;

  /**
   * A handler serving the results of a Europe PMC {@code resultType=core} search response.
   *
   * @param coreSearchJson the response whose {@code resultList.result} records are served
   * @throws IllegalArgumentException when the JSON is not a search response
   */
  public EuropePmcHandler(final String coreSearchJson) {
    Objects.requireNonNull(coreSearchJson, "coreSearchJson");
    final JsonNode root;
    try {
      root = MAPPER.readTree(coreSearchJson);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("Europe PMC snapshot is not JSON: " + e.getOriginalMessage(), e);
    }
    final JsonNode list = root.path("resultList").path("result");
    if (!list.isArray()) {
      throw new IllegalArgumentException("Europe PMC snapshot has no resultList.result array");
    }
    final List<ObjectNode> out = new ArrayList<>();
    list.forEach(r -> out.add((ObjectNode) r));
    this.results = List.copyOf(out);
    this.version = root.path("version").asText("6.9");
  }

  /** A handler with no records. */
  public static EuropePmcHandler empty() {
    return new EuropePmcHandler("{\"version\":\"6.9\",\"hitCount\":0,\"resultList\":{\"result\":[]}}");
  }

  /** The records served, in order. */
  public List<ObjectNode> results() {
    return results;
  }

  /** The records as article metadata, for landing pages of DOIs known only here (preprints). */
  public List<ArticleMeta> articles() {
    final List<ArticleMeta> out = new ArrayList<>();
    for (final ObjectNode r : results) {
      final List<String> authors = new ArrayList<>();
      r.path("authorList").path("author").forEach(a -> authors.add(a.path("lastName").asText() + ", "
          + a.path("firstName").asText()));
      final List<String> keywords = new ArrayList<>();
      r.path("keywordList").path("keyword").forEach(k -> keywords.add(k.asText()));
      final JsonNode journal = r.path("journalInfo");
      final String journalTitle = journal.isMissingNode()
          ? r.path("bookOrReportDetails").path("publisher").asText(null) : journal.path("journal").path("title").asText(null);
      final LocalDate published = optionalDate(r.path("firstPublicationDate").asText(null));
      out.add(new ArticleMeta(r.path("pmid").asText(null), r.path("doi").asText(null), r.path("title").asText(""),
          journalTitle == null ? "" : journalTitle, journal.path("volume").asText(null), journal.path("issue").asText(null),
          r.path("pageInfo").asText(null), published, optionalDate(r.path("firstIndexDate").asText(null)),
          optionalDate(r.path("dateOfRevision").asText(null)), authors,
          r.path("abstractText").asText("").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim(), keywords));
    }
    return out;
  }

  private static LocalDate optionalDate(final String s) {
    return s == null ? null : LocalDate.parse(s.substring(0, Math.min(10, s.length())));
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
    if (!path.equals("/search")) {
      throw SimulatedFailure.text(404, "Not found: " + exchange.getRequestURI().getPath() + " (simulated: /search)");
    }
    final Map<String, List<String>> params = Exchanges.query(exchange);
    final String query = Exchanges.first(params, "query");
    if (query == null || query.isBlank()) {
      throw SimulatedFailure.badRequest("The query parameter is required");
    }
    final String format = Exchanges.first(params, "format");
    if (format == null || !format.equalsIgnoreCase("json")) {
      throw SimulatedFailure.badRequest("format=" + (format == null ? "xml (the default)" : format)
          + " is not simulated; use format=json");
    }
    final String resultType = Objects.requireNonNullElse(Exchanges.first(params, "resultType"), "lite").toLowerCase(Locale.ROOT);
    if (!Set.of("core", "lite", "idlist").contains(resultType)) {
      throw SimulatedFailure.badRequest("Unknown resultType '" + resultType + "'; use core, lite or idlist");
    }
    final int pageSize = Exchanges.intParam(params, "pageSize", 25, 1, 1000);
    final String cursorMark = Objects.requireNonNullElse(Exchanges.first(params, "cursorMark"), "*");
    final int offset = decodeCursor(cursorMark);

    final List<ObjectNode> hits = new ArrayList<>();
    final List<DateLimit> limits = limits(query);
    for (final ObjectNode r : results) {
      if (limits.stream().allMatch(l -> l.accepts(r))) {
        hits.add(r);
      }
    }
    final int from = Math.min(offset, hits.size());
    final int to = Math.min(hits.size(), from + pageSize);

    final ObjectNode root = MAPPER.createObjectNode();
    root.put("version", version);
    root.put("hitCount", hits.size());
    if (!hits.isEmpty()) {
      final String next = from == to ? cursorMark : encodeCursor(to);
      root.put("nextCursorMark", next);
      if (to < hits.size()) {
        root.put("nextPageUrl", "http://" + exchange.getRequestHeaders().getFirst("Host") + CONTEXT + "/search?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&cursorMark=" + next + "&resultType=" + resultType
            + "&pageSize=" + pageSize + "&format=json");
      }
    }
    final ObjectNode request = root.putObject("request");
    request.put("queryString", query);
    request.put("resultType", resultType);
    request.put("cursorMark", cursorMark);
    request.put("pageSize", pageSize);
    request.put("sort", "");
    request.put("synonym", false);
    final ArrayNode list = root.putObject("resultList").putArray("result");
    for (final ObjectNode r : hits.subList(from, to)) {
      list.add(project(r, resultType));
    }
    Exchanges.send(exchange, 200, "application/json;charset=UTF-8", MAPPER.writeValueAsBytes(root));
  }

  private static ObjectNode project(final ObjectNode core, final String resultType) {
    if (resultType.equals("core")) {
      return core;
    }
    final Set<String> keep = resultType.equals("idlist") ? IDLIST_FIELDS : LITE_FIELDS;
    final ObjectNode out = MAPPER.createObjectNode();
    core.fields().forEachRemaining(e -> {
      if (keep.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    if (resultType.equals("lite")) {
      final JsonNode journal = core.path("journalInfo");
      if (!journal.isMissingNode()) {
        out.put("journalTitle", journal.path("journal").path("isoabbreviation").asText(null));
        out.put("issue", journal.path("issue").asText(null));
        out.put("journalVolume", journal.path("volume").asText(null));
        out.put("journalIssn", journal.path("journal").path("issn").asText(null));
      }
      final JsonNode types = core.path("pubTypeList").path("pubType");
      if (types.isArray() && !types.isEmpty()) {
        out.put("pubType", String.join("; ", MAPPER.convertValue(types, String[].class)).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private record DateLimit(String field, LocalDate from, LocalDate to) {
    boolean accepts(final JsonNode r) {
      final String raw = r.path(field).asText(null);
      if (raw == null) {
        return false;
      }
      final LocalDate d = LocalDate.parse(raw.substring(0, Math.min(10, raw.length())));
      return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }
  }

  private static List<DateLimit> limits(final String query) {
    final List<DateLimit> out = new ArrayList<>();
    final Matcher m = DATE_RANGE.matcher(query);
    while (m.find()) {
      final String field = switch (m.group(1).toUpperCase(Locale.ROOT)) {
        case "UPDATE_DATE" -> "dateOfRevision";
        case "FIRST_PDATE" -> "firstPublicationDate";
        case "FIRST_IDATE" -> "firstIndexDate";
        case "CREATION_DATE" -> "dateOfCreation";
        default -> "electronicPublicationDate";
      };
      out.add(new DateLimit(field, date(m.group(2)), date(m.group(3))));
    }
    return out;
  }

  private static LocalDate date(final String raw) {
    if (raw.equals("*")) {
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (final DateTimeParseException e) {
      throw SimulatedFailure.badRequest("Invalid date '" + raw + "' in a date range of the query; expected yyyy-MM-dd or *");
    }
  }

  private static String encodeCursor(final int offset) {
    return CURSOR_PREFIX + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("o" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeCursor(final String cursorMark) {
    if (cursorMark.equals("*")) {
      return 0;
    }
    try {
      if (cursorMark.startsWith(CURSOR_PREFIX)) {
        final String raw = new String(Base64.getUrlDecoder().decode(cursorMark.substring(CURSOR_PREFIX.length())),
            StandardCharsets.UTF_8);
        if (raw.startsWith("o")) {
          return Integer.parseInt(raw.substring(1));
        }
      }
    } catch (final IllegalArgumentException e) {
      // Falls through to the message below.
    }
    throw SimulatedFailure.badRequest("Invalid cursorMark '" + cursorMark + "'");
  }
}
