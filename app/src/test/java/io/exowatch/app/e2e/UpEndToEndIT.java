package io.exowatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.app.offline.OfflineSnapshot;
import io.exowatch.app.offline.SourceSimulator;
import io.exowatch.app.offline.SyntheticStudies;
import io.exowatch.schemas.avro.Category;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of "one command" (issue 6): {@code exowatch up} run from the shaded jar as a separate
 * process, its sources pointed at a {@link SourceSimulator} in this JVM serving the bundled snapshot
 * (ClinicalTrials.gov polled every 2 s; PubMed, Europe PMC and landing pages once). The page's API
 * lists the snapshot's trials; a trial added at the source afterwards arrives on {@code /api/events}
 * as a {@code CREATED} event and is found by search within 30 s; SIGTERM stops everything cleanly.
 * While it is down every snapshot study is re-posted and one more trial appears; a second
 * {@code up} on the same data directory fetches them all again, indexes the new one (nothing lost)
 * and emits no second {@code CREATED} for any trial ({@code trial-events} read with
 * {@code read_committed}: nothing duplicated).
 */
class UpEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A word no snapshot record contains, put in the new trial's title to find it by search. */
  private static final String DISTINCT_WORD = "Zephyrcrest";
  /** The same for the trial added while ExoWatch is down. */
  private static final String WORD_WHILE_DOWN = "Quillborough";
  private static final Pattern CTGOV_PASS = Pattern.compile("ctgov\\s+COMPLETED\\s+pages=\\d+ records=(\\d+)");
  private static final Duration NEW_TRIAL_LIMIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void shouldListTheSnapshotStreamAndFindANewTrialStopCleanlyAndResumeWithNothingLostAndNoCreatedEventRepeated()
      throws Exception {
    try (SourceSimulator simulator = SourceSimulator.builder().bundledSnapshot().start()) {
      final Set<String> snapshotIds = snapshotIds();
      assertThat(simulator.studyCount()).isEqualTo(snapshotIds.size());
      final UpProcess.Ports ports = UpProcess.Ports.free();
      final Path data = dir.resolve("store");
      final ExoWatchApi api = new ExoWatchApi(ports.httpUrl(), ports.openSearchUrl());
      final Set<String> allIds = new HashSet<>(snapshotIds);

      final UpProcess first = UpProcess.start("first", dir, data, ports, settings(simulator));
      try {
        first.awaitReady(Duration.ofMinutes(3));
        assertThat(api.status("/")).as("the page answers%n%s", first.describe()).isEqualTo(200);
        await("the API lists every snapshot trial").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .failFast("exowatch up exited", () -> !first.isAlive())
            .untilAsserted(() -> assertThat(api.trialsTotal()).as(first.describe()).isEqualTo(snapshotIds.size()));

        try (SseStream events = api.events()) {
          await("the event stream is connected").atMost(Duration.ofSeconds(30)).until(events::connected);
          final String id = simulator.addStudy(newMscEvTrial(0, DISTINCT_WORD));
          allIds.add(id);
          final long added = System.nanoTime();

          await("a CREATED event for " + id).atMost(NEW_TRIAL_LIMIT).pollInterval(Duration.ofMillis(100))
              .untilAsserted(() -> assertThat(events.find(e -> e.data().contains("\"" + id + "\"")))
                  .as("%s%n%s", events.describe(), first.describe()).isPresent());
          final long streamed = System.nanoTime() - added;
          final SseStream.Event event = events.find(e -> e.data().contains("\"" + id + "\"")).orElseThrow();
          final JsonNode trial = JSON.readTree(event.data());
          assertThat(event.name()).isEqualTo("trial");
          assertThat(event.id()).as("the event's position, for Last-Event-ID").isNotBlank();
          assertThat(trial.path("id").asText()).isEqualTo(id);
          assertThat(trial.path("op").asText()).isEqualTo("CREATED");
          assertThat(trial.path("category").asText()).isEqualTo(Category.MSC_EV_THERAPY.name());
          assertThat(trial.path("title").asText()).contains(DISTINCT_WORD);

          final Duration left = NEW_TRIAL_LIMIT.minusNanos(System.nanoTime() - added);
          await("search finding " + id).atMost(left.isNegative() ? Duration.ZERO : left).pollInterval(Duration.ofMillis(100))
              .untilAsserted(() -> {
                final JsonNode found = api.search(DISTINCT_WORD);
                assertThat(found.path("total").asLong()).as("%s%n%s", found, first.describe()).isEqualTo(1);
                assertThat(found.path("hits").path(0).path("id").asText()).isEqualTo(id);
              });
          System.out.printf("New trial %s: SSE event after %d ms, found by search after %d ms%n", id,
              streamed / 1_000_000, (System.nanoTime() - added) / 1_000_000);
        }
        assertThat(api.trialsTotal()).isEqualTo(allIds.size());

        assertThat(first.terminate(Duration.ofSeconds(90))).as("stopped within 90 s of SIGTERM%n%s", first.describe())
            .isTrue();
        assertThat(first.stderr()).as(first.describe()).contains(UpProcess.STOPPED).doesNotContain("error while stopping");
      } finally {
        first.close();
      }
      assertThat(data.resolve("enrich-state")).as("Kafka Streams state is kept under --data-dir").isDirectory();
      assertThat(dir.resolve("first-cwd").resolve("data")).as("nothing is written to ./data of the working directory")
          .doesNotExist();

      // While ExoWatch is down: every snapshot study is re-posted today (same content), so the next
      // incremental pass fetches them all again, and one more trial appears.
      snapshotIds.forEach(id -> simulator.updateStudy(id, study -> { }));
      final String whileDown = simulator.addStudy(newMscEvTrial(1, WORD_WHILE_DOWN));
      allIds.add(whileDown);

      final UpProcess second = UpProcess.start("second", dir, data, ports, settings(simulator));
      try {
        second.awaitReady(Duration.ofMinutes(3));
        await("the trial added while ExoWatch was down found by search").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(250)).failFast("exowatch up exited", () -> !second.isAlive())
            .untilAsserted(() -> assertThat(api.search(WORD_WHILE_DOWN).path("hits").path(0).path("id").asText())
                .as(second.describe()).isEqualTo(whileDown));
        await("a ClinicalTrials.gov pass re-fetching every study").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(mostCtGovRecordsInAPass(second.stdout())).as(second.describe())
                .isGreaterThanOrEqualTo(allIds.size()));
        try (TopicReader topics = new TopicReader(ports.bootstrapServers(), ports.registryUrl())) {
          await("enrich consuming everything the second run fetched").atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(() -> assertThat(topics.lag("exowatch-enrich", List.of("trials-raw", "articles-raw")))
                  .as(second.describe()).isEmpty());
          final Map<String, Integer> created = topics.createdPerTrial();
          assertThat(TopicReader.mismatches(allIds, created))
              .as("exactly one CREATED per trial in trial-events after the restart%n%s", second.describe()).isEmpty();
        }
        // Progress lines come every second; the counters are the second process's own.
        await("the second run's progress line").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(second.progress()[2])
                .as("CREATED events of the second run (only the trial added while down)%n%s", second.describe())
                .isEqualTo(1));
        assertThat(api.trialsTotal()).isEqualTo(allIds.size());
        System.out.printf("Second run:%n%s%n", second.stdout());
        assertThat(second.terminate(Duration.ofSeconds(90))).as(second.describe()).isTrue();
        assertThat(second.stderr()).as(second.describe()).contains(UpProcess.STOPPED);
      } finally {
        second.close();
      }
    }
  }

  /** The most records one ClinicalTrials.gov pass fetched, from the {@code ctgov COMPLETED} lines. */
  private static long mostCtGovRecordsInAPass(final String stdout) {
    final Matcher m = CTGOV_PASS.matcher(stdout);
    long most = 0;
    while (m.find()) {
      most = Math.max(most, Long.parseLong(m.group(1)));
    }
    return most;
  }

  /** The sources at the simulator, politeness off for a local server, ClinicalTrials.gov polled every 2 s. */
  private static Map<String, String> settings(final SourceSimulator simulator) {
    final Map<String, String> s = new LinkedHashMap<>(simulator.configOverrides());
    s.put("sources.ctgov.poll-interval", "2s");
    s.put("sources.ctgov.rate-limit", "50");
    s.put("sources.pubmed.rate-limit", "50");
    s.put("sources.europepmc.rate-limit", "50");
    s.put("sources.pages.rate-limit", "50");
    // The simulator serves the registries too; this test counts ClinicalTrials.gov trials only
    // (RegistriesEndToEndIT and the offline tests cover the registries).
    for (final String registry : List.of("chictr", "irct", "isrctn", "euctr")) {
      s.put("sources." + registry + ".enabled", "false");
    }
    s.put("http.retry-backoff", "100ms");
    return s;
  }

  private static Set<String> snapshotIds() throws Exception {
    final Set<String> ids = new HashSet<>();
    for (final String study : OfflineSnapshot.bundled().studies()) {
      ids.add(JSON.readTree(study).path("protocolSection").path("identificationModule").path("nctId").asText());
    }
    return ids;
  }

  /**
   * The {@code n}-th generated MSC-EV therapy study (NCT ids of the generator are outside the
   * snapshot's) with {@code word} in its title.
   */
  private static String newMscEvTrial(final int n, final String word) throws Exception {
    final SyntheticStudies generator = new SyntheticStudies();
    int i = -1;
    for (int found = -1; found < n; ) {
      i++;
      if (generator.category(i) == Category.MSC_EV_THERAPY) {
        found++;
      }
    }
    final ObjectNode study = (ObjectNode) JSON.readTree(generator.study(i));
    final ObjectNode identification = (ObjectNode) study.path("protocolSection").path("identificationModule");
    identification.put("briefTitle", identification.path("briefTitle").asText() + " (" + word + " Cohort)");
    return study.toString();
  }
}
