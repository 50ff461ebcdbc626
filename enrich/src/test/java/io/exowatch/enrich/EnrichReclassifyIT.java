package io.exowatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.exowatch.enrich.internal.TrialFingerprint;
import io.exowatch.enrich.testing.PipelineClient;
import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exowatch enrich --reclassify} on the embedded broker and registry: after a classifier
 * change, the raw topics are read again from the beginning and only the trials whose
 * classification changed emit an {@code UPDATED} event.
 */
@EmbeddedStack(openSearch = false)
class EnrichReclassifyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir
  Path tmp;

  @Test
  void shouldEmitUpdatedOnlyForTrialsWhoseClassificationChanged(final LocalStack stack) throws Exception {
    final EnrichRestartIT.App app = new EnrichRestartIT.App(stack, tmp);
    final List<TrialRecord> trials = EnrichRestartIT.trials(0, 200);
    final String changedA = trials.get(7).getRegistryId();
    final String changedB = trials.get(150).getRegistryId();
    app.service(new RuleClassifier()).ensureTopics();
    try (PipelineClient client = new PipelineClient(app.config, app.topics)) {
      client.produce(trials);
      final EnrichService first = app.service(new RuleClassifier());
      first.start();
      await().atMost(PATIENCE).until(() -> client.events().size() >= 200
          && client.caughtUp(app.applicationId, app.rawTopics()));
      first.close();

      // A new classifier: new version everywhere, other labels for two trials.
      final RuleClassifier changed = new RuleClassifier().version("test-2")
          .override(changedA, Category.OTHER_EV_THERAPY)
          .override(changedB, Category.UNRELATED);
      final EnrichService second = app.service(changed);
      assertThat(second.rewindRawTopics()).isNotEmpty().allSatisfy((partition, offset) -> assertThat(offset).isZero());
      second.start();
      await().atMost(PATIENCE).until(() -> second.progress().snapshot().trialsIn() >= 200
          && client.caughtUp(app.applicationId, app.rawTopics()));
      second.close();
      second.cleanUp();

      final List<TrialEvent> events = client.events();
      assertThat(client.count(events, TrialEventOp.CREATED)).hasSize(200).containsValues(1L);
      final List<TrialEvent> updated = events.stream().filter(e -> e.getOp() == TrialEventOp.UPDATED).toList();
      assertThat(updated).extracting(TrialEvent::getTrialId).containsExactlyInAnyOrder(changedA, changedB);
      assertThat(updated).allSatisfy(e -> {
        assertThat(e.getChangedFields()).containsExactly(TrialFingerprint.CLASSIFICATION);
        assertThat(e.getClassifierVersion()).isEqualTo("test-2");
        assertThat(e.getBefore().getCategory()).isEqualTo("MSC_EV_THERAPY");
      });
      assertThat(events).hasSize(202);
      assertThat(second.progress().snapshot().unchanged()).isEqualTo(198);
    }
  }

  @Test
  void shouldRefuseToRewindWhileAnInstanceRuns(final LocalStack stack) {
    final EnrichRestartIT.App app = new EnrichRestartIT.App(stack, tmp);
    try (EnrichService running = app.service(new RuleClassifier())) {
      running.start();
      assertThatThrownBy(() -> app.service(new RuleClassifier()).rewindRawTopics())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(app.applicationId)
          .hasMessageContaining("running member")
          .hasMessageContaining("stop every instance");
      running.close();
      running.cleanUp();
    }
  }
}
