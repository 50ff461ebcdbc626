package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.chictr.ChiCtrSearchPage;
import io.exowatch.ingest.chictr.ChiCtrSearchParser;
import io.exowatch.ingest.euctr.EuCtrParser;
import io.exowatch.ingest.euctr.EuCtrSearchPage;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.irct.IrctSearchPage;
import io.exowatch.ingest.irct.IrctSearchParser;
import io.exowatch.ingest.isrctn.IsrctnPage;
import io.exowatch.ingest.isrctn.IsrctnParser;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.ChiCtrSource;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuCtrSource;
import io.exowatch.ingest.source.IrctSource;
import io.exowatch.ingest.source.IsrctnSource;
import io.exowatch.ingest.source.Source;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's ChiCTR, IRCT, ISRCTN and EU CTR: each serves the bundled registrations at the paths
 * and with the paging of the real site (a page past the end lists nothing), and the ingest module's
 * registry sources page through a generated snapshot larger than one page of each, and through an
 * empty one, without dead letters.
 */
class SourceSimulatorRegistriesTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-01-10T08:00:00Z"), ZoneOffset.UTC);
  private static final RegistrySnapshot BUNDLED = OfflineSnapshot.bundled().registries();
  private static final Pattern FULL_TRIAL = Pattern.compile("<fullTrial>.*?</fullTrial>", Pattern.DOTALL);
  private static SourceSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().clock(CLOCK).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldListEveryChiCtrProjectOnTheFirstResultsPageAndNoneOnTheNext() throws Exception {
    final HttpResponse<String> first = Http.get(sim.chictrBaseUrl(), "/searchproj.html?title=exosome&btngo=btn&page=1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    final ChiCtrSearchPage page = new ChiCtrSearchParser().parse(first.body());
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.failures()).isEmpty();
    assertThat(page.results()).extracting(ChiCtrSearchPage.Result::projectId, ChiCtrSearchPage.Result::registrationNumber)
        .containsExactlyElementsOf(BUNDLED.chictr().stream()
            .map(p -> tuple(p.projectId(), p.registrationNumber())).toList());
    assertThat(page.results().get(0).title()).isEqualTo(BUNDLED.chictr().get(0).title());

    final ChiCtrSearchPage past = new ChiCtrSearchParser().parse(
        Http.get(sim.chictrBaseUrl(), "/searchproj.html?title=exosome&btngo=btn&page=2").body());
    assertThat(past.rows()).isZero();
    assertThat(past.total()).as("the total stays on a page past the end").isEqualTo(4);
    assertThat(new ChiCtrSearchParser().parse(Http.get(sim.chictrBaseUrl(), "/searchproj.html").body()).results())
        .as("no page parameter is page 1").hasSize(4);
  }

  @Test
  void shouldServeEveryChiCtrProjectPageAnd404ForAnUnknownProject() {
    for (final RegistrySnapshot.ChiCtrProject p : BUNDLED.chictr()) {
      final HttpResponse<String> r = Http.get(sim.chictrBaseUrl(), "/showproj.html?proj=" + p.projectId());
      assertThat(r.statusCode()).as(p.registrationNumber()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(p.html());
    }
    assertThat(Http.get(sim.chictrBaseUrl(), "/showproj.html?proj=1").statusCode()).isEqualTo(404);
    assertThat(Http.get(sim.chictrBaseUrl(), "/searchproj.html?page=0").statusCode()).isEqualTo(400);
    assertThat(Http.get(sim.chictrBaseUrl(), "/searchproj.html?page=x").body()).contains("page");
    assertThat(sim.requestCount(SourceSimulator.Endpoint.CHICTR_PROJECT)).isGreaterThanOrEqualTo(BUNDLED.chictr().size());
  }

  @Test
  void shouldPageIrctResultsByThePerPageOfTheFiltersAndServeEachTrialsXml() throws Exception {
    final String onePerPage = "/search/result?query=exosome&filters=" + Http.q("{\"perPage\":\"1\",\"sortBy\":\"relevance\"}");
    final IrctSearchPage first = IrctSearchParser.parse(Http.get(sim.irctBaseUrl(), onePerPage + "&page=1").body());
    assertThat(first.trialNumbers()).containsExactly(BUNDLED.irct().get(0).number());
    assertThat(first.totalCount()).isEqualTo(OptionalInt.of(2));
    assertThat(first.lastPage()).isEqualTo(OptionalInt.of(2));
    final IrctSearchPage second = IrctSearchParser.parse(Http.get(sim.irctBaseUrl(), onePerPage + "&page=2").body());
    assertThat(second.trialNumbers()).containsExactly(BUNDLED.irct().get(1).number());
    final IrctSearchPage past = IrctSearchParser.parse(Http.get(sim.irctBaseUrl(), onePerPage + "&page=3").body());
    assertThat(past.trialNumbers()).isEmpty();
    assertThat(past.totalCount()).isEqualTo(OptionalInt.of(2));
    assertThat(IrctSearchParser.parse(Http.get(sim.irctBaseUrl(), "/search/result?query=exosome").body()).trialNumbers())
        .as("20 a page without filters").hasSize(2);

    for (final RegistrySnapshot.IrctTrial t : BUNDLED.irct()) {
      final HttpResponse<String> xml = Http.get(sim.irctBaseUrl(), "/trial/" + t.number() + "/xml");
      assertThat(xml.statusCode()).isEqualTo(200);
      assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
      assertThat(xml.body()).isEqualTo(t.xml()).contains("<trial_id>" + t.registrationId() + "</trial_id>");
    }
    assertThat(Http.get(sim.irctBaseUrl(), "/trial/1/xml").statusCode()).isEqualTo(404);
    final RegistrySnapshot.IrctTrial listed = BUNDLED.irct().get(0);
    final HttpResponse<String> page = Http.get(sim.irctBaseUrl(), "/trial/" + listed.number());
    assertThat(page.statusCode()).as("the records' source URL is a page").isEqualTo(200);
    assertThat(page.body()).contains(listed.registrationId(), "href=\"" + listed.number() + "/xml\"");
    assertThat(Http.get(sim.irctBaseUrl(), "/trial/1").statusCode()).isEqualTo(404);
    assertThat(Http.get(sim.irctBaseUrl(), "/search/result?filters=" + Http.q("{oops")).statusCode()).isEqualTo(400);
    assertThat(Http.get(sim.irctBaseUrl(), "/search/result?filters=" + Http.q("{\"perPage\":\"500\"}")).body())
        .contains("perPage 500 is out of range");
  }

  @Test
  void shouldServeTheIsrctnTrialsEditedWithinTheWindowOfQUpToTheLimit() throws Exception {
    final String all = "(exosome) AND lastEdited GE 2000-01-01T00:00:00.000Z AND lastEdited LE 2031-01-10T07:59:59.999Z";
    final IsrctnPage both = isrctn("q=" + Http.q(all) + "&limit=100");
    assertThat(both.totalCount()).isEqualTo(2);
    assertThat(both.failures()).isEmpty();
    assertThat(both.records()).extracting(TrialRecord::getRegistryId).containsExactly("ISRCTN90800101", "ISRCTN90800202");

    final String only2025 = "(exosome) AND lastEdited GE 2025-01-01T00:00:00.000Z AND lastEdited LE 2025-12-31T23:59:59.999Z";
    assertThat(isrctn("q=" + Http.q(only2025) + "&limit=100").records()).extracting(TrialRecord::getRegistryId)
        .containsExactly("ISRCTN90800202");
    final IsrctnPage limited = isrctn("q=" + Http.q(all) + "&limit=1");
    assertThat(limited.totalCount()).as("the count of the window, not of the response").isEqualTo(2);
    assertThat(limited.records()).hasSize(1);
    final String edge = "x AND lastEdited GE 2024-11-04T09:12:44.281Z AND lastEdited LE 2024-11-04T09:12:44.281Z";
    assertThat(isrctn("q=" + Http.q(edge)).records()).as("both bounds inclusive").hasSize(1);

    assertThat(Http.get(sim.isrctnBaseUrl(), "/api/query/format/default?limit=5").statusCode()).isEqualTo(400);
    assertThat(Http.get(sim.isrctnBaseUrl(), "/api/query/format/default?q=" + Http.q("lastEdited GE yesterday"))
        .body()).contains("yesterday");
    assertThat(Http.get(sim.isrctnBaseUrl(), "/api/query/format/default?q=x&limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void shouldServeEuCtrResultsPagesAndTheFullTextDownloadOfEachPage() throws Exception {
    final EuCtrParser parser = new EuCtrParser();
    final EuCtrSearchPage first = parser.parseSearchPage(
        Http.get(sim.euctrBaseUrl(), "/ctr-search/search?query=" + Http.q("exosome OR secretome") + "&page=1").body());
    assertThat(first.eudractNumbers()).containsExactly("2022-900301-48", "2020-900201-35");
    assertThat(first.total()).isEqualTo(OptionalInt.of(2));
    assertThat(first.hasNextPage()).isFalse();
    assertThat(first.listings().get(1).memberStates()).containsExactly("GB", "NL");

    final HttpResponse<String> download = Http.get(sim.euctrBaseUrl(),
        "/ctr-search/rest/download/full?query=exosome&page=1&mode=current_page");
    assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    final Parsed<TrialRecord> records = parser.parseDownload(download.body(), CLOCK.instant());
    assertThat(records.failures()).isEmpty();
    assertThat(records.records()).extracting(TrialRecord::getRegistryId).containsExactlyInAnyOrder("2022-900301-48", "2020-900201-35");

    final EuCtrSearchPage past = parser.parseSearchPage(Http.get(sim.euctrBaseUrl(), "/ctr-search/search?query=exosome&page=2").body());
    assertThat(past.listings()).isEmpty();
    assertThat(past.hasNextPage()).isFalse();
    assertThat(parser.parseDownload(Http.get(sim.euctrBaseUrl(),
        "/ctr-search/rest/download/full?query=exosome&page=2&mode=current_page").body(), CLOCK.instant()).records())
        .as("the download of a page past the end is the preamble alone").isEmpty();
    assertThat(Http.get(sim.euctrBaseUrl(), "/ctr-search/rest/download/full?query=exosome&page=1&mode=all").statusCode())
        .isEqualTo(400);
    assertThat(Http.get(sim.euctrBaseUrl(), "/ctr-search/trial/2020-900201-35/GB").statusCode())
        .as("protocol pages are not served").isEqualTo(404);
  }

  @Test
  void shouldLetEveryRegistrySourcePageThroughASnapshotLargerThanOnePage() throws Exception {
    final RegistrySnapshot large = new RegistrySnapshot(chictrProjects(11), irctTrials(101), isrctnTrials(150),
        euctrTrials(21));
    try (SourceSimulator big = SourceSimulator.builder().snapshot(OfflineSnapshot.empty().withRegistries(large))
        .clock(CLOCK).start()) {
      final IngestSettings settings = settings(big);
      final List<Batch> chictr = pass(new ChiCtrSource(client("chictr", big.chictrBaseUrl()), registry(settings, "chictr"), CLOCK));
      assertThat(chictr).as("one batch per results page of 10").hasSize(2);
      assertThat(ids(chictr)).hasSize(11).doesNotHaveDuplicates();
      assertThat(big.recentRequests()).anyMatch(r -> r.contains("/chictr/searchproj.html") && r.contains("page=2"))
          .noneMatch(r -> r.contains("/chictr/searchproj.html") && r.contains("page=3"));

      final List<Batch> irct = pass(new IrctSource(client("irct", big.irctBaseUrl()), registry(settings, "irct"), CLOCK));
      assertThat(irct).as("one batch per results page of 100").hasSize(2);
      assertThat(ids(irct)).hasSize(101).doesNotHaveDuplicates();

      final List<Batch> isrctn = pass(new IsrctnSource(client("isrctn", big.isrctnBaseUrl()), registry(settings, "isrctn"), CLOCK));
      assertThat(ids(isrctn)).as("windows narrowed until each holds at most a page").hasSize(150).doesNotHaveDuplicates();
      assertThat(big.requestCount(SourceSimulator.Endpoint.ISRCTN_QUERY)).isGreaterThan(2);

      final List<Batch> euctr = pass(new EuCtrSource(client("euctr", big.euctrBaseUrl()), registry(settings, "euctr"), CLOCK));
      assertThat(euctr).as("one batch per results page of 20").hasSize(2);
      assertThat(ids(euctr)).hasSize(21).doesNotHaveDuplicates();
      assertThat(big.requestCount(SourceSimulator.Endpoint.EUCTR_DOWNLOAD)).isEqualTo(2);
    }
  }

  @Test
  void shouldAnswerEveryRegistrySourceWithNothingFromASnapshotWithoutRegistrations() throws Exception {
    try (SourceSimulator empty = SourceSimulator.builder().clock(CLOCK).start()) {
      final IngestSettings settings = settings(empty);
      final List<Source> sources = List.of(
          new ChiCtrSource(client("chictr", empty.chictrBaseUrl()), registry(settings, "chictr"), CLOCK),
          new IrctSource(client("irct", empty.irctBaseUrl()), registry(settings, "irct"), CLOCK),
          new IsrctnSource(client("isrctn", empty.isrctnBaseUrl()), registry(settings, "isrctn"), CLOCK),
          new EuCtrSource(client("euctr", empty.euctrBaseUrl()), registry(settings, "euctr"), CLOCK));
      for (final Source source : sources) {
        final List<Batch> batches = pass(source);
        assertThat(ids(batches)).as(source.name()).isEmpty();
        assertThat(batches).as("%s finishes its pass", source.name()).isNotEmpty();
      }
    }
  }

  private static IsrctnPage isrctn(final String query) throws Exception {
    final HttpResponse<String> r = Http.get(sim.isrctnBaseUrl(), "/api/query/format/default?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    return IsrctnParser.parse(r.body(), CLOCK.instant());
  }

  /** A full pass of {@code source}; fails on any dead letter, naming it. */
  private static List<Batch> pass(final Source source) throws Exception {
    final List<Batch> batches = new ArrayList<>();
    source.run(Cursor.EMPTY, batches::add);
    assertThat(batches.stream().flatMap(b -> b.rejected().stream()).map(r -> r.url() + ": " + r.reason()).toList())
        .as("dead letters of %s", source.name()).isEmpty();
    return batches;
  }

  private static List<String> ids(final List<Batch> batches) {
    return batches.stream().flatMap(b -> b.trials().stream()).map(TrialRecord::getRegistryId).toList();
  }

  private static IngestSettings settings(final SourceSimulator s) {
    final Map<String, String> config = new HashMap<>(s.configOverrides());
    for (final String registry : IngestSettings.Registry.NAMES) {
      config.put("sources." + registry + ".rate-limit", "1000");
      // ISRCTN narrows its windows request by request; let one pass make all of them.
      config.put("sources." + registry + ".max-pages", "1000");
    }
    return IngestSettings.from(ExoConfig.of(config));
  }

  private static IngestSettings.Registry registry(final IngestSettings settings, final String name) {
    return settings.registry(name).orElseThrow();
  }

  private static SiteClient client(final String name, final URI base) {
    return SiteClient.builder(name).allowBaseUrl(base).rateLimit(1000).build();
  }

  /** {@code n} copies of the first bundled ChiCTR project under ids ChiCTR24009100nn, proj 9100nn. */
  private static List<RegistrySnapshot.ChiCtrProject> chictrProjects(final int n) {
    final RegistrySnapshot.ChiCtrProject p = BUNDLED.chictr().get(0);
    final List<RegistrySnapshot.ChiCtrProject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final String regNo = String.format(Locale.ROOT, "ChiCTR24009100%02d", i);
      final String proj = String.format(Locale.ROOT, "9100%02d", i);
      out.add(new RegistrySnapshot.ChiCtrProject(proj, regNo, p.title(), p.institution(), p.studyType(), p.registered(),
          p.html().replace(p.registrationNumber(), regNo).replace("value=\"" + p.projectId() + "\"", "value=\"" + proj + "\"")));
    }
    return out;
  }

  /** {@code n} copies of the first bundled IRCT trial, numbers 800000 + i. */
  private static List<RegistrySnapshot.IrctTrial> irctTrials(final int n) {
    final RegistrySnapshot.IrctTrial t = BUNDLED.irct().get(0);
    final List<RegistrySnapshot.IrctTrial> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final String id = String.format(Locale.ROOT, "IRCT20210308900101N%d", i + 1);
      out.add(new RegistrySnapshot.IrctTrial(800_000 + i, id, t.title(), t.status(), t.xml().replace(t.registrationId(), id)));
    }
    return out;
  }

  /** An ISRCTN response of {@code n} copies of the first bundled trial, each edited 20 days after the last. */
  private static String isrctnTrials(final int n) {
    final Matcher m = FULL_TRIAL.matcher(BUNDLED.isrctnAllTrialsXml());
    assertThat(m.find()).isTrue();
    final String trial = m.group();
    final StringBuilder sb = new StringBuilder("<allTrials xmlns=\"http://www.67bricks.com/isrctn\" totalCount=\"" + n + "\">\n");
    final Instant start = Instant.parse("2015-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      sb.append(trial.replace("90800101", String.format(Locale.ROOT, "908%05d", i))
          .replace("lastUpdated=\"2024-11-04T09:12:44.281Z\"", "lastUpdated=\"" + start.plus(Duration.ofDays(20L * i)) + "\""));
    }
    return sb.append("</allTrials>\n").toString();
  }

  /** {@code n} copies of the first bundled EU CTR trial under EudraCT numbers 2022-9104nn-10. */
  private static List<RegistrySnapshot.EuCtrTrial> euctrTrials(final int n) {
    final RegistrySnapshot.EuCtrTrial t = BUNDLED.euctr().get(0);
    final List<RegistrySnapshot.EuCtrTrial> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final String id = String.format(Locale.ROOT, "2022-9104%02d-10", i);
      out.add(new RegistrySnapshot.EuCtrTrial(id, t.sponsorProtocolNumber(), t.startDate(), t.sponsorName(), t.fullTitle(),
          t.medicalCondition(), t.populationAge(), t.gender(), t.protocols(), t.fullText().replace(t.eudractNumber(), id)));
    }
    return out;
  }
}
