package io.exowatch.app.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Five local stand-ins for the trial registries, one WireMock server each, answering the paths the
 * ingest sources request with pages in each registry's own format:
 * <ul>
 *   <li>ClinicalTrials.gov: {@code /api/v2/studies}, a v2 page holding {@value #NCT_ID} (this module's
 *       {@code registries/ctgov/studies-knee-oa-exosomes.json});</li>
 *   <li>ChiCTR: results page 1 of {@code /searchproj.html} (this module's
 *       {@code registries/chictr/searchproj-exosome.html}) and project 198765,
 *       {@value #CHICTR_ID}, which names {@value #NCT_ID} as its other registry number
 *       ({@code ingest/.../chictr/project-msc-exosome-nct.html});</li>
 *   <li>IRCT: two results pages of {@code /search/result} and three trials' {@code /trial/{n}/xml}, the
 *       last of which ({@value #IRCT_BROKEN_TRIAL}) is cut off mid-document, as a dropped connection
 *       leaves it: the one malformed page;</li>
 *   <li>ISRCTN: {@code /api/query/format/default} answering every window with three trials;</li>
 *   <li>EU CTR: two search pages, the full-text download of each and the one protocol page the
 *       download lacks. The stand-in answers both pages' downloads with the same file, which holds
 *       trials of both pages, so two trials are published twice with the same content.</li>
 * </ul>
 * The IRCT, ISRCTN and EU CTR pages, and the ChiCTR project page, are the ingest module's test
 * pages, read in place from {@code ../ingest/src/test/resources} (the test runs in the app module).
 */
final class RegistryStandIns implements AutoCloseable {

  /** The ClinicalTrials.gov registration of the trial registered twice. */
  static final String NCT_ID = "NCT05216562";
  /** The ChiCTR registration of the same trial; its page names {@link #NCT_ID}. */
  static final String CHICTR_ID = "ChiCTR2300071234";
  /** The IRCT trial number whose XML is served truncated. */
  static final String IRCT_BROKEN_TRIAL = "75321";

  private static final Path INGEST_PAGES = Path.of(System.getProperty("user.dir"))
      .resolve("../ingest/src/test/resources").normalize();
  private static final String HTML = "text/html; charset=utf-8";
  private static final String XML = "application/xml; charset=utf-8";

  private final WireMockServer ctgov = server();
  private final WireMockServer chictr = server();
  private final WireMockServer irct = server();
  private final WireMockServer isrctn = server();
  private final WireMockServer euctr = server();
  private final String truncatedIrctTrial;

  private RegistryStandIns() {
    final String whole = ingestPage("irct/trial-missing-sections.xml");
    truncatedIrctTrial = whole.substring(0, whole.indexOf("</main>"));
  }

  /** Starts the five servers with their pages. */
  static RegistryStandIns start() {
    final RegistryStandIns s = new RegistryStandIns();
    try {
      s.servers().forEach(WireMockServer::start);
      s.stubCtGov();
      s.stubChiCtr();
      s.stubIrct();
      s.stubIsrctn();
      s.stubEuCtr();
      return s;
    } catch (final RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The {@code sources.*} settings pointing every trial registry at its stand-in, rate limits lifted. */
  Map<String, String> sourceSettings() {
    final Map<String, String> m = new LinkedHashMap<>();
    m.put("sources.ctgov.enabled", "true");
    m.put("sources.ctgov.base-url", ctgov.baseUrl() + "/api/v2");
    m.put("sources.ctgov.rate-limit", "100");
    site(m, "chictr", chictr);
    site(m, "irct", irct);
    site(m, "isrctn", isrctn);
    site(m, "euctr", euctr);
    return m;
  }

  /** The URL of the IRCT trial XML served truncated. */
  String brokenIrctUrl() {
    return irct.baseUrl() + "/trial/" + IRCT_BROKEN_TRIAL + "/xml";
  }

  /** What the IRCT stand-in sent for {@link #IRCT_BROKEN_TRIAL}. */
  String brokenIrctBody() {
    return truncatedIrctTrial;
  }

  /** Requests a stand-in received that matched none of its pages, named by registry. */
  List<String> unmatchedRequests() {
    final List<String> out = new ArrayList<>();
    final Map<String, WireMockServer> byName = Map.of("ctgov", ctgov, "chictr", chictr, "irct", irct,
        "isrctn", isrctn, "euctr", euctr);
    byName.forEach((name, server) -> {
      for (final LoggedRequest r : server.findAllUnmatchedRequests()) {
        out.add(name + ": " + r.getMethod() + " " + r.getUrl());
      }
    });
    return out;
  }

  @Override
  public void close() {
    servers().forEach(s -> {
      if (s.isRunning()) {
        s.stop();
      }
    });
  }

  private List<WireMockServer> servers() {
    return List.of(ctgov, chictr, irct, isrctn, euctr);
  }

  private static WireMockServer server() {
    return new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  }

  private static void site(final Map<String, String> m, final String name, final WireMockServer server) {
    m.put("sources." + name + ".enabled", "true");
    m.put("sources." + name + ".base-url", server.baseUrl());
    m.put("sources." + name + ".rate-limit", "100");
  }

  private void stubCtGov() {
    ctgov.stubFor(get(urlPathEqualTo("/api/v2/studies")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(ownPage("ctgov/studies-knee-oa-exosomes.json"))));
  }

  private void stubChiCtr() {
    chictr.stubFor(get(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo("1"))
        .willReturn(aResponse().withHeader("Content-Type", HTML).withBody(ownPage("chictr/searchproj-exosome.html"))));
    chictr.stubFor(get(urlPathEqualTo("/showproj.html")).withQueryParam("proj", equalTo("198765"))
        .willReturn(aResponse().withHeader("Content-Type", HTML)
            .withBody(ingestPage("chictr/project-msc-exosome-nct.html"))));
  }

  private void stubIrct() {
    irctPage(1, "irct/search-page-1.html");
    irctPage(2, "irct/search-page-2.html");
    irctTrial("46789", ingestPage("irct/trial-msc-exosome.xml"));
    irctTrial("7428", ingestPage("irct/trial-suspended.xml"));
    irctTrial(IRCT_BROKEN_TRIAL, truncatedIrctTrial);
  }

  private void irctPage(final int page, final String file) {
    irct.stubFor(get(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", HTML).withBody(ingestPage(file))));
  }

  private void irctTrial(final String number, final String body) {
    irct.stubFor(get(urlPathEqualTo("/trial/" + number + "/xml"))
        .willReturn(aResponse().withHeader("Content-Type", XML).withBody(body)));
  }

  private void stubIsrctn() {
    isrctn.stubFor(get(urlPathEqualTo("/api/query/format/default")).willReturn(aResponse()
        .withHeader("Content-Type", XML).withBody(ingestPage("isrctn/search-msc-ev.xml"))));
  }

  private void stubEuCtr() {
    for (final int page : List.of(1, 2)) {
      euctr.stubFor(get(urlPathEqualTo("/ctr-search/search")).withQueryParam("page", equalTo(Integer.toString(page)))
          .willReturn(aResponse().withHeader("Content-Type", HTML)
              .withBody(ingestPage("euctr/search-exosome-page-" + page + ".html"))));
      euctr.stubFor(get(urlPathEqualTo("/ctr-search/rest/download/full"))
          .withQueryParam("page", equalTo(Integer.toString(page)))
          .willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
              .withBody(ingestPage("euctr/download-two-trials.txt"))));
    }
    euctr.stubFor(get(urlPathEqualTo("/ctr-search/trial/2020-000111-22/FR")).willReturn(aResponse()
        .withHeader("Content-Type", HTML).withBody(ingestPage("euctr/protocol-2020-000111-22-FR.html"))));
  }

  /** A page of the ingest module's tests, read in place. */
  private static String ingestPage(final String name) {
    final Path file = INGEST_PAGES.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read the ingest test page " + file, e);
    }
  }

  /** A page of this module's own, under {@code registries/}. */
  private static String ownPage(final String name) {
    try (InputStream in = RegistryStandIns.class.getResourceAsStream("/registries/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Test resource /registries/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read test resource /registries/" + name, e);
    }
  }
}
