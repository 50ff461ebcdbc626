package io.exowatch.enrich;

import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.enrich.testing.EnrichProcess;
import io.exowatch.enrich.testing.PipelineClient;
import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrich application on the embedded broker and registry, interrupted mid-stream: stopped
 * cleanly and restarted without its local state, and killed (SIGKILL, in a child JVM) and
 * restarted. Every trial gets exactly one {@code CREATED} event in {@code trial-events} as a
 * {@code read_committed} reader sees it: none lost, none repeated.
 */
@EmbeddedStack(openSearch = false)
class EnrichRestartIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void shouldNeitherLoseNorRepeatACreatedEventWhenStoppedMidStreamAndRestartedWithoutLocalState(
      final LocalStack stack) throws Exception {
    final App app = new App(stack, tmp);
    final List<TrialRecord> first = trials(0, 1500);
    final List<TrialRecord> second = trials(1500, 3000);
    app.service(new RuleClassifier()).ensureTopics();
    try (PipelineClient client = new PipelineClient(app.config, app.topics)) {
      client.produce(first);
      final EnrichService before = app.service(new RuleClassifier());
      before.start();
      await().atMost(PATIENCE).until(() -> created(client.events()) >= 200);
      before.close();
      before.cleanUp();
      final long seenAtStop = created(client.events());

      // While it is down: more new trials, identical re-scrapes and status changes of old ones.
      client.produce(second);
      final List<TrialRecord> rescrapes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rescrapes.add(TrialRecord.newBuilder(first.get(i)).setFetchedAt(Instant.parse("2026-11-03T00:00:00Z")).build());
      }
      for (int i = 100; i < 120; i++) {
        rescrapes.add(TrialRecord.newBuilder(first.get(i)).setStatus("COMPLETED").build());
      }
      client.produce(rescrapes);

      final EnrichService after = app.service(new RuleClassifier());
      after.start();
      await().atMost(PATIENCE).until(() -> created(client.events()) >= 3000
          && client.caughtUp(app.applicationId, app.rawTopics()));
      after.close();
      after.cleanUp();

      final List<TrialEvent> events = client.events();
      final Map<String, Long> created = client.count(events, TrialEventOp.CREATED);
      assertThat(seenAtStop).as("CREATED events visible when the first instance stopped").isLessThan(3000);
      assertThat(created).hasSize(3000);
      assertThat(created.values()).containsOnly(1L);
      assertThat(client.count(events, TrialEventOp.STATUS_CHANGED)).hasSize(20).containsValues(1L);
      assertThat(client.count(events, TrialEventOp.UPDATED)).isEmpty();
      assertThat(events).hasSize(3020);
    }
  }

  @Test
  void shouldNeitherLoseNorRepeatACreatedEventWhenKilledMidStreamAndRestarted(final LocalStack stack)
      throws Exception {
    final App app = new App(stack, tmp);
    final int total = 4000;
    app.service(new RuleClassifier()).ensureTopics();
    try (PipelineClient client = new PipelineClient(app.config, app.topics)) {
      client.produce(trials(0, total));

      final Path log = tmp.resolve("enrich-process.log");
      final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.exowatch.schemas.avro",
          "-cp", System.getProperty("java.class.path"), EnrichProcess.class.getName(),
          stack.bootstrapServers(), stack.schemaRegistryUrl(), app.applicationId, app.prefix,
          app.stateDir.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      final long seenAtKill;
      try {
        await().atMost(PATIENCE).until(() -> !process.isAlive() || created(client.events()) >= 300);
        assertThat(process.isAlive()).as("child enrich process alive; its log: %s", Files.readString(log)).isTrue();
      } finally {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      seenAtKill = created(client.events());

      // Restart on the same state directory, as after a crash: the open transaction is aborted.
      final EnrichService after = app.service(new RuleClassifier());
      after.start();
      await().atMost(PATIENCE).until(() -> created(client.events()) >= total
          && client.caughtUp(app.applicationId, app.rawTopics()));
      after.close();
      after.cleanUp();

      final Map<String, Long> created = client.count(client.events(), TrialEventOp.CREATED);
      assertThat(seenAtKill).as("CREATED events visible when the process was killed").isLessThan(total);
      assertThat(created).hasSize(total);
      assertThat(created.values()).containsOnly(1L);
    }
  }

  private static long created(final List<TrialEvent> events) {
    return events.stream().filter(e -> e.getOp() == TrialEventOp.CREATED).count();
  }

  /** Trials NCT9xxxxxxx numbered {@code from} (inclusive) to {@code to} (exclusive). */
  static List<TrialRecord> trials(final int from, final int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> exosomeTrial(String.format("NCT9%07d", i)).build())
        .toList();
  }

  /** One application's names and settings, unique in the shared stack. */
  static final class App {
    final String applicationId = UniqueNames.uniqueName("enrich-it");
    final String prefix = applicationId + "-";
    final Path stateDir;
    final ExoConfig config;
    final EnrichTopics topics;

    App(final LocalStack stack, final Path tmp) {
      stateDir = tmp.resolve("state");
      config = ExoConfig.of(Map.of(
          "kafka.bootstrap.servers", stack.bootstrapServers(),
          "schema.registry.url", stack.schemaRegistryUrl(),
          "enrich.application-id", applicationId,
          "enrich.state-dir", stateDir.toString(),
          "enrich.commit-interval", "200ms",
          "topics.partitions", "3"));
      topics = EnrichTopics.create(Map.of("schema.registry.url", stack.schemaRegistryUrl()), prefix);
    }

    EnrichService service(final RecordClassifier classifier) {
      return new EnrichService(config, classifier, topics);
    }

    Set<String> rawTopics() {
      return Set.of(topics.trialsRaw().name(), topics.articlesRaw().name());
    }
  }
}
