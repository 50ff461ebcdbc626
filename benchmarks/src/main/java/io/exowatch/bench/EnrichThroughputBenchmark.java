package io.exowatch.bench;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.enrich.EnrichKeys;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.localstack.LocalStack;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the enrich application against a plain consume-and-produce passthrough of the same
 * records, on one embedded broker and registry, in the same run (target: enrich at least 0.5x).
 *
 * <p>Both paths first run once on N other records (warm-up: JIT compilation of the classifier,
 * Avro, RocksDB and Kafka Streams code would otherwise be timed; with fewer the compiler threads
 * were still the busiest of the process during the measurement). Then N realistic
 * {@code TrialRecord}s (about 3.8 KB each: registry content plus a source payload; one in five an
 * MSC-exosome trial with a reference and an id in another registry) are produced to a raw topic.
 * Then (a) a consumer reads them and a producer writes each record again to an output
 * topic, through the same Avro serdes, committing offsets after each poll, until all N are written
 * and acknowledged; and (b) the enrich application (exactly-once, the project's classifier) starts
 * on the same raw topic, timed from {@code start()} until its committed offsets reach the end of the
 * raw topics, i.e. until every output of every record is committed. The enrich rate is given both
 * with and without its start-up (joining the group, creating internal topics, opening stores). For
 * scale, the classifier's own rate on the same trials (one thread) is printed last.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.exowatch.bench.EnrichThroughputBenchmark [N] [partitions] [threads]} (defaults 20000, 3 and 1
 * stream thread).
 */
public final class EnrichThroughputBenchmark {

  private static final Duration LIMIT = Duration.ofMinutes(10);

  private EnrichThroughputBenchmark() {}

  /** Runs the measurement and prints records/s of both and their ratio. */
  public static void main(final String[] args) throws Exception {
    // Avro 1.12 builds generated classes only from trusted packages.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.exowatch.schemas.avro");
    final int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    final Path stateDir = Files.createTempDirectory("enrich-bench-state");
    try (LocalStack stack = LocalStack.builder().freePorts().withOpenSearch(false).autoCreateTopics(false).start()) {
      final ExoConfig config = ExoConfig.of(Map.of(
          "kafka.bootstrap.servers", stack.bootstrapServers(),
          "schema.registry.url", stack.schemaRegistryUrl(),
          "enrich.application-id", "bench-enrich",
          "enrich.state-dir", stateDir.toString(),
          "enrich.threads", Integer.toString(threads),
          "topics.partitions", Integer.toString(partitions)));
      final KafkaClients clients = new KafkaClients(config);
      final Trials generator = new Trials(42);

      // Warm-up: both paths once on other topics, so that neither is measured with cold JIT code.
      final int warmup = n;
      final EnrichTopics warmTopics = EnrichTopics.create(clients.serdeConfig(), "warmup-");
      final ExoConfig warmConfig = config.with(EnrichKeys.APPLICATION_ID, "warmup-enrich")
          .with(EnrichKeys.STATE_DIR, stateDir.resolve("warmup").toString());
      final EnrichService warm = new EnrichService(warmConfig, RecordClassifier.of(new Classifier()), warmTopics);
      warm.ensureTopics();
      stack.createTopic("warmup-passthrough-out", partitions, true);
      produce(clients, warmTopics, generator.make(warmup));
      passthrough(clients, warmTopics, "warmup-passthrough", warmup);
      runEnrich(warm, clients, "warmup-enrich", warmTopics);
      System.out.printf(Locale.ROOT, "warm-up: %d records through each path%n", warmup);

      final EnrichTopics topics = EnrichTopics.create(clients.serdeConfig(), "bench-");
      final EnrichService enrich = new EnrichService(config, RecordClassifier.of(new Classifier()), topics);
      enrich.ensureTopics();
      stack.createTopic("bench-passthrough-out", partitions, true);
      final List<TrialRecord> trials = generator.make(n);
      final long bytes = produce(clients, topics, trials);
      System.out.printf(Locale.ROOT, "%d trials produced to %s (%d partitions), %.1f KB each on average%n",
          n, topics.trialsRaw().name(), partitions, bytes / 1024.0 / n);

      final double passthroughSeconds = passthrough(clients, topics, "bench-passthrough", n);
      final double passthroughRate = n / passthroughSeconds;
      System.out.printf(Locale.ROOT, "(a) passthrough: %d records in %.2f s = %.0f records/s%n",
          n, passthroughSeconds, passthroughRate);

      final long[] times = runEnrich(enrich, clients, "bench-enrich", topics);
      final long start = times[0];
      final long running = times[1];
      final long done = times[2];
      final double total = (done - start) / 1e9;
      final double processing = (done - running) / 1e9;
      System.out.printf(Locale.ROOT, "(b) enrich (%d stream thread%s): %d records in %.2f s from start() = %.0f"
          + " records/s (start-up %.2f s; %.0f records/s once running); %s%n", threads, threads == 1 ? "" : "s",
          n, total, n / total, (running - start) / 1e9, n / processing, enrich.progress().snapshot());
      System.out.printf(Locale.ROOT, "ratio enrich/passthrough: %.2f from start(), %.2f once running (target >= 0.5)%n",
          (n / total) / passthroughRate, (n / processing) / passthroughRate);
      System.out.printf(Locale.ROOT, "for scale: the classifier alone, one thread, same trials: %.0f trials/s%n",
          classifierRate(trials));
    }
  }

