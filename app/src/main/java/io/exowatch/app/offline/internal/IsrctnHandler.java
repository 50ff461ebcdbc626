package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The simulated ISRCTN XML API under {@code /isrctn}:
 * {@code GET /isrctn/api/query/format/default?q=...&limit=n} answers
 * {@code <allTrials xmlns="http://www.67bricks.com/isrctn" totalCount="N">} with the matching
 * {@code <fullTrial>}s, each as written in the snapshot.
 *
 * <p>{@code q} is required but only its last-edit bounds are honoured, as the API's Lucene-style
 * syntax writes them: {@code lastEdited GE <instant>} and {@code lastEdited LE <instant>} (both
 * inclusive; either may be absent) select trials by their {@code trial/@lastUpdated}; the other terms
 * are not matched. {@code totalCount} is the number of matches; the first {@code limit} of them (by
 * {@code lastUpdated}, oldest first) are returned, {@code limit} 1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}. The API has no offset or page parameter. A bad {@code limit}, a missing
 * {@code q} or a bound that is not an ISO instant gets 400.
 */
public final class IsrctnHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/isrctn";
  /** The query endpoint. */
  public static final String QUERY = CONTEXT + "/api/query/format/default";
  /** The namespace of the API's elements. */
  public static final String NAMESPACE = "http://www.67bricks.com/isrctn";
  /** The trials a response holds when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 10;
  /** The largest {@code limit} accepted. */
  public static final int MAX_LIMIT = 10_000;

  private static final Pattern FULL_TRIAL = Pattern.compile("<fullTrial\\b.*?</fullTrial>", Pattern.DOTALL);
  private static final Pattern GE = Pattern.compile("lastEdited\\s+GE\\s+(\\S+?)(?=\\)|\\s|$)");
  private static final Pattern LE = Pattern.compile("lastEdited\\s+LE\\s+(\\S+?)(?=\\)|\\s|$)");

  /** A trial of the response: its number, its last edit and its {@code <fullTrial>} text. */
  private record Entry(String isrctn, Instant lastUpdated, String xml) {
  }

  private final List<Entry> entries;

  /**
   * A handler serving the {@code fullTrial}s of {@code allTrialsXml}.
   *
   * @throws IllegalArgumentException naming the trial when one is not well-formed or has no
   *     {@code trial/@lastUpdated} instant or ISRCTN number, or a number is there twice
   */
  public IsrctnHandler(final String allTrialsXml) {
    final List<Entry> parsed = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    final Matcher m = FULL_TRIAL.matcher(allTrialsXml);
    final DocumentBuilder builder = PubMedArchive.secureBuilder();
    int n = 0;
    while (m.find()) {
      n++;
      final Entry e = entry(builder, m.group(), n);
      if (!seen.add(e.isrctn())) {
        throw new IllegalArgumentException("ISRCTN trial " + e.isrctn() + " is in the snapshot twice");
      }
      parsed.add(e);
    }
    parsed.sort(Comparator.comparing(Entry::lastUpdated));
    this.entries = List.copyOf(parsed);
  }

  /** How many trials are served. */
  public int size() {
    return entries.size();
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath();
    if (!path.equals(QUERY)) {
      throw SimulatedFailure.text(404, "Not found: " + path);
    }
    final Map<String, List<String>> params = Exchanges.query(exchange);
    final String q = Exchanges.first(params, "q");
    if (q == null || q.isBlank()) {
      throw SimulatedFailure.badRequest("The q parameter is required");
    }
    final int limit = Exchanges.intParam(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    final Instant from = bound(GE, q);
    final Instant to = bound(LE, q);
    final List<Entry> hits = entries.stream()
        .filter(e -> (from == null || !e.lastUpdated().isBefore(from)) && (to == null || !e.lastUpdated().isAfter(to)))
        .toList();
    final StringBuilder sb = new StringBuilder(16_384);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<allTrials xmlns=\"").append(NAMESPACE)
        .append("\" totalCount=\"").append(hits.size()).append("\">\n");
    hits.stream().limit(limit).forEach(e -> sb.append("  ").append(e.xml()).append('\n'));
    sb.append("</allTrials>\n");
    Exchanges.send(exchange, 200, Exchanges.XML, sb.toString());
  }

  private static Instant bound(final Pattern p, final String q) {
    final Matcher m = p.matcher(q);
    if (!m.find()) {
      return null;
    }
    try {
      return Instant.parse(m.group(1));
    } catch (final DateTimeParseException e) {
      throw SimulatedFailure.badRequest("Not an ISO instant in q: '" + m.group(1) + "'");
    }
  }

  private static Entry entry(final DocumentBuilder builder, final String xml, final int n) {
    final Element root;
    try {
      root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (final SAXException | IOException e) {
      throw new IllegalArgumentException("ISRCTN fullTrial #" + n + " is not well-formed XML: " + e.getMessage(), e);
    }
    final Element trial = child(root, "trial");
    final Element number = trial == null ? null : child(trial, "isrctn");
    if (number == null || !number.getTextContent().strip().matches("\\d{8}")) {
      throw new IllegalArgumentException("ISRCTN fullTrial #" + n + " has no trial/isrctn of 8 digits");
    }
    final String id = "ISRCTN" + number.getTextContent().strip();
    try {
      return new Entry(id, Instant.parse(trial.getAttribute("lastUpdated").strip()), xml);
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException("ISRCTN trial " + id + " has no trial/@lastUpdated instant", e);
    }
  }

  private static Element child(final Element parent, final String name) {
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e && name.equals(e.getTagName())) {
        return e;
      }
    }
    return null;
  }
}
