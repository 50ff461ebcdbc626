package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.IngestKeys;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.CtGovSource;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuropePmcSource;
import io.exowatch.ingest.source.LandingPageSource;
import io.exowatch.ingest.source.PubMedSource;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest service's own sources, configured only through {@link SourceSimulator#configOverrides()},
 * run against the simulator: every record arrives once, incremental passes fetch only what changed,
 * and nothing is dead-lettered.
 */
class IngestSourcesAgainstSimulatorTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-01-10T08:00:00Z"), ZoneOffset.UTC);
  private static final int SYNTHETIC = 1_500;
  private static SourceSimulator sim;
  private static IngestSettings settings;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().syntheticStudies(new SyntheticStudies(11L), SYNTHETIC).clock(CLOCK).start();
    final Map<String, String> config = new HashMap<>(sim.configOverrides());
    // The real sources' politeness limits would make this test slow; the simulator does not mind.
    config.put("sources.ctgov.rate-limit", "100");
    config.put("sources.pubmed.rate-limit", "100");
    config.put("sources.europepmc.rate-limit", "100");
    config.put("sources.pages.rate-limit", "100");
    config.put("sources.ctgov.page-size", "500");
    config.put("sources.pubmed.batch-size", "4");
    config.put("sources.europepmc.page-size", "7");
    settings = IngestSettings.from(ExoConfig.of(config));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldDeclareEveryOverrideKeyAsAnIngestConfigKey() {
    final Set<String> declared = IngestKeys.all().stream().map(ConfigKey::name).collect(Collectors.toSet());
    assertThat(declared).containsAll(sim.configOverrides().keySet());
    assertThat(settings.ctgov().baseUrl()).isEqualTo(sim.ctgovBaseUrl());
    assertThat(settings.pages().urls()).hasSize(5);
  }

  @Test
  void shouldPageTheCtGovSourceThroughEveryStudyOnceThenFetchOnlyWhatChanged() throws Exception {
    final CtGovSource source = new CtGovSource(client("ctgov", sim.ctgovBaseUrl()), settings.ctgov(), new CtGovStudyParser(), CLOCK);
    final List<Batch> first = new ArrayList<>();
    source.run(Cursor.EMPTY, first::add);
    final List<String> ids = first.stream().flatMap(b -> b.trials().stream()).map(TrialRecord::getRegistryId).toList();
    assertThat(ids).hasSize(sim.studyCount()).doesNotHaveDuplicates();
    assertThat(first).allSatisfy(b -> assertThat(b.rejected()).isEmpty());
    assertThat(first).hasSize((sim.studyCount() + 499) / 500);
    final Cursor cursor = first.get(first.size() - 1).cursorAfter();
    final String since = cursor.get("since").orElseThrow();

    final String added = OfflineSnapshot.bundled().studies().get(3).replace("NCT03384433", "NCT09999997");
    sim.addStudy(added);
    sim.updateStudy("NCT08000101", s -> s.with("protocolSection").with("statusModule").put("overallStatus", "TERMINATED"));
    final List<Batch> second = new ArrayList<>();
    source.run(cursor, second::add);
    final List<TrialRecord> again = second.stream().flatMap(b -> b.trials().stream()).toList();
    assertThat(again).extracting(TrialRecord::getRegistryId).contains("NCT09999997", "NCT08000101");
    // Besides the two changes, only studies of the cursor's own day come back (the range is inclusive).
    assertThat(again).filteredOn(t -> !Set.of("NCT09999997", "NCT08000101").contains(t.getRegistryId()))
        .allSatisfy(t -> assertThat(t.getLastUpdatePosted()).isEqualTo(since));
    assertThat(again.stream().filter(t -> t.getRegistryId().equals("NCT08000101")).findFirst().orElseThrow().getStatus())
        .isEqualTo("TERMINATED");
    assertThat(second.get(second.size() - 1).cursorAfter().get("since")).hasValue(LocalDate.now(CLOCK).toString());
  }

  @Test
  void shouldResumeTheCtGovSourceFromAStoredPageToken() throws Exception {
    final CtGovSource source = new CtGovSource(client("ctgov", sim.ctgovBaseUrl()), settings.ctgov(), new CtGovStudyParser(), CLOCK);
    final List<Batch> firstPageOnly = new ArrayList<>();
    try {
      source.run(Cursor.EMPTY, b -> {
        firstPageOnly.add(b);
        if (firstPageOnly.size() == 1) {
          throw new InterruptedException("stop after the first page");
        }
      });
    } catch (final InterruptedException expected) {
      // The pass stops as a killed service would; its cursor is the first batch's.
    }
    final Cursor stored = firstPageOnly.get(0).cursorAfter();
    assertThat(stored.get("pageToken")).isPresent();
    final List<Batch> rest = new ArrayList<>();
    source.run(stored, rest::add);
    final List<String> all = new ArrayList<>();
    firstPageOnly.get(0).trials().forEach(t -> all.add(t.getRegistryId()));
    rest.forEach(b -> b.trials().forEach(t -> all.add(t.getRegistryId())));
    assertThat(all).doesNotHaveDuplicates().hasSize(sim.studyCount());
  }

  @Test
  void shouldFetchEveryPubMedArticleOnceThroughTheHistoryServer() throws Exception {
    final PubMedSource source = new PubMedSource(client("pubmed", sim.pubmedBaseUrl()), settings.pubmed(), CLOCK);
    final List<Batch> batches = new ArrayList<>();
    source.run(Cursor.EMPTY, batches::add);
    final List<String> pmids = batches.stream().flatMap(b -> b.articles().stream()).map(ArticleRecord::getPmid).toList();
    assertThat(pmids).hasSize(15).doesNotHaveDuplicates();
    assertThat(batches).allSatisfy(b -> assertThat(b.rejected()).isEmpty());
    assertThat(batches.stream().filter(b -> !b.articles().isEmpty()).count()).isEqualTo(4);

    final List<Batch> next = new ArrayList<>();
    source.run(batches.get(batches.size() - 1).cursorAfter(), next::add);
    assertThat(next.stream().mapToInt(b -> b.articles().size()).sum()).as("nothing new since the last pass").isZero();
  }

  @Test
  void shouldFollowEuropePmcCursorsToTheEnd() throws Exception {
    final EuropePmcSource source = new EuropePmcSource(client("europepmc", sim.europePmcBaseUrl()), settings.europePmc(), CLOCK);
    final List<Batch> batches = new ArrayList<>();
    source.run(Cursor.EMPTY, batches::add);
    final List<String> ids = batches.stream().flatMap(b -> b.articles().stream()).map(ArticleRecord::getId).toList();
    assertThat(ids).hasSize(18).doesNotHaveDuplicates();
    assertThat(batches).allSatisfy(b -> assertThat(b.rejected()).isEmpty());
  }

  @Test
  void shouldResolveEveryDoiOfTheSnapshotToALandingPageRecord() throws Exception {
    final SiteClient client = SiteClient.builder("pages").allowBaseUrl(sim.doiResolverUrl()).rateLimit(100)
        .settings(settings.http()).build();
    final LandingPageSource source = new LandingPageSource(client, settings.pages(), CLOCK);
    final Set<String> dois = new TreeSet<>();
    final EuropePmcSource epmc = new EuropePmcSource(client("europepmc", sim.europePmcBaseUrl()), settings.europePmc(), CLOCK);
    epmc.run(Cursor.EMPTY, b -> b.articles().forEach(a -> dois.add(a.getDoi())));
    assertThat(dois).hasSize(18);
    source.offerDois(dois);
    final List<Batch> batches = new ArrayList<>();
    source.run(Cursor.EMPTY, batches::add);
    final List<String> rejected = batches.stream().flatMap(b -> b.rejected().stream()).map(r -> r.key() + ": " + r.reason()).toList();
    assertThat(rejected).isEmpty();
    final List<ArticleRecord> pages = batches.stream().flatMap(b -> b.articles().stream()).toList();
    // The five configured URLs and one page per DOI (five of them the same pages, reached through the resolver).
    assertThat(pages).hasSize(5 + 18);
    final Set<String> pageDois = pages.stream().map(ArticleRecord::getDoi).collect(Collectors.toCollection(TreeSet::new));
    assertThat(pageDois).isEqualTo(dois);
    final ArticleRecord jsonLd = pages.stream().filter(a -> "10.1111/iwj.14578".equals(a.getDoi())).findFirst().orElseThrow();
    assertThat(jsonLd.getTitle()).startsWith("Topical hydrogel of adipose mesenchymal stem cell exosomes");
    assertThat(jsonLd.getTrialIds()).contains("NCT08000109");
  }

  private static SiteClient client(final String name, final URI base) {
    return SiteClient.builder(name).allowBaseUrl(base).rateLimit(100).settings(settings.http()).build();
  }
}
