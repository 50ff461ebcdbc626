package io.exowatch.bench;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.enrich.EnrichConfig;
import io.exowatch.enrich.EnrichKeys;
import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.localstack.LocalStack;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput of the enrich application against a consume-and-produce passthrough of the same
 * records, on one embedded broker and registry, in the same run (target: enrich at least 0.5x).
 *
 * <p>N realistic {@code TrialRecord}s (about 3.8 KB each: registry content plus a source payload;
 * one in five an MSC-exosome trial with a reference and an id in another registry) are produced to
 * a raw topic. Then, in each of R rounds, three paths read all N:
 * <ul>
 *   <li>(a) the <b>exactly-once passthrough</b>, the baseline: a consumer (read-committed, polls of
 *       up to 1,000 records like a stream thread's) and a transactional producer with the
 *       application's own producer settings (compression, linger, {@code batch.size}) write each
 *       record again through the same Avro serdes, committing a transaction with the consumed
 *       offsets every {@code enrich.commit-interval} (the application's commit interval) and at once
 *       when the last record is written; timed until that last transaction is committed;</li>
 *   <li>(p) the <b>plain passthrough</b>, for reference: the same without transactions, offsets
 *       committed after each poll, timed until every record is acknowledged (a crash between a
 *       commit and the sends' acknowledgements would lose records: at most once);</li>
 *   <li>(b) the <b>enrich application</b> (exactly-once, the project's classifier) under a new
 *       application id, timed from {@code start()} until every trial is done: its raw offset
 *       committed and its {@code CREATED} event, the last of its outputs (the identity step
 *       announces a trial one transaction after it was classified), readable by a read-committed
 *       consumer; given from {@code start()} and "once running", i.e. from the first trial a stream
 *       thread classifies (without joining the group and creating internal topics; stores opened
 *       while processing still count).</li>
 * </ul>
 * Rounds alternate which path goes first. Each path's process CPU time is printed (the broker and
 * registry run in this JVM, so it includes their share, and the JIT compiler's), and the CPU time
 * of the thread doing the work (the passthrough's loop, the stream thread). Before the rounds every
 * path runs {@code bench.warmups} times (default 2) on N other records, so that JIT compilation of
 * the classifier, Avro, RocksDB and Kafka Streams code is mostly done; even so the first rounds are
 * slower (the compiler threads are still busy), so compare medians. The classifier's own rate on
 * the same trials (one thread) is printed last.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.exowatch.bench.EnrichThroughputBenchmark [N] [partitions] [threads] [rounds]} (defaults 20000,
 * 3, 1 stream thread, 5 rounds). {@code enrich.*} settings may be given as system properties, e.g.
 * {@code -Denrich.commit-interval=1s}; the exactly-once passthrough follows the commit interval.
 * Diagnostics: {@code -Dbench.threads=true} prints the CPU time of every thread group of the
 * process during each path, when the raw offsets and the last event were committed, and the
 * classifier's CPU time per trial inside the stream thread; {@code -Dbench.constant-classifier=true}
 * gives every trial the first trial's classification (the application's cost without the classifier);
 * {@code -Dbench.ceiling=true} adds two paths to every round, (s) a Kafka Streams application with
 * the enrich application's settings that only decodes and re-encodes each trial, and (k) the same
 * classifying each trial ({@link StreamsBaseline}): what enrich could reach if it did nothing but
 * classify.
 */
public final class EnrichThroughputBenchmark {

  private static final Duration LIMIT = Duration.ofMinutes(10);
  /** Records per poll, the Kafka Streams default {@code max.poll.records} (a plain consumer's is 500). */
  private static final int MAX_POLL_RECORDS = 1000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EnrichThroughputBenchmark() {}

  /** One timed path: wall seconds (and, for enrich, seconds once running), process and worker CPU seconds. */
  record Timed(double seconds, double runningSeconds, double processCpu, double workerCpu) {
    static Timed of(final double seconds, final double processCpu, final double workerCpu) {
      return new Timed(seconds, seconds, processCpu, workerCpu);
    }
  }

  /** Runs the measurement and prints records/s of each path and the ratios. */
  public static void main(final String[] args) throws Exception {
    // Avro 1.12 builds generated classes only from trusted packages.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.exowatch.schemas.avro");
    final int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    final int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    final int warmups = Integer.getInteger("bench.warmups", 2);
    final Path stateDir = Files.createTempDirectory("enrich-bench-state");
    try (LocalStack stack = LocalStack.builder().freePorts().withOpenSearch(false).autoCreateTopics(false).start()) {
      final Map<String, String> settings = new HashMap<>();
      for (final String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith("enrich.")) {
          settings.put(name, System.getProperty(name));
        }
      }
      settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
      settings.put("schema.registry.url", stack.schemaRegistryUrl());
      settings.put("enrich.state-dir", stateDir.toString());
      settings.put("enrich.threads", Integer.toString(threads));
      settings.put("topics.partitions", Integer.toString(partitions));
      final ExoConfig config = ExoConfig.of(settings);
      final EnrichConfig enrichConfig = new EnrichConfig(config);
      final KafkaClients clients = enrichConfig.clients();
      final Duration commitInterval = config.get(EnrichKeys.COMMIT_INTERVAL);
      final BenchTrials generator = new BenchTrials(42);
      System.out.printf(Locale.ROOT, "commit interval %d ms (enrich and the exactly-once passthrough); load average %.2f%n",
          commitInterval.toMillis(), OS.getSystemLoadAverage());

      // Warm-up: every path once on other topics, so that none is measured with cold JIT code.
      final EnrichTopics warmTopics = EnrichTopics.create(clients.serdeConfig(), "warmup-");
      new EnrichService(config, RecordClassifier.of(new Classifier()), warmTopics).ensureTopics();
      stack.createTopic("warmup-passthrough-out", partitions, true);
      produce(clients, warmTopics, generator.make(n));
      for (int w = 1; w <= warmups; w++) {
        passthrough(enrichConfig, warmTopics, "warmup-passthrough-out", "warmup-eos-" + w, n, commitInterval);
        passthrough(enrichConfig, warmTopics, "warmup-passthrough-out", "warmup-plain-" + w, n, null);
        enrich(config, warmTopics, "warmup-enrich-" + w, stateDir, n);
        if (Boolean.getBoolean("bench.ceiling")) {
          final Map<TopicPartition, Long> warmEnds = StreamsBaseline.rawEnds(enrichConfig, warmTopics);
          StreamsBaseline.run(enrichConfig, warmTopics, "warmup-passthrough-out", "warmup-streams-" + w, null, warmEnds);
          StreamsBaseline.run(enrichConfig, warmTopics, "warmup-passthrough-out", "warmup-classify-" + w, new Classifier(),
              warmEnds);
        }
      }
      System.out.printf(Locale.ROOT, "warm-up: %d records through each path, %d time%s%n", n, warmups,
          warmups == 1 ? "" : "s");

      final EnrichTopics topics = EnrichTopics.create(clients.serdeConfig(), "bench-");
      new EnrichService(config, RecordClassifier.of(new Classifier()), topics).ensureTopics();
      stack.createTopic("bench-passthrough-out", partitions, true);
      final List<TrialRecord> trials = generator.make(n);
      final long bytes = produce(clients, topics, trials);
      System.out.printf(Locale.ROOT, "%d trials produced to %s (%d partitions), %.1f KB each on average;"
          + " enrich with %d stream thread%s%n", n, topics.trialsRaw().name(), partitions, bytes / 1024.0 / n,
          threads, threads == 1 ? "" : "s");

      final double[] ratioRunning = new double[rounds];
      final double[] ratioTotal = new double[rounds];
      final double[] ratioPlain = new double[rounds];
      final boolean ceiling = Boolean.getBoolean("bench.ceiling");
      final double[] ratioStreams = new double[rounds];
      final double[] ratioClassifying = new double[rounds];
      final Map<TopicPartition, Long> rawEnds = StreamsBaseline.rawEnds(enrichConfig, topics);
      final Classifier baselineClassifier = new Classifier();
      for (int round = 1; round <= rounds; round++) {
        final double load = OS.getSystemLoadAverage();
        final boolean enrichFirst = round % 2 == 0;
        Timed b = enrichFirst ? enrich(config, topics, "bench-enrich-" + round, stateDir, n) : null;
        final Timed a = passthrough(enrichConfig, topics, "bench-passthrough-out", "bench-eos-" + round, n, commitInterval);
        final Timed p = passthrough(enrichConfig, topics, "bench-passthrough-out", "bench-plain-" + round, n, null);
        if (!enrichFirst) {
          b = enrich(config, topics, "bench-enrich-" + round, stateDir, n);
        }
        if (ceiling) {
          final double streamsOnly = StreamsBaseline.run(enrichConfig, topics, "bench-passthrough-out",
              "bench-streams-" + round, null, rawEnds);
          final double classifying = StreamsBaseline.run(enrichConfig, topics, "bench-passthrough-out",
              "bench-classify-" + round, baselineClassifier, rawEnds);
          ratioStreams[round - 1] = a.seconds() / streamsOnly;
          ratioClassifying[round - 1] = a.seconds() / classifying;
        }
        ratioRunning[round - 1] = a.seconds() / b.runningSeconds();
        ratioTotal[round - 1] = a.seconds() / b.seconds();
        ratioPlain[round - 1] = p.seconds() / b.runningSeconds();
        System.out.printf(Locale.ROOT, "round %d (load average %.2f before it):%n", round, load);
        System.out.printf(Locale.ROOT, "  (a) exactly-once passthrough: %6.0f records/s; CPU %.2f s process, %.2f s loop thread%n",
            n / a.seconds(), a.processCpu(), a.workerCpu());
        System.out.printf(Locale.ROOT, "  (p) plain passthrough:        %6.0f records/s; CPU %.2f s process, %.2f s loop thread%n",
            n / p.seconds(), p.processCpu(), p.workerCpu());
        System.out.printf(Locale.ROOT, "  (b) enrich:                   %6.0f records/s once running, %.0f from start() (start-up %.2f s);"
            + " CPU %.2f s process, %.2f s stream thread%s%n", n / b.runningSeconds(), n / b.seconds(),
            b.seconds() - b.runningSeconds(), b.processCpu(), b.workerCpu(), threads == 1 ? "" : "s");
        if (ceiling) {
          System.out.printf(Locale.ROOT, "  (s) Kafka Streams passthrough:  %6.0f records/s once running; (k) the same"
              + " classifying each trial: %6.0f records/s; ratios %.2f and %.2f%n", n * ratioStreams[round - 1] / a.seconds(),
              n * ratioClassifying[round - 1] / a.seconds(), ratioStreams[round - 1], ratioClassifying[round - 1]);
        }
        System.out.printf(Locale.ROOT, "  ratio enrich/exactly-once passthrough: %.2f once running, %.2f from start();"
            + " enrich/plain passthrough %.2f once running%n", ratioRunning[round - 1], ratioTotal[round - 1],
            ratioPlain[round - 1]);
      }
      System.out.printf(Locale.ROOT, "ratio enrich/exactly-once passthrough over %d rounds (target >= 0.5): once running min %.2f"
          + " median %.2f; from start() min %.2f median %.2f; enrich/plain passthrough once running min %.2f median %.2f%n",
          rounds, min(ratioRunning), median(ratioRunning), min(ratioTotal), median(ratioTotal), min(ratioPlain),
          median(ratioPlain));
      if (ceiling) {
        System.out.printf(Locale.ROOT, "ceiling, ratio to the exactly-once passthrough over %d rounds: (s) Kafka Streams"
            + " passthrough min %.2f median %.2f; (k) Kafka Streams passthrough classifying each trial min %.2f median %.2f%n",
            rounds, min(ratioStreams), median(ratioStreams), min(ratioClassifying), median(ratioClassifying));
      }
      System.out.printf(Locale.ROOT, "for scale: the classifier alone, one thread, same trials: %.0f trials/s%n",
          classifierRate(trials));
    }
  }

  private static double min(final double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double median(final double[] values) {
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    final int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
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

  /**
   * Starts the application as {@code applicationId} on {@code topics} and waits until every trial is
   * done: its raw record's offset committed and, as the last of its outputs (the identity step
   * announces new trials one transaction after the trial was classified), its {@code CREATED}
   * event readable by a read-committed consumer of {@code trial-events}. Then closes it and
   * deletes its state.
   */
  private static Timed enrich(final ExoConfig config, final EnrichTopics topics, final String applicationId,
      final Path stateDir, final int n) throws Exception {
    final ExoConfig own = config.with(EnrichKeys.APPLICATION_ID, applicationId)
        .with(EnrichKeys.STATE_DIR, stateDir.resolve(applicationId).toString());
    final KafkaClients clients = new KafkaClients(own);
    final TimedClassifier classifier = new TimedClassifier(RecordClassifier.of(new Classifier()));
    final EnrichService service = new EnrichService(own, classifier, topics);
    try (Admin admin = clients.admin();
         KafkaConsumer<byte[], byte[]> events = new KafkaConsumer<>(clients.consumerConfig(null, applicationId + "-events"),
             new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final Map<TopicPartition, Long> rawEnds = endOffsets(admin, Set.of(topics.trialsRaw().name(), topics.articlesRaw().name()));
      // Events of earlier rounds are skipped: counting starts at the topic's present end.
      final Map<TopicPartition, Long> eventStarts = endOffsets(admin, Set.of(topics.trialEvents().name()));
      events.assign(eventStarts.keySet());
      eventStarts.forEach(events::seek);
      final Map<Long, Map.Entry<String, Long>> threads0 = threadCpu();
      final long cpu0 = OS.getProcessCpuTime();
      final long start = System.nanoTime();
      try {
        service.start();
        final long running = System.nanoTime();
        final long deadline = running + LIMIT.toNanos();
        long rawDone = 0;
        long seen = 0;
        while (rawDone == 0 || seen < n) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("enrich did not finish within " + LIMIT + ": raw topics "
                + (rawDone == 0 ? "not " : "") + "committed, " + seen + " of " + n + " events; " + service.progress().snapshot());
          }
          // Polling waits up to 20 ms: the offsets check below runs about every 20 ms, which bounds the timing error.
          seen += events.poll(Duration.ofMillis(20)).count();
          if (rawDone == 0 && caughtUp(admin, applicationId, rawEnds)) {
            rawDone = System.nanoTime();
          }
        }
        final long done = System.nanoTime();
        final double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        printThreadCpu(applicationId, threads0);
        if (Boolean.getBoolean("bench.threads")) {
          System.out.printf(Locale.ROOT, "    raw offsets committed %.2f s after RUNNING, last CREATED event readable %.2f s after%n",
              (rawDone - running) / 1e9, (done - running) / 1e9);
          System.out.printf(Locale.ROOT, "    classifier in the stream thread: %d trials, %.1f us CPU each%n",
              classifier.calls.get(), classifier.cpuNanos.get() / 1e3 / Math.max(1, classifier.calls.get()));
        }
        // "Once running" starts at the first trial classified: with several stream threads the
        // instance may report RUNNING only after one of them has done much of the work.
        final long first = classifier.first.get() == 0 ? running : Math.min(running, classifier.first.get());
        return new Timed((done - start) / 1e9, (done - first) / 1e9, cpu, streamThreadCpu(applicationId));
      } finally {
        service.close();
        service.cleanUp();
      }
    }
  }

  /**
   * CPU nanos of every thread of this process by OS thread id, with its name: from
   * {@code /proc/self/task} where there is one (it also sees the JIT, GC and RocksDB threads the JVM
   * does not list), else from the JVM's own threads.
   */
  private static Map<Long, Map.Entry<String, Long>> threadCpu() {
    final Map<Long, Map.Entry<String, Long>> out = new HashMap<>();
    final Path tasks = Path.of("/proc/self/task");
    if (Files.isDirectory(tasks)) {
      try (var dirs = Files.list(tasks)) {
        dirs.forEach(dir -> {
          try {
            final String stat = Files.readString(dir.resolve("stat"));
            final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            final String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3): in clock ticks.
            final long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
            out.put(Long.parseLong(dir.getFileName().toString()), Map.entry(name, ticks * 10_000_000L));
          } catch (final IOException | RuntimeException e) {
            // The thread ended while listed.
          }
        });
        return out;
      } catch (final IOException e) {
        out.clear();
      }
    }
    for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null) {
        out.put(info.getThreadId(), Map.entry(info.getThreadName(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()))));
      }
    }
    return out;
  }

  /**
   * With {@code -Dbench.threads=true}: the threads that used the most CPU since {@code before},
   * grouped by name with numbers blanked (threads that ended in between are missed; Linux names are
   * cut to 15 characters).
   */
  private static void printThreadCpu(final String what, final Map<Long, Map.Entry<String, Long>> before) {
    if (!Boolean.getBoolean("bench.threads")) {
      return;
    }
    final Map<String, Long> byName = new HashMap<>();
    threadCpu().forEach((id, now) -> {
      final Map.Entry<String, Long> then = before.get(id);
      final long delta = now.getValue() - (then == null ? 0 : then.getValue());
      byName.merge(now.getKey().replaceAll("[0-9]+", "#"), delta, Long::sum);
    });
    System.out.printf(Locale.ROOT, "    threads by CPU during %s:%n", what);
    byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
        .forEach(e -> System.out.printf(Locale.ROOT, "      %7.2f s %s%n", e.getValue() / 1e9, e.getKey()));
  }

  /** CPU seconds of the application's stream threads so far. */
  private static double streamThreadCpu(final String applicationId) {
    long nanos = 0;
    for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(applicationId + "-")
          && info.getThreadName().contains("-StreamThread-")) {
        nanos += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return nanos / 1e9;
  }

  static long produce(final KafkaClients clients, final EnrichTopics topics, final List<TrialRecord> trials) {
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

  /**
   * Consumer to producer through the same serdes, from the raw topic to {@code out}, as group
   * {@code group}. With a {@code commitInterval} the producer is transactional (exactly-once: the
   * consumed offsets are committed in the transaction, one transaction per interval and one at the
   * end) and the time runs until the last commit; without, offsets are committed after each poll
   * and the time runs until every record is acknowledged.
   */
  static Timed passthrough(final EnrichConfig enrichConfig, final EnrichTopics topics, final String out,
      final String group, final int n, final Duration commitInterval) {
    final KafkaClients clients = enrichConfig.clients();
    final boolean exactlyOnce = commitInterval != null;
    final Map<String, Object> consumerConfig = clients.consumerConfig(group, group);
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    final Map<String, Object> producerConfig = clients.producerConfig(group);
    // The application's own producer settings (EnrichConfig), so both write alike.
    enrichConfig.streamsProperties(topics, new EnrichProgress()).forEach((key, value) -> {
      final String name = key.toString();
      if (name.startsWith(StreamsConfig.PRODUCER_PREFIX)) {
        producerConfig.put(name.substring(StreamsConfig.PRODUCER_PREFIX.length()), value);
      }
    });
    if (exactlyOnce) {
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
    }
    final Map<Long, Map.Entry<String, Long>> threads0 = threadCpu();
    final long cpu0 = OS.getProcessCpuTime();
    final long thread0 = THREADS.getCurrentThreadCpuTime();
    final long start = System.nanoTime();
    try (KafkaConsumer<String, TrialRecord> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
             AvroSerdes.specific(TrialRecord.class, clients.serdeConfig(), false).deserializer());
         KafkaProducer<String, TrialRecord> producer = new KafkaProducer<>(producerConfig,
             new StringSerializer(), AvroSerdes.specific(TrialRecord.class, clients.serdeConfig(), false).serializer())) {
      consumer.subscribe(List.of(topics.trialsRaw().name()));
      if (exactlyOnce) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
      final AtomicReference<Exception> failure = new AtomicReference<>();
      long nextCommit = System.nanoTime() + (exactlyOnce ? commitInterval.toNanos() : 0);
      int copied = 0;
      final long deadline = System.nanoTime() + LIMIT.toNanos();
      while (copied < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("passthrough copied only " + copied + " of " + n + " within " + LIMIT);
        }
        for (final ConsumerRecord<String, TrialRecord> r : consumer.poll(Duration.ofMillis(100))) {
          producer.send(new ProducerRecord<>(out, r.key(), r.value()), (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
          consumed.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          copied++;
        }
        if (!exactlyOnce) {
          consumer.commitSync();
        } else if (copied == n || System.nanoTime() >= nextCommit) {
          producer.sendOffsetsToTransaction(consumed, consumer.groupMetadata());
          producer.commitTransaction();
          nextCommit = System.nanoTime() + commitInterval.toNanos();
          if (copied < n) {
            producer.beginTransaction();
          }
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("passthrough " + group + " could not write to " + out, failure.get());
      }
      final double seconds = (System.nanoTime() - start) / 1e9;
      final Timed timed = Timed.of(seconds, (OS.getProcessCpuTime() - cpu0) / 1e9,
          (THREADS.getCurrentThreadCpuTime() - thread0) / 1e9);
      printThreadCpu(group, threads0);
      return timed;
    }
  }

  /** The end offset of every partition of {@code topics}. */
  static Map<TopicPartition, Long> endOffsets(final Admin admin, final Set<String> topics) throws Exception {
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
        d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    final Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** Whether the group's committed offsets reached {@code ends}. */
  static boolean caughtUp(final Admin admin, final String group, final Map<TopicPartition, Long> ends)
      throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    return ends.entrySet().stream().allMatch(e -> position(committed, e.getKey()) >= e.getValue());
  }

  private static long position(final Map<TopicPartition, OffsetAndMetadata> committed, final TopicPartition tp) {
    final OffsetAndMetadata at = committed.get(tp);
    return at == null ? 0 : at.offset();
  }

  /**
   * With {@code -Dbench.threads=true}: a classifier that adds up the thread CPU time of its calls.
   * With {@code -Dbench.constant-classifier=true}: one that classifies the first trial and returns
   * that for every other (what the application costs without the classifier).
   */
  private static final class TimedClassifier implements RecordClassifier {
    private static final boolean CONSTANT = Boolean.getBoolean("bench.constant-classifier");
    private final AtomicReference<Classification> constant = new AtomicReference<>();
    private final RecordClassifier delegate;
    private final boolean timed = Boolean.getBoolean("bench.threads");
    final AtomicLong calls = new AtomicLong();
    /** {@link System#nanoTime()} of the first trial classified, 0 before. */
    final AtomicLong first = new AtomicLong();
    final AtomicLong cpuNanos = new AtomicLong();

    TimedClassifier(final RecordClassifier delegate) {
      this.delegate = delegate;
    }

    @Override
    public Classification classify(final TrialRecord trial) {
      if (first.get() == 0) {
        first.compareAndSet(0, System.nanoTime());
      }
      if (CONSTANT) {
        // The application's cost without the classifier's: one classification for every trial.
        return constant.updateAndGet(c -> c != null ? c : delegate.classify(trial));
      }
      if (!timed) {
        return delegate.classify(trial);
      }
      final long start = THREADS.getCurrentThreadCpuTime();
      try {
        return delegate.classify(trial);
      } finally {
        cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - start);
        calls.incrementAndGet();
      }
    }

    @Override
    public Classification classify(final ArticleRecord article) {
      return delegate.classify(article);
    }
  }
}
