package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.ingest.IngestKeys;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.ChiCtrSource;
import io.exowatch.ingest.source.CtGovSource;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuCtrSource;
import io.exowatch.ingest.source.EuropePmcSource;
import io.exowatch.ingest.source.IrctSource;
import io.exowatch.ingest.source.IsrctnSource;
import io.exowatch.ingest.source.LandingPageSource;
import io.exowatch.ingest.source.PubMedSource;
import io.exowatch.ingest.source.Source;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.SecondaryId;
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
 * and nothing is dead-lettered. The registry sources (ChiCTR, IRCT, ISRCTN, EU CTR) read every bundled
 * registration, and the registrations that name another registry's record carry its id.
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
    for (final String registry : IngestSettings.Registry.NAMES) {
      config.put("sources." + registry + ".rate-limit", "100");
    }
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
    assertThat(registry("chictr").baseUrl()).isEqualTo(sim.chictrBaseUrl());
    assertThat(registry("irct").baseUrl()).isEqualTo(sim.irctBaseUrl());
    assertThat(registry("isrctn").baseUrl()).isEqualTo(sim.isrctnBaseUrl());
    assertThat(registry("euctr").baseUrl()).isEqualTo(sim.euctrBaseUrl());
    assertThat(settings.registries()).as("every registry stays on, now served here").allSatisfy(r ->
        assertThat(r.enabled()).as(r.name()).isTrue());
  }

  @Test
  void shouldReadEveryBundledChiCtrRegistrationAndTheNctIdItNames() throws Exception {
    final List<TrialRecord> records = readAll(new ChiCtrSource(client("chictr", sim.chictrBaseUrl()), registry("chictr"), CLOCK));
    assertThat(records).extracting(TrialRecord::getRegistryId)
        .containsExactlyInAnyOrder("ChiCTR2200900102", "ChiCTR2000900201", "ChiCTR2400900301", "ChiCTR2300900401");
    assertThat(records).allSatisfy(t -> {
      assertThat(t.getRegistry()).isEqualTo("CHICTR");
      assertThat(t.getBriefTitle()).as(t.getRegistryId()).isNotBlank();
      assertThat(t.getInterventions()).as(t.getRegistryId()).isNotEmpty();
      assertThat(t.getCountries()).as(t.getRegistryId()).containsExactly("China");
    });
    final TrialRecord paired = byId(records, "ChiCTR2200900102");
    assertThat(paired.getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("NCT08000102", "CTGOV"));
    assertThat(sim.study("NCT08000102")).as("the NCT id it names is a snapshot study").isPresent();
    assertThat(paired.getBriefTitle()).startsWith("Clinical study of human umbilical cord mesenchymal stem cells exosomes");
    assertThat(paired.getStatus()).isEqualTo("Completed");
    assertThat(paired.getEnrollment()).isEqualTo(60);
    final TrialRecord chineseOnly = byId(records, "ChiCTR2400900301");
    assertThat(chineseOnly.getBriefSummary()).as("an empty English field falls back to the Chinese").startsWith("评价脂肪间充质干细胞");
    assertThat(records.stream().filter(t -> !t.getRegistryId().equals("ChiCTR2200900102"))
        .flatMap(t -> t.getSecondaryIds().stream()).toList())
        .as("the other ChiCTR records name no other registry, only their own study ids")
        .isNotEmpty().allSatisfy(id -> assertThat(id.getRegistry()).as(id.getId()).isNull());
  }

  @Test
  void shouldReadEveryBundledIrctTrialFromItsXml() throws Exception {
    final List<TrialRecord> records = readAll(new IrctSource(client("irct", sim.irctBaseUrl()), registry("irct"), CLOCK));
    assertThat(records).extracting(TrialRecord::getRegistryId)
        .containsExactlyInAnyOrder("IRCT20210308900101N1", "IRCT20190624900102N3");
    final TrialRecord exosomes = byId(records, "IRCT20210308900101N1");
    assertThat(exosomes.getCountries()).containsExactly("Iran");
    assertThat(exosomes.getFirstPosted()).isEqualTo("2022-06-14");
    assertThat(exosomes.getSourceUrl()).isEqualTo(sim.irctBaseUrl() + "/trial/990101");
    assertThat(sim.requestCount(SourceSimulator.Endpoint.IRCT_TRIAL)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldReadEveryBundledIsrctnTrialAndNothingNewOnTheNextPass() throws Exception {
    final IsrctnSource source = new IsrctnSource(client("isrctn", sim.isrctnBaseUrl()), registry("isrctn"), CLOCK);
    final List<Batch> first = new ArrayList<>();
    source.run(Cursor.EMPTY, first::add);
    assertThat(first).allSatisfy(b -> assertThat(b.rejected()).isEmpty());
    final List<TrialRecord> records = first.stream().flatMap(b -> b.trials().stream()).toList();
    assertThat(records).extracting(TrialRecord::getRegistryId).containsExactlyInAnyOrder("ISRCTN90800101", "ISRCTN90800202");
    assertThat(byId(records, "ISRCTN90800101").getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("2020-900201-35", "EUCTR"));

    final List<Batch> next = new ArrayList<>();
    source.run(first.get(first.size() - 1).cursorAfter(), next::add);
    assertThat(next.stream().mapToInt(b -> b.trials().size()).sum()).as("no trial edited since the last pass").isZero();
  }

  @Test
  void shouldReadEveryBundledEuCtrTrialFromTheDownloadWithoutProtocolPages() throws Exception {
    final long before = sim.requestCount(SourceSimulator.Endpoint.OTHER);
    final List<TrialRecord> records = readAll(new EuCtrSource(client("euctr", sim.euctrBaseUrl()), registry("euctr"), CLOCK));
    assertThat(records).extracting(TrialRecord::getRegistryId).containsExactlyInAnyOrder("2020-900201-35", "2022-900301-48");
    final TrialRecord twoStates = byId(records, "2020-900201-35");
    assertThat(twoStates.getCountries()).contains("United Kingdom", "Netherlands");
    assertThat(twoStates.getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("ISRCTN90800101", "ISRCTN"));
    assertThat(sim.requestCount(SourceSimulator.Endpoint.OTHER)).as("no protocol page was needed").isEqualTo(before);
  }

  @Test
  void shouldReadExactlyTheRegistrationsThatTheExpectedCategoriesName() throws Exception {
    final List<TrialRecord> all = new ArrayList<>();
    all.addAll(readAll(new ChiCtrSource(client("chictr", sim.chictrBaseUrl()), registry("chictr"), CLOCK)));
    all.addAll(readAll(new IrctSource(client("irct", sim.irctBaseUrl()), registry("irct"), CLOCK)));
    all.addAll(readAll(new IsrctnSource(client("isrctn", sim.isrctnBaseUrl()), registry("isrctn"), CLOCK)));
    all.addAll(readAll(new EuCtrSource(client("euctr", sim.euctrBaseUrl()), registry("euctr"), CLOCK)));
    final Set<String> ids = all.stream().map(TrialRecord::getRegistryId).collect(Collectors.toCollection(TreeSet::new));
    final Set<String> expected = new TreeSet<>(OfflineSnapshot.bundled().expectedCategories().keySet());
    expected.removeIf(id -> id.startsWith("NCT"));
    assertThat(ids).as("every registration read, and each has its intended category").isEqualTo(expected).hasSize(10);
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

  /** Every record of one full pass of {@code source}; fails on any dead letter, naming it. */
  private static List<TrialRecord> readAll(final Source source) throws Exception {
    final List<Batch> batches = new ArrayList<>();
    source.run(Cursor.EMPTY, batches::add);
    final List<String> rejected = batches.stream().flatMap(b -> b.rejected().stream())
        .map(r -> r.key() + " at " + r.url() + ": " + r.reason()).toList();
    assertThat(rejected).as("dead letters of %s", source.name()).isEmpty();
    final List<TrialRecord> records = batches.stream().flatMap(b -> b.trials().stream()).toList();
    assertThat(records).extracting(TrialRecord::getRegistryId).as(source.name()).doesNotHaveDuplicates();
    return records;
  }

  private static TrialRecord byId(final List<TrialRecord> records, final String id) {
    return records.stream().filter(t -> t.getRegistryId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no record " + id + " among " + records.stream().map(TrialRecord::getRegistryId).toList()));
  }

  private static IngestSettings.Registry registry(final String name) {
    return settings.registry(name).orElseThrow();
  }

  private static SiteClient client(final String name, final URI base) {
    return SiteClient.builder(name).allowBaseUrl(base).rateLimit(100).settings(settings.http()).build();
  }
}
