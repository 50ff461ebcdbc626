package io.exowatch.app.offline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated NCBI E-utilities under {@code /entrez/eutils}, {@code db=pubmed} only.
 *
 * <ul>
 *   <li>{@code esearch.fcgi}: {@code term} (required; only its date ranges are honoured, see
 *       {@link PubMedDateFilter}), {@code retstart} (default 0), {@code retmax} (default 20, at most
 *       10,000), {@code usehistory=y} (stores the full result under {@code WebEnv}/{@code QueryKey};
 *       a given {@code WebEnv} gets the next key), {@code retmode=json} or XML (default). PMIDs are
 *       listed highest first.</li>
 *   <li>{@code efetch.fcgi}: {@code id=} (comma separated; unknown ids are left out) or
 *       {@code WebEnv} + {@code query_key} with {@code retstart} (default 0) and {@code retmax}
 *       (default 20, at most 10,000); answers a {@code PubmedArticleSet} holding each article's
 *       original XML. {@code retmode} other than {@code xml} gets 400.</li>
 * </ul>
 * Errors come as XML {@code <ERROR>} bodies, with status 400. {@code api_key}, {@code tool} and
 * {@code email} are accepted and ignored.
 */
public final class PubMedHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/entrez/eutils";
  /** The largest retmax E-utilities accept. */
  public static final int MAX_RETMAX = 10_000;

  private static final String ARTICLE_SET_HEAD = "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "
      + "\"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n"
      + "<PubmedArticleSet>\n";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PubMedArchive archive;
  private final EntrezHistory history = new EntrezHistory();
  private final Clock clock;

  /** A handler serving {@code archive}; {@code clock} anchors {@code reldate}. */
  public PubMedHandler(final PubMedArchive archive, final Clock clock) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
    final Map<String, List<String>> params = Exchanges.query(exchange);
    switch (path) {
      case "/esearch.fcgi" -> esearch(exchange, params);
      case "/efetch.fcgi" -> efetch(exchange, params);
      default -> throw SimulatedFailure.text(404, "Not found: " + exchange.getRequestURI().getPath()
          + " (simulated: esearch.fcgi, efetch.fcgi)");
    }
  }

  private void esearch(final HttpExchange exchange, final Map<String, List<String>> params) throws IOException {
    checkDb(params, "eSearchResult");
    final String term = Exchanges.first(params, "term");
    if (term == null || term.isBlank()) {
      throw error("eSearchResult", "Empty term and query_key - nothing todo");
    }
    final int retstart = Exchanges.intParam(params, "retstart", 0, 0, Integer.MAX_VALUE);
    final int retmax = Math.min(Exchanges.intParam(params, "retmax", 20, 0, Integer.MAX_VALUE), MAX_RETMAX);
    final PubMedDateFilter filter = PubMedDateFilter.from(params, LocalDate.now(clock));
    final List<String> hits = new ArrayList<>();
    for (final PubMedArchive.Entry e : archive.entries()) {
      if (filter.test(e.meta())) {
        hits.add(e.pmid());
      }
    }
    final EntrezHistory.Stored stored = "y".equalsIgnoreCase(Exchanges.first(params, "usehistory"))
        ? history.store(Exchanges.firstIgnoringCase(params, "WebEnv"), hits) : null;
    final List<String> ids = slice(hits, retstart, retmax);
    if ("json".equalsIgnoreCase(Exchanges.first(params, "retmode"))) {
      final ObjectNode root = MAPPER.createObjectNode();
      root.putObject("header").put("type", "esearch").put("version", "0.3");
      final ObjectNode r = root.putObject("esearchresult");
      r.put("count", Integer.toString(hits.size()));
      r.put("retmax", Integer.toString(ids.size()));
      r.put("retstart", Integer.toString(retstart));
      if (stored != null) {
        r.put("querykey", Integer.toString(stored.queryKey()));
        r.put("webenv", stored.webEnv());
      }
      final ArrayNode list = r.putArray("idlist");
      ids.forEach(list::add);
      r.putArray("translationset");
      r.put("querytranslation", term);
      Exchanges.send(exchange, 200, "application/json; charset=UTF-8", toJson(root));
      return;
    }
    final StringBuilder sb = new StringBuilder(256 + ids.size() * 24);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\" ")
        .append("\"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd\">\n<eSearchResult>")
        .append("<Count>").append(hits.size()).append("</Count>")
        .append("<RetMax>").append(ids.size()).append("</RetMax>")
        .append("<RetStart>").append(retstart).append("</RetStart>");
    if (stored != null) {
      sb.append("<QueryKey>").append(stored.queryKey()).append("</QueryKey>")
          .append("<WebEnv>").append(stored.webEnv()).append("</WebEnv>");
    }
    sb.append("<IdList>\n");
    for (final String id : ids) {
      sb.append("<Id>").append(id).append("</Id>\n");
    }
    sb.append("</IdList><TranslationSet/><QueryTranslation>").append(Html.escape(term))
        .append("</QueryTranslation></eSearchResult>\n");
    Exchanges.send(exchange, 200, Exchanges.XML, sb.toString());
  }

  private void efetch(final HttpExchange exchange, final Map<String, List<String>> params) throws IOException {
    checkDb(params, "eFetchResult");
    final String retmode = Exchanges.first(params, "retmode");
    if (retmode != null && !retmode.equalsIgnoreCase("xml")) {
      throw error("eFetchResult", "retmode=" + retmode + " is not simulated; use retmode=xml");
    }
    final List<String> pmids;
    final String id = Exchanges.first(params, "id");
    final String webEnv = Exchanges.firstIgnoringCase(params, "WebEnv");
    if (id != null && !id.isBlank()) {
      pmids = new ArrayList<>();
      for (final String p : id.split("[,\\s]+")) {
        if (!p.isBlank()) {
          pmids.add(p.trim());
        }
      }
    } else if (webEnv != null) {
      final int queryKey = Exchanges.intParam(params, "query_key", 1, 1, Integer.MAX_VALUE);
      final List<String> all = history.get(webEnv, queryKey)
          .orElseThrow(() -> error("eFetchResult", "Unable to obtain query #" + queryKey));
      final int retstart = Exchanges.intParam(params, "retstart", 0, 0, Integer.MAX_VALUE);
      final int retmax = Math.min(Exchanges.intParam(params, "retmax", 20, 0, Integer.MAX_VALUE), MAX_RETMAX);
      pmids = slice(all, retstart, retmax);
    } else {
      throw error("eFetchResult", "Empty id list - nothing todo");
    }
    final StringBuilder sb = new StringBuilder(ARTICLE_SET_HEAD);
    for (final String pmid : pmids) {
      archive.get(pmid).ifPresent(e -> sb.append(e.xml()).append('\n'));
    }
    sb.append("</PubmedArticleSet>\n");
    Exchanges.send(exchange, 200, Exchanges.XML, sb.toString());
  }

  private static void checkDb(final Map<String, List<String>> params, final String root) {
    final String db = Exchanges.first(params, "db");
    if (db == null || !db.equalsIgnoreCase("pubmed")) {
      throw error(root, "Invalid db name specified: " + (db == null ? "" : db) + " (simulated: pubmed)");
    }
  }

  private static List<String> slice(final List<String> ids, final int start, final int max) {
    if (start >= ids.size()) {
      return List.of();
    }
    return ids.subList(start, Math.min(ids.size(), start + max));
  }

  private static SimulatedFailure error(final String root, final String message) {
    return new SimulatedFailure(400, Exchanges.XML, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<" + root + "><ERROR>"
        + Html.escape(message) + "</ERROR></" + root + ">\n");
  }

  private static byte[] toJson(final ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("Could not write JSON", e);
    }
  }
}
