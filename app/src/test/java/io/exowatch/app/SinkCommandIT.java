package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@EmbeddedStack
class SinkCommandIT {

  @Test
  void shouldIndexPrintProgressServeHttpAndStopCleanly(final LocalStack stack) throws Exception {
    final String suffix = UniqueNames.uniqueName("cmd").substring(4);
    final String topic = "trials-enriched-" + suffix;
    stack.createTopic(topic, 1, true);
    final StringWriter out = new StringWriter();
    final CommandLine cli = ExoWatch.commandLine();
    cli.setOut(new PrintWriter(out, true));
    final SinkCommand command = cli.getSubcommands().get("sink").getCommand();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread run = new Thread(() -> exit.set(cli.execute("sink", "--port", "0", "--progress", "1",
        "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
        "--set", "schema.registry.url=" + stack.schemaRegistryUrl(),
        "--set", "opensearch.url=" + stack.openSearchUrl(),
        "--set", "http.bind-address=127.0.0.1",
        "--set", "sink.group-id=cmd-" + suffix,
        "--set", "sink.topic.trials=" + topic,
        "--set", "sink.topic.articles=articles-enriched-" + suffix,
        "--set", "sink.topic.events=trial-events-" + suffix,
        "--set", "sink.topic.dlq=sink-dlq-" + suffix,
        "--set", "sink.index.trials=trials-" + suffix,
        "--set", "sink.index.articles=articles-" + suffix)), "sink-command");
    run.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("page and search API"));
    final Matcher m = Pattern.compile("http://localhost:(\\d+)/").matcher(out.toString());
    assertThat(m.find()).isTrue();
    final int port = Integer.parseInt(m.group(1));

    final TrialRecord trial = TrialRecord.newBuilder().setRegistry("CTGOV").setRegistryId("NCT04276987")
        .setBriefTitle("Exosomes for ARDS").setSecondaryIds(List.of()).setConditions(List.of()).setKeywords(List.of())
        .setInterventions(List.of()).setArms(List.of()).setOutcomes(List.of()).setPhases(List.of())
        .setCollaborators(List.of()).setCountries(List.of()).setReferences(List.of())
        .setFetchedAt(Instant.now()).setContentHash("0").build();
    final EnrichedTrial enriched = EnrichedTrial.newBuilder().setTrial(trial)
        .setClassification(Classification.newBuilder().setCategory(Category.MSC_EV_THERAPY).setConfidence(1)
            .setApplications(List.of()).setMscSources(List.of()).setProductTypes(List.of()).setRoutes(List.of())
            .setConditionAreas(List.of()).setMentionedTrialIds(List.of()).setEvidence(List.of())
            .setPhase(io.exowatch.schemas.avro.Phase.PHASE1).setStatus(io.exowatch.schemas.avro.TrialStatus.RECRUITING)
            .setClassifierVersion("t").build())
        .setLinkedArticles(List.of()).setSameAs(List.of()).setEnrichedAt(Instant.now()).build();
    try (KafkaProducer<String, EnrichedTrial> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", stack.bootstrapServers()), new StringSerializer(),
        AvroSerdes.specific(EnrichedTrial.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).serializer())) {
      producer.send(new ProducerRecord<>(topic, "NCT04276987", enriched)).get();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("indexed 1, deleted 0, rejected 0"));
    final HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);

    command.stop();
    run.join(Duration.ofSeconds(60).toMillis());
    assertThat(run.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).contains("Stopping the sink ...");
  }
}
