package io.exowatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.exowatch.app.offline.SourceSimulator;
import io.exowatch.app.offline.SyntheticStudies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 6: {@code kill -9} of {@code exowatch up} (a separate process from the
 * shaded jar) in the middle of a backfill of 20,000 synthetic ClinicalTrials.gov studies served by a
 * {@link SourceSimulator} in this JVM, then {@code up} again on the same data directory. Afterwards
 * the {@code trials} index holds exactly one document per study, {@code trial-events} (read with
 * {@code read_committed}) holds exactly one {@code CREATED} per study, and no dead letters were
 * written. Slow (a few minutes): runs under {@code -Pe2e} only (system property
 * {@code exowatch.e2e=true}).
 */
@EnabledIfSystemProperty(named = "exowatch.e2e", matches = "true")
class UpCrashIT {

  private static final int STUDIES = 20_000;
  /** Kill once more than this many trials are searchable (and fewer than all). */
  private static final long KILL_AFTER_INDEXED = 2_000;
  /** The exit status of a process ended by SIGKILL: 128 + 9. */
  private static final int SIGKILL_STATUS = 137;

  @TempDir Path dir;

  @Test
  void shouldHoldOneDocumentAndOneCreatedEventPerStudyAfterAKillDashNineMidBackfillAndARestart() throws Exception {
    final SyntheticStudies generator = new SyntheticStudies();
    try (SourceSimulator simulator = SourceSimulator.builder().syntheticStudies(generator, STUDIES).start()) {
      final Set<String> ids = new HashSet<>();
      for (int i = 0; i < STUDIES; i++) {
        ids.add(generator.nctId(i));
      }
      assertThat(ids).hasSize(STUDIES);
      final UpProcess.Ports ports = UpProcess.Ports.free();
      final Path data = dir.resolve("store");
      final ExoWatchApi api = new ExoWatchApi(ports.httpUrl(), ports.openSearchUrl());

      final long indexedAtKill;
      final UpProcess first = UpProcess.start("first", dir, data, ports, settings(simulator));
      try {
        first.awaitReady(Duration.ofMinutes(3));
        await("the backfill under way (more than " + KILL_AFTER_INDEXED + " trials searchable)")
            .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
            .failFast("exowatch up exited", () -> !first.isAlive())
            .until(() -> api.registrationsTotal() > KILL_AFTER_INDEXED);
        final long[] progress = first.progress();
        indexedAtKill = api.registrationsTotal();
        final int status = first.kill();
        assertThat(indexedAtKill).as("killed before the backfill ended%n%s", first.describe()).isLessThan(STUDIES);
        assertThat(status).as("ended by SIGKILL%n%s", first.describe()).isEqualTo(SIGKILL_STATUS);
        assertThat(first.stderr()).as("no shutdown hook ran").doesNotContain("Stopping ExoWatch");
        System.out.printf("Killed exowatch up with %d trials searchable; last progress: fetched %d, classified %d, "
            + "created %d, indexed %d%n", indexedAtKill, progress[0], progress[1], progress[2], progress[4]);
      } finally {
        first.close();
      }

      final UpProcess second = UpProcess.start("second", dir, data, ports, settings(simulator));
      try {
        second.awaitReady(Duration.ofMinutes(3));
        await("all " + STUDIES + " trials searchable after the restart").atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .failFast("exowatch up exited", () -> !second.isAlive())
            .untilAsserted(() -> assertThat(api.registrationsTotal()).as(second.describe())
                .isGreaterThanOrEqualTo(STUDIES));

        // No study here has another registration: every document is a real trial of its own.
        assertThat(api.registrationsTotal()).as("/api/trials?collapse=false total").isEqualTo(STUDIES);
        assertThat(api.trialsTotal()).as("/api/trials total, a cardinality").isCloseTo(STUDIES, withinPercentage(1));
        assertThat(api.openSearchCount("trials")).as("OpenSearch _count of the trials alias").isEqualTo(STUDIES);
        final JsonNode repeated = api.repeatedIds("trials");
        assertThat(repeated).as("ids held by more than one document: %s", repeated).isEmpty();
        try (TopicReader topics = new TopicReader(ports.bootstrapServers(), ports.registryUrl())) {
          final Map<String, Integer> created = topics.createdPerTrial();
          assertThat(TopicReader.mismatches(ids, created))
              .as("exactly one CREATED per study in trial-events%n%s", second.describe()).isEmpty();
          for (final String dlq : List.of("ingest-dlq", "enrich-dlq", "sink-dlq")) {
            assertThat(topics.deadLetters(dlq)).as("dead letters in %s", dlq).isEmpty();
          }
        }
        assertThat(second.terminate(Duration.ofSeconds(90))).as(second.describe()).isTrue();
        assertThat(second.stderr()).as(second.describe()).contains(UpProcess.STOPPED);
      } finally {
        second.close();
      }
    }
  }

  /** ClinicalTrials.gov only, 1,000 studies a page, no politeness limit for the local server. */
  private static Map<String, String> settings(final SourceSimulator simulator) {
    final Map<String, String> s = new LinkedHashMap<>(simulator.configOverrides());
    s.put("sources.ctgov.page-size", "1000");
    s.put("sources.ctgov.rate-limit", "100");
    s.put("sources.pubmed.enabled", "false");
    s.put("sources.europepmc.enabled", "false");
    s.put("sources.pages.enabled", "false");
    // The simulator serves the registries too; this test counts ClinicalTrials.gov trials only
    // (RegistriesEndToEndIT and the offline tests cover the registries).
    for (final String registry : List.of("chictr", "irct", "isrctn", "euctr")) {
      s.put("sources." + registry + ".enabled", "false");
    }
    s.put("http.retry-backoff", "100ms");
    return s;
  }
}