  /** Trials per second of {@link Classifier#classify(TrialRecord)} alone (already warm). */
  private static double classifierRate(final List<TrialRecord> trials) {
    final Classifier classifier = new Classifier();
    long categories = 0;
    final long start = System.nanoTime();
    for (final TrialRecord trial : trials) {
      categories += classifier.classify(trial).getCategory().ordinal();
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    if (categories < 0) {
      throw new AssertionError("unreachable; keeps the loop from being optimised away");
    }
    return trials.size() / seconds;
  }

  /** Starts {@code service}, waits until it has committed every raw record, closes it; returns start, running and done in nanos. */
  private static long[] runEnrich(final EnrichService service, final KafkaClients clients, final String group,
      final EnrichTopics topics) throws Exception {
    final long start = System.nanoTime();
    try {
      service.start();
      final long running = System.nanoTime();
      awaitCaughtUp(clients, group, Set.of(topics.trialsRaw().name(), topics.articlesRaw().name()));
      return new long[] {start, running, System.nanoTime()};
    } finally {
      service.close();
      service.cleanUp();
    }
  }

  private static long produce(final KafkaClients clients, final EnrichTopics topics, final List<TrialRecord> trials) {
    long bytes = 0;
    try (KafkaProducer<String, TrialRecord> producer = new KafkaProducer<>(clients.producerConfig("bench-load"),
        new StringSerializer(), topics.trialsRaw().valueSerde().serializer())) {
      for (final TrialRecord trial : trials) {
        bytes += topics.trialsRaw().valueSerde().serializer().serialize(topics.trialsRaw().name(), trial).length;
        producer.send(new ProducerRecord<>(topics.trialsRaw().name(), trial.getRegistryId(), trial));
      }
      producer.flush();
    }
    return bytes;
  }

  /** Consumer to producer through the same serdes; returns the seconds until all n are acknowledged. */
  private static double passthrough(final KafkaClients clients, final EnrichTopics topics, final String name,
      final int n) {
    final Map<String, Object> consumerConfig = clients.consumerConfig(name, name);
    final long start = System.nanoTime();
    try (KafkaConsumer<String, TrialRecord> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
             AvroSerdes.specific(TrialRecord.class, clients.serdeConfig(), false).deserializer());
         KafkaProducer<String, TrialRecord> producer = new KafkaProducer<>(clients.producerConfig(name),
             new StringSerializer(), AvroSerdes.specific(TrialRecord.class, clients.serdeConfig(), false).serializer())) {
      consumer.subscribe(List.of(topics.trialsRaw().name()));
      int copied = 0;
      final long deadline = System.nanoTime() + LIMIT.toNanos();
      while (copied < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("passthrough copied only " + copied + " of " + n + " within " + LIMIT);
        }
        for (final ConsumerRecord<String, TrialRecord> r : consumer.poll(Duration.ofMillis(100))) {
          producer.send(new ProducerRecord<>(name + "-out", r.key(), r.value()));
          copied++;
        }
        consumer.commitSync();
      }
      producer.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Waits until the group's committed offsets reach the end of every partition of {@code topics}. */
  private static void awaitCaughtUp(final KafkaClients clients, final String group, final Set<String> topics)
      throws Exception {
    final long deadline = System.nanoTime() + LIMIT.toNanos();
    try (Admin admin = clients.admin()) {
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      final Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
      while (true) {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        if (ends.entrySet().stream().allMatch(e -> position(committed, e.getKey()) >= e.getValue())) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("enrich did not catch up within " + LIMIT + ": " + committed);
        }
        // Polling the group's offsets every 20 ms costs the broker little and bounds the timing error.
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  private static long position(final Map<TopicPartition, OffsetAndMetadata> committed, final TopicPartition tp) {
    final OffsetAndMetadata at = committed.get(tp);
    return at == null ? 0 : at.offset();
  }

  /** Realistic, varied trial registrations from a fixed seed. */
  static final class Trials {

    private static final String[] TISSUES = {"umbilical cord", "adipose tissue", "bone marrow", "Wharton's jelly",
      "placenta", "dental pulp", "menstrual blood"};
    private static final String[] CONDITIONS = {"Acute Respiratory Distress Syndrome", "COVID-19 Pneumonia",
      "Knee Osteoarthritis", "Diabetic Foot Ulcer", "Dry Eye Disease", "Ischemic Stroke", "Crohn's Disease",
      "Bronchopulmonary Dysplasia", "Liver Cirrhosis", "Alzheimer Disease", "Psoriasis", "Type 2 Diabetes"};
    private static final String[] ROUTES = {"aerosol inhalation", "intravenous infusion", "intra-articular injection",
      "eye drops", "topical gel", "nasal drip", "intrathecal injection"};
    private static final String[] DRUGS = {"Metformin", "Placebo", "Dexamethasone", "Hyaluronic Acid",
      "Standard of care", "Saline", "Atorvastatin", "Pembrolizumab"};
    private static final String[] STATUSES = {"RECRUITING", "NOT_YET_RECRUITING", "COMPLETED",
      "ACTIVE_NOT_RECRUITING", "UNKNOWN", "WITHDRAWN"};
    private static final String[] PHASES = {"PHASE1", "PHASE2", "PHASE3", "EARLY_PHASE1", "NA"};
    private static final String[] COUNTRIES = {"China", "Iran, Islamic Republic of", "United States", "Spain",
      "Indonesia", "Russian Federation", "Turkey", "France", "Egypt"};
    private static final String[] SPONSORS = {"Ruijin Hospital", "Tehran University of Medical Sciences",
      "Direct Biologics, LLC", "Royan Institute", "Fudan University", "Cairo University", "Mayo Clinic"};
    private static final String FILLER = "Participants are followed for adverse events, laboratory values and"
        + " clinical scores at baseline, week 1, week 4, week 12 and week 24; the data safety monitoring board"
        + " reviews unblinded safety data after each cohort. ";

    private final Random random;

    Trials(final long seed) {
      random = new Random(seed);
    }

    List<TrialRecord> make(final int n) {
      final List<TrialRecord> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(trial(i));
      }
      return out;
    }

    private String pick(final String[] pool) {
      return pool[random.nextInt(pool.length)];
    }

    private TrialRecord trial(final int i) {
      final String id = String.format(Locale.ROOT, "NCT%08d", 10_000_000 + i);
      final boolean exosome = i % 5 == 0;
      final String condition = pick(CONDITIONS);
      final String tissue = pick(TISSUES);
      final String route = pick(ROUTES);
      final String product = exosome
          ? "exosomes derived from " + tissue + " mesenchymal stem cells (MSC-Exos)"
          : pick(DRUGS);
      final String title = (exosome ? "Safety and Efficacy of " + route + " of " : "A Study of ") + product
          + " in Patients With " + condition;
      final StringBuilder description = new StringBuilder("This is a randomized, controlled study of ")
          .append(product).append(" given by ").append(route).append(" to adults with ").append(condition)
          .append(". ");
      while (description.length() < 1200) {
        description.append(FILLER);
      }
      final List<SecondaryId> secondary = new ArrayList<>();
      secondary.add(new SecondaryId("PROTO-" + i, "OTHER", null));
      if (exosome) {
        secondary.add(new SecondaryId(String.format(Locale.ROOT, "ChiCTR2%09d", i), "REGISTRY", "CHICTR"));
      }
      final List<Reference> references = exosome
          ? List.of(new Reference(Integer.toString(30_000_000 + i), null, "Author A, et al. " + title + ".", "RESULT"))
          : List.of();
      final String status = pick(STATUSES);
      final String payload = "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"" + id
          + "\",\"briefTitle\":\"" + title + "\"},\"descriptionModule\":{\"detailedDescription\":\""
          + description + "\"},\"statusModule\":{\"overallStatus\":\"" + status + "\"}}}";
      return TrialRecord.newBuilder()
          .setRegistry("CTGOV")
          .setRegistryId(id)
          .setSecondaryIds(secondary)
          .setBriefTitle(title)
          .setOfficialTitle("A Phase " + (1 + random.nextInt(3)) + ", Multicentre Trial: " + title)
          .setBriefSummary("The study evaluates " + product + " in " + condition.toLowerCase(Locale.ROOT) + ".")
          .setDetailedDescription(description.toString())
          .setConditions(List.of(condition))
          .setKeywords(exosome ? List.of("exosome", "mesenchymal stem cell", tissue) : List.of(condition))
          .setInterventions(List.of(
              new Intervention(exosome ? "BIOLOGICAL" : "DRUG", product, "Given by " + route + " on days 1, 3 and 5.",
                  List.of(), List.of("Experimental")),
              new Intervention("OTHER", "Placebo", "Matching placebo.", List.of(), List.of("Control"))))
          .setArms(List.of(
              new Arm("Experimental", "EXPERIMENTAL", "Receives " + product, List.of(product)),
              new Arm("Control", "PLACEBO_COMPARATOR", "Receives placebo", List.of("Placebo"))))
          .setOutcomes(List.of("Incidence of treatment-emergent adverse events", "Change in "
              + condition + " severity score from baseline to week 12"))
          .setPhases(List.of(pick(PHASES)))
          .setStatus(status)
          .setStudyType("INTERVENTIONAL")
          .setEnrollment(20 + random.nextInt(400))
          .setEnrollmentType("ESTIMATED")
          .setFirstPosted("2023-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10))
          .setLastUpdatePosted("2025-0" + (1 + random.nextInt(9)) + "-2" + random.nextInt(8))
          .setStartDate("2023-10")
          .setLeadSponsor(pick(SPONSORS))
          .setCountries(List.of(pick(COUNTRIES)))
          .setReferences(references)
          .setSourceUrl("https://clinicaltrials.gov/study/" + id)
          .setFetchedAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i))
          .setContentHash(Integer.toHexString(title.hashCode()) + Integer.toHexString(i))
          .setSourcePayload(payload)
          .build();
    }
  }
}
