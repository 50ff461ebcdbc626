package io.exowatch.enrich;

import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.enrich.testing.PipelineClient;
import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded broker: a trial whose record changed before enrich first saw it (two versions
 * waiting on the raw topic, e.g. after downtime) gets its events in order on {@code trial-events},
 * {@code CREATED} before the {@code STATUS_CHANGED} of the second version, although the identity step
 * decides {@code CREATED} in a later transaction than the one the second version is processed in.
 */
@EmbeddedStack(openSearch = false)
class EnrichEventOrderIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void shouldEmitCreatedBeforeTheChangesOfATrialWhoseTwoVersionsArriveTogether(final LocalStack stack) throws Exception {
    final EnrichRestartIT.App app = new EnrichRestartIT.App(stack, tmp);
    final List<TrialRecord> versions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      final String id = String.format("NCT8%07d", i);
      versions.add(exosomeTrial(id).setStatus("NOT_YET_RECRUITING").build());
      versions.add(exosomeTrial(id).setStatus("RECRUITING").build());
    }
    app.service(new RuleClassifier()).ensureTopics();
    try (PipelineClient client = new PipelineClient(app.config, app.topics)) {
      client.produce(versions);
      try (EnrichService service = app.service(new RuleClassifier())) {
        service.start();
        await().atMost(PATIENCE).until(() -> client.events().size() >= 60
            && client.caughtUp(app.applicationId, app.rawTopics()));
      }

      // Events of one trial share its partition, so their order there is the order subscribers see.
      final Map<String, List<TrialEventOp>> byTrial = client.events().stream().collect(
          Collectors.groupingBy(TrialEvent::getTrialId, Collectors.mapping(TrialEvent::getOp, Collectors.toList())));
      assertThat(byTrial).hasSize(30).allSatisfy((id, ops) ->
          assertThat(ops).as(id).containsExactly(TrialEventOp.CREATED, TrialEventOp.STATUS_CHANGED));
    }
  }
}
