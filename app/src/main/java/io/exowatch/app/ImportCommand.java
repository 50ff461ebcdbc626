package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.ingest.IngestService;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.ictrp.IctrpFormatException;
import io.exowatch.ingest.ictrp.IctrpImport;
import io.exowatch.ingest.ictrp.IctrpImportCounts;
import io.exowatch.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch import}: bulk imports of registry exports into Kafka. Its one subcommand,
 * {@code import ictrp FILE|-}, reads a WHO ICTRP CSV export (the search portal's export, or the
 * weekly full export with a header row) and publishes each registration to {@code trials-raw}, keyed
 * by its normalised id, with the ingest service's producer and Avro serde; unreadable rows go to
 * {@code ingest-dlq} with the file name and row number (topics from {@code ingest.topic.*}, created
 * when missing). See {@link IctrpImport}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Bulk-import registry exports into Kafka (trials-raw).",
    subcommands = {ImportCommand.Ictrp.class})
public final class ImportCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code exowatch import ictrp FILE|-}: checks that the file is an ICTRP export before connecting,
   * then imports it. Progress on standard error every {@code --progress} seconds (default 5), a summary
   * on standard output. Exit 0 when the file was imported (dead-lettered rows are counted, not
   * failures), 1 when it cannot be read, is not an ICTRP export (the message names the missing
   * {@code TrialID} header) or Kafka refused a write, 2 for a bad setting.
   */
  @Command(name = "ictrp", mixinStandardHelpOptions = true,
      description = {"Import a WHO ICTRP CSV export: one TrialRecord per registration on trials-raw, keyed by its "
          + "normalised id (EU CTR member-state rows merged); unreadable rows to ingest-dlq with file name and row number.",
          "Rows of registries ExoWatch scrapes itself are skipped by default: their direct records are richer."})
  static final class Ictrp implements Callable<Integer> {

    /** The registries skipped by default, as the option's default value. */
    static final String DEFAULT_SKIPPED = "CTGOV,CHICTR,IRCT,ISRCTN,EUCTR";

    @Mixin ConfigOptions configOptions;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The export (CSV, UTF-8), or - to read standard input.")
    String file;

    @Option(names = "--skip-registries", paramLabel = "CODES", defaultValue = DEFAULT_SKIPPED,
        description = "Comma-separated registry codes whose rows are not imported (default ${DEFAULT-VALUE}; EU CTIS"
            + " registrations are skipped only by CTIS, not by EUCTR; '' imports all).")
    String skipRegistries;

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
        description = "Seconds between progress lines on standard error (default ${DEFAULT-VALUE}; 0 = none).")
    long progressSeconds;

    @Override
    public Integer call() throws IOException {
      final PrintWriter out = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      final ExoConfig config = configOptions.load();
      final boolean stdin = "-".equals(file);
      final Path path = stdin ? IctrpImport.spool(System.in) : Path.of(file);
      final String name = stdin ? "stdin" : file;
      try {
        final String problem = problemWith(path, name);
        if (problem != null) {
          err.println("exowatch import ictrp: " + problem);
          err.flush();
          return 1;
        }
        return importFile(config, path, name, out, err);
      } finally {
        if (stdin) {
          Files.deleteIfExists(path);
        }
      }
    }

    /** Why the file cannot be imported, or {@code null}; nothing is connected yet. */
    private static String problemWith(final Path path, final String name) {
      try {
        IctrpImport.check(path);
        return null;
      } catch (final NoSuchFileException e) {
        return "no such file: " + name;
      } catch (final IOException e) {
        return "cannot read " + name + ": " + e;
      } catch (final IctrpFormatException e) {
        return name + ": " + e.reason();
      }
    }

    private int importFile(final ExoConfig config, final Path path, final String name, final PrintWriter out,
        final PrintWriter err) {
      final IngestSettings settings = IngestSettings.from(config);
      final KafkaClients clients = new KafkaClients(config);
      try (Admin admin = clients.admin()) {
        IngestService.ensureTopics(admin, settings, config.get(CommonKeys.TOPICS_PARTITIONS),
            config.get(CommonKeys.TOPICS_REPLICATION_FACTOR).shortValue());
      }
      final List<String> skip = Arrays.stream(skipRegistries.split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList();
      try (Producer<String, Object> producer = new KafkaProducer<>(producerConfig(clients))) {
        final IctrpImport ictrp = IctrpImport.builder(producer).topics(settings.topics()).skipRegistries(skip)
            .progress(Duration.ofSeconds(Math.max(0, progressSeconds)), c -> {
              err.println("ictrp: " + c.describe());
              err.flush();
            }).build();
        out.printf("ExoWatch import: ICTRP export %s -> %s (dead letters %s), skipping %s%n", name,
            settings.topics().trials(), settings.topics().deadLetters(),
            ictrp.skipRegistries().isEmpty() ? "nothing" : new TreeSet<>(ictrp.skipRegistries()));
        out.flush();
        final IctrpImportCounts counts = ictrp.run(path, name);
        out.println("ICTRP import of " + name + " done: " + counts.describe());
        out.flush();
        return 0;
      } catch (final IOException e) {
        err.println("exowatch import ictrp: cannot read " + name + ": " + e.getMessage());
      } catch (final IctrpFormatException e) {
        err.println("exowatch import ictrp: " + name + ": " + e.reason());
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("exowatch import ictrp: interrupted; batches already acknowledged stay published");
      } catch (final RuntimeException e) {
        err.println("exowatch import ictrp: import of " + name + " failed: " + e.getMessage());
      }
      err.flush();
      return 1;
    }

    private static Map<String, Object> producerConfig(final KafkaClients clients) {
      final Map<String, Object> config = new HashMap<>(clients.producerConfig("exowatch-import-ictrp"));
      config.putAll(clients.serdeConfig());
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
      return config;
    }
  }
}
