package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroDeserializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code exowatch import ictrp FILE} against the embedded broker and registry, with topics of its own. */
@EmbeddedStack(openSearch = false)
class ImportCommandIT {

  /** A search-portal export in miniature: a ChiCTR row naming its NCT twin, a JPRN row, a row without a TrialID. */
  private static final String EXPORT = "\uFEFFTrialID,Last Refreshed on,Public title,Date registration,Date registration3,"
      + "Source Register,web address,Countries,Secondary ID,Bridging flag truefalse,Bridged type\r\n"
      + "ChiCTR2100045678,10 May 2021,Nebulized MSC exosomes for ARDS,22/04/2021,20210422,ChiCTR,"
      + "https://www.chictr.org.cn/showproj.html?proj=125678,China,NCT04276987,True,child\r\n"
      + "JPRN-jRCT2031210123,3 March 2025,\"Exosome eye drops,<br>dry eye\",15/06/2021,20210615,JPRN,"
      + "https://jrct.niph.go.jp/latest-detail/jRCT2031210123,Japan,,False,\r\n"
      + ",3 March 2025,A row without its id,15/06/2021,20210615,JPRN,,Japan,,False,\r\n";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldImportAnExportPrintASummaryAndExitZero(final LocalStack stack, @TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("ictrp-export.csv");
    Files.writeString(file, EXPORT, StandardCharsets.UTF_8);
    final String suffix = UniqueNames.uniqueName("imp").substring(4);
    final String trials = "trials-raw-" + suffix;
    final String dlq = "ingest-dlq-" + suffix;

    final int exit = run(stack, suffix, "import", "ictrp", file.toString(), "--skip-registries", "CTGOV");

    assertThat(exit).as(out + " / " + err).isZero();
    assertThat(out.toString())
        .contains("ExoWatch import: ICTRP export " + file + " -> " + trials + " (dead letters " + dlq + "), skipping [CTGOV]")
        .contains("done: rows 3, published 2, merged 0, skipped 0, dead letters 1,");
    final Map<String, TrialRecord> byKey = new HashMap<>();
    read(stack, trials).forEach(r -> byKey.put(r.key(), (TrialRecord) r.value()));
    assertThat(byKey.keySet()).containsExactlyInAnyOrder("ChiCTR2100045678", "jRCT2031210123");
    assertThat(byKey.get("ChiCTR2100045678").getSecondaryIds())
        .containsExactly(new SecondaryId("NCT04276987", "SECONDARY_ID", "CTGOV"));
    assertThat(byKey.get("jRCT2031210123").getBriefTitle()).isEqualTo("Exosome eye drops, dry eye");
    assertThat(read(stack, dlq)).singleElement().satisfies(r -> {
      final DeadLetter d = (DeadLetter) r.value();
      assertThat(d.getUrl()).isEqualTo(file + "#row=3");
      assertThat(d.getReason()).contains("row 3: MISSING_FIELD: the TrialID cell is empty");
    });
  }

  @Test
  void shouldReadStandardInputGivenAsDash(final LocalStack stack) throws Exception {
    final String suffix = UniqueNames.uniqueName("imp").substring(4);
    final java.io.InputStream stdin = System.in;
    final int exit;
    try {
      System.setIn(new java.io.ByteArrayInputStream(EXPORT.getBytes(StandardCharsets.UTF_8)));
      exit = run(stack, suffix, "import", "ictrp", "-", "--progress", "0");
    } finally {
      System.setIn(stdin);
    }

    assertThat(exit).as(out + " / " + err).isZero();
    assertThat(out.toString()).contains("ICTRP export stdin").contains("skipping [CHICTR, CTGOV, EUCTR, IRCT, ISRCTN]")
        .contains("done: rows 3, published 1, merged 0, skipped 1, dead letters 1,");
    assertThat(read(stack, "trials-raw-" + suffix)).extracting(ConsumerRecord::key).containsExactly("jRCT2031210123");
    assertThat(read(stack, "ingest-dlq-" + suffix)).extracting(r -> ((DeadLetter) r.value()).getUrl())
        .containsExactly("stdin#row=3");
  }

  private int run(final LocalStack stack, final String suffix, final String... command) {
    final List<String> args = new ArrayList<>(List.of(command));
    for (final String kv : List.of("kafka.bootstrap.servers=" + stack.bootstrapServers(),
        "schema.registry.url=" + stack.schemaRegistryUrl(),
        "ingest.topic.trials=trials-raw-" + suffix,
        "ingest.topic.articles=articles-raw-" + suffix,
        "ingest.topic.dlq=ingest-dlq-" + suffix,
        "ingest.topic.cursors=ingest-cursors-" + suffix)) {
      args.add("--set");
      args.add(kv);
    }
    final CommandLine cli = ExoWatch.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args.toArray(String[]::new));
  }

  /** Every record of a topic to its current end, Avro values as generated classes. */
  private static List<ConsumerRecord<String, Object>> read(final LocalStack stack, final String topic) {
    final KafkaClients clients = new KafkaClients(ExoConfig.of(Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl())));
    final Map<String, Object> c = new HashMap<>(clients.consumerConfig(null, "import-it-" + UUID.randomUUID()));
    c.putAll(clients.serdeConfig());
    c.put("specific.avro.reader", true);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    final List<ConsumerRecord<String, Object>> records = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(c)) {
      final List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
      final Instant deadline = Instant.now().plusSeconds(60);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("Could not read " + topic + " to its end within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
