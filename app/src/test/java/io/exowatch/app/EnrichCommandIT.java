package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.common.kafka.Topics;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code exowatch enrich} in-process on the embedded broker and registry, with the project's
 * classifier: it prints progress, classifies new trials and emits one {@code CREATED} each, stops
 * cleanly on request; run again with {@code --reclassify} it re-reads everything and, the
 * classifier being unchanged, emits nothing new.
 */
@EmbeddedStack(openSearch = false)
class EnrichCommandIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir
  Path stateDir;

  @Test
  void shouldEnrichPrintProgressStopCleanlyAndReclassifyQuietly(final LocalStack stack) throws Exception {
    final String applicationId = UniqueNames.uniqueName("enrich-cmd");
    final String[] settings = {
      "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
      "--set", "schema.registry.url=" + stack.schemaRegistryUrl(),
      "--set", "enrich.application-id=" + applicationId,
      "--set", "enrich.state-dir=" + stateDir,
      "--set", "enrich.commit-interval=200ms"};
    final String exosomeTrial = "NCT9" + String.format("%07d", Math.floorMod(applicationId.hashCode(), 10_000_000));
    final String cellTrial = "NCT8" + exosomeTrial.substring(4);

    final Run first = Run.start(settings, "--progress", "1");
    await().atMost(PATIENCE).until(() -> first.out().contains("Press Ctrl-C to stop."));
    assertThat(first.out()).contains(applicationId).contains("trials-raw").contains("trial-events");
    produce(stack, List.of(
        trial(exosomeTrial, "Aerosol Inhalation of Exosomes Derived From Allogenic Adipose Mesenchymal Stem Cells in"
            + " Severe COVID-19 Pneumonia", "MSCs-derived exosomes",
            "5 times aerosol inhalation of MSC-derived exosomes (2.0*10^8 nano vesicles/3 ml)"),
        trial(cellTrial, "Umbilical Cord Mesenchymal Stem Cells for ARDS", "UC-MSC infusion",
            "Intravenous infusion of 1x10^6 umbilical cord mesenchymal stem cells per kg")));

    try (Events events = new Events(stack)) {
      await().atMost(PATIENCE).until(() -> events.forTrials(exosomeTrial, cellTrial).size() >= 2);
      await().atMost(PATIENCE).until(() -> first.out().matches("(?s).*enrich: in: [1-9]\\d* trials.*"));
      first.stop();
      assertThat(first.exit()).isZero();
      assertThat(first.out()).contains("Stopping enrich ...");
      assertThat(events.forTrials(exosomeTrial, cellTrial)).extracting(TrialEvent::getOp)
          .containsExactly(TrialEventOp.CREATED, TrialEventOp.CREATED);
      final EnrichedTrial enriched = enrichedTrial(stack, exosomeTrial);
      assertThat(enriched.getClassification().getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
      assertThat(enriched.getClassification().getEvidence()).isNotEmpty();

      final Run again = Run.start(settings, "--reclassify", "--progress", "1");
      await().atMost(PATIENCE).until(() -> again.out().contains("Press Ctrl-C to stop."));
      assertThat(again.out()).contains("Reclassifying with classifier").contains("raw partitions rewound");
      await().atMost(PATIENCE).until(() -> again.out().matches("(?s).*enrich: in: [1-9]\\d* trials.*")
          && caughtUp(stack, applicationId));
      again.stop();
      assertThat(again.exit()).isZero();
      assertThat(events.forTrials(exosomeTrial, cellTrial)).hasSize(2);
    }
  }

  private static TrialRecord trial(final String id, final String title, final String intervention,
      final String description) {
    return TrialRecord.newBuilder()
        .setRegistry("CTGOV").setRegistryId(id).setBriefTitle(title).setSecondaryIds(List.of())
        .setConditions(List.of("ARDS")).setKeywords(List.of()).setArms(List.of()).setOutcomes(List.of())
        .setInterventions(List.of(Intervention.newBuilder().setType("BIOLOGICAL").setName(intervention)
            .setDescription(description).setOtherNames(List.of()).setArmGroupLabels(List.of()).build()))
        .setPhases(List.of("PHASE1")).setStatus("RECRUITING").setCollaborators(List.of()).setCountries(List.of("China"))
        .setReferences(List.of()).setFetchedAt(Instant.parse("2026-11-01T00:00:00Z")).setContentHash("0").build();
  }

  private static void produce(final LocalStack stack, final List<TrialRecord> trials) throws Exception {
    try (KafkaProducer<String, TrialRecord> producer = new KafkaProducer<>(
        new KafkaClients(config(stack)).producerConfig("enrich-cmd-it"), new StringSerializer(),
        AvroSerdes.specific(TrialRecord.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false)
            .serializer())) {
      for (final TrialRecord trial : trials) {
        producer.send(new ProducerRecord<>(Topics.TRIALS_RAW.name(), trial.getRegistryId(), trial)).get();
      }
    }
  }

  private static EnrichedTrial enrichedTrial(final LocalStack stack, final String id) {
    try (KafkaConsumer<String, EnrichedTrial> consumer = new KafkaConsumer<>(
        new KafkaClients(config(stack)).consumerConfig(null, "enrich-cmd-it-enriched"), new StringDeserializer(),
        AvroSerdes.specific(EnrichedTrial.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false)
            .deserializer())) {
      final List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRIALS_ENRICHED.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final List<EnrichedTrial> found = new ArrayList<>();
      await().atMost(PATIENCE).until(() -> {
        for (final ConsumerRecord<String, EnrichedTrial> r : consumer.poll(Duration.ofMillis(200))) {
          if (id.equals(r.key()) && r.value() != null) {
            found.add(r.value());
          }
        }
        return !found.isEmpty();
      });
      return found.get(found.size() - 1);
    }
  }

  private static boolean caughtUp(final LocalStack stack, final String applicationId) throws Exception {
    try (Admin admin = new KafkaClients(config(stack)).admin()) {
      final Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(Set.of(Topics.TRIALS_RAW.name())).allTopicNames().get().values().forEach(d ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
          : admin.listOffsets(latest).all().get().entrySet()) {
        final OffsetAndMetadata at = committed.get(end.getKey());
        if ((at == null ? 0 : at.offset()) < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }

  private static ExoConfig config(final LocalStack stack) {
    return ExoConfig.of(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
        "schema.registry.url", stack.schemaRegistryUrl()));
  }

  /** The trial events of given trials, read committed from the beginning. */
  private static final class Events implements AutoCloseable {
    private final KafkaConsumer<String, TrialEvent> consumer;
    private final List<TrialEvent> seen = new ArrayList<>();

    Events(final LocalStack stack) {
      consumer = new KafkaConsumer<>(new KafkaClients(config(stack)).consumerConfig(null, "enrich-cmd-it-events"),
          new StringDeserializer(), AvroSerdes.specific(TrialEvent.class,
              Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).deserializer());
      final List<TopicPartition> partitions = await().atMost(PATIENCE).until(() ->
          consumer.partitionsFor(Topics.TRIAL_EVENTS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), p -> !p.isEmpty());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    List<TrialEvent> forTrials(final String... ids) {
      for (final ConsumerRecord<String, TrialEvent> r : consumer.poll(Duration.ofMillis(200))) {
        seen.add(r.value());
      }
      final Set<String> wanted = Set.of(ids);
      return seen.stream().filter(e -> wanted.contains(e.getTrialId())).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** {@code exowatch enrich} running in a thread of this JVM. */
  private static final class Run {
    private final StringWriter out = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private EnrichCommand command;
    private Thread thread;

    static Run start(final String[] settings, final String... options) {
      final Run run = new Run();
      final CommandLine cli = ExoWatch.commandLine();
      cli.setOut(new PrintWriter(run.out, true));
      run.command = cli.getSubcommands().get("enrich").getCommand();
      final List<String> args = new ArrayList<>(List.of("enrich"));
      args.addAll(List.of(options));
      args.addAll(List.of(settings));
      run.thread = new Thread(() -> run.exit.set(cli.execute(args.toArray(String[]::new))), "enrich-command");
      run.thread.start();
      return run;
    }

    String out() {
      return out.toString();
    }

    void stop() throws InterruptedException {
      command.stop();
      thread.join(PATIENCE.toMillis());
      assertThat(thread.isAlive()).as("enrich command still running; output:%n%s", out()).isFalse();
    }

    int exit() {
      return exit.get();
    }
  }
}
