package io.exowatch.ingest.ictrp;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.cursor.InMemoryCursorStore;
import io.exowatch.ingest.ictrp.internal.CsvLines;
import io.exowatch.ingest.internal.Publisher;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.Rejected;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;

/**
 * Imports a WHO ICTRP CSV export into Kafka: each registration becomes a {@link TrialRecord} on
 * {@code trials-raw} keyed by its normalised id ({@link IctrpRowParser}), through the same producer,
 * Avro serde and publishing code as the ingest service; rows it cannot read go to {@code ingest-dlq}
 * as dead letters (source {@value #SOURCE}) with the file name and row number as URL
 * ({@code export.csv#row=17}), the reason and the row itself, and the import goes on.
 *
 * <p>Rows of the registries in {@code skipRegistries} are counted and not published (default
 * {@link #DEFAULT_SKIPPED_REGISTRIES}: the ones ExoWatch scrapes directly, whose own records are
 * richer and would be overwritten under the same key; EU CTIS registrations, which no source scrapes,
 * are skipped only when {@value #CTIS} is named). EU CTR lists a trial once per member state;
 * when EUCTR rows are imported the file is read twice: first to count each registration's rows, then
 * to publish one merged record per registration as soon as its last row has been read (see
 * {@link IctrpRowParser#parse(java.util.List, Instant)}), so memory holds only registrations whose rows
 * are still to come. Records go out in batches of {@value #DEFAULT_BATCH_SIZE} by default, each
 * acknowledged before the next is read. The file is streamed, never loaded whole. Re-importing the same
 * file publishes records with the same content hashes.
 *
 * <pre>{@code
 * IctrpImportCounts counts = IctrpImport.builder(producer).topics(settings.topics())
 *     .progress(c -> System.err.println(c.describe())).build().run(file, "export.csv");
 * }</pre>
 * The producer belongs to the caller. Not thread-safe: one run at a time.
 */
public final class IctrpImport {

  /** The source name on dead letters. */
  public static final String SOURCE = "ictrp";
  /**
   * The code that names EU CTIS registrations (EU CT numbers, {@code 2023-503456-12-00}) in a skip
   * list. They share {@link TrialIds#EUCTR} with EudraCT numbers, but the EU CTR source reads only the
   * EU Clinical Trials Register, so skipping {@code EUCTR} does not skip them.
   */
  public static final String CTIS = "CTIS";
  /** The registries skipped unless told otherwise. */
  public static final Set<String> DEFAULT_SKIPPED_REGISTRIES =
      Set.of(TrialIds.CTGOV, TrialIds.CHICTR, TrialIds.IRCT, TrialIds.ISRCTN, TrialIds.EUCTR);
  /** Records and dead letters per batch by default. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** Time between progress reports by default. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

  private final Producer<String, Object> producer;
  private final IngestSettings.TopicNames topics;
  private final Set<String> skipRegistries;
  private final Clock clock;
  private final Duration progressInterval;
  private final Consumer<IctrpImportCounts> progress;
  private final int batchSize;
  private final IctrpRowParser parser;

  private IctrpImport(final Builder b) {
    this.producer = Objects.requireNonNull(b.producer, "producer");
    this.topics = b.topics;
    this.skipRegistries = Set.copyOf(b.skipRegistries);
    this.clock = b.clock;
    this.progressInterval = b.progressInterval;
    this.progress = b.progress;
    this.batchSize = b.batchSize;
    this.parser = b.parser;
  }

  /** A builder of an import through {@code producer} (Avro values, like the ingest service's). */
  public static Builder builder(final Producer<String, Object> producer) {
    return new Builder(producer);
  }

  /**
   * Checks that {@code file} can be read and is an ICTRP export, reading only its header row.
   *
   * @return the header
   * @throws IOException when the file cannot be read
   * @throws IctrpFormatException when it has no {@code TrialID} column (the message names it)
   */
  public static IctrpHeader check(final Path file) throws IOException, IctrpFormatException {
    try (IctrpCsvReader reader = IctrpCsvReader.open(file)) {
      return reader.header();
    }
  }

  /**
   * Copies a stream (standard input) to a new temporary file, so it can be checked and read twice.
   * The caller deletes the file.
   */
  public static Path spool(final InputStream in) throws IOException {
    final Path file = Files.createTempFile("exowatch-ictrp-", ".csv");
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (final IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The registries this import skips, upper case. */
  public Set<String> skipRegistries() {
    return skipRegistries;
  }

  /**
   * Imports {@code file}.
   *
   * @param file the export
   * @param name how dead letters and logs name the file (e.g. its name as given, or {@code stdin})
   * @return the final counts
   * @throws IOException when the file cannot be read
   * @throws IctrpFormatException when it is not an ICTRP export; nothing has been published then
   * @throws InterruptedException when the thread is interrupted; batches already acknowledged stay
   * @throws RuntimeException when Kafka refuses a batch (after the producer's own retries; a single record
   *     too large for Kafka is dead-lettered instead); the message names the batch's rows
   */
  public IctrpImportCounts run(final Path file, final String name)
      throws IOException, IctrpFormatException, InterruptedException {
    final Instant started = clock.instant();
    final Map<String, Integer> groupSizes =
        skipRegistries.contains(TrialIds.EUCTR) ? Map.of() : multiRowRegistrations(file);
    final Run run = new Run(name, groupSizes, started);
    try (IctrpCsvReader reader = IctrpCsvReader.open(file)) {
      IctrpLine line;
      while ((line = reader.next()) != null) {
        run.accept(line);
      }
    }
    run.finish();
    return run.counts();
  }

  /** Whether the skip list names the registration's registry ({@value #CTIS} for EU CT numbers). */
  private boolean skipped(final IctrpRowParser.Identity id) {
    return skipRegistries.contains(skipCode(id));
  }

  /** The code a skip list names a registration by: {@value #CTIS} for an EU CT number, else its registry. */
  static String skipCode(final IctrpRowParser.Identity id) {
    return TrialIds.EUCTR.equals(id.registry()) && TrialIds.isEuCtNumber(id.registryId()) ? CTIS
        : id.registry();
  }


  /** Registrations (not skipped) with more than one row, and their row counts. */
  private Map<String, Integer> multiRowRegistrations(final Path file) throws IOException, IctrpFormatException {
    final Map<String, Integer> rows = new HashMap<>();
    try (IctrpCsvReader reader = IctrpCsvReader.open(file)) {
      IctrpLine line;
      while ((line = reader.next()) != null) {
        if (line instanceof IctrpRow row) {
          try {
            final IctrpRowParser.Identity id = IctrpRowParser.identify(row);
            if (!skipped(id) && !id.trialId().equals(id.registryId())) {
              rows.merge(id.registryId(), 1, Integer::sum);
            }
          } catch (final ParseException e) {
            // Counted as a dead letter in the publishing pass.
          }
        }
      }
    }
    rows.values().removeIf(n -> n < 2);
    return rows;
  }

  /** One pass of publishing: counters, the batch being filled, registrations waiting for more rows. */
  private final class Run {
    private final String name;
    private final Map<String, Integer> groupSizes;
    private final Instant started;
    private final Publisher publisher;
    private final Map<String, List<IctrpRow>> pending = new LinkedHashMap<>();
    private final List<TrialRecord> trials = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private long firstRowOfBatch = -1;
    private long lastRow;
    private long rowsRead;
    private long mergedRows;
    private long skipped;
    private Instant lastReport;

    Run(final String name, final Map<String, Integer> groupSizes, final Instant started) {
      this.name = name;
      this.groupSizes = groupSizes;
      this.started = started;
      this.lastReport = started;
      this.publisher = new Publisher(SOURCE, producer, new InMemoryCursorStore(),
          new Publisher.Topics(topics.trials(), topics.articles(), topics.deadLetters()), clock, Cursor.EMPTY, p -> { });
    }

    void accept(final IctrpLine line) throws InterruptedException {
      rowsRead++;
      lastRow = line.number();
      if (firstRowOfBatch < 0) {
        firstRowOfBatch = line.number();
      }
      if (line instanceof IctrpBadRow bad) {
        reject(badRowKey(bad.trialId()), bad.number(), bad.reason(), null, bad.toCsv());
      } else if (line instanceof IctrpRow row) {
        accept(row);
      }
      if (trials.size() + rejected.size() >= batchSize) {
        flush();
      }
      final Instant now = clock.instant();
      if (!progressInterval.isZero() && !now.isBefore(lastReport.plus(progressInterval))) {
        lastReport = now;
        progress.accept(counts());
      }
    }

    private void accept(final IctrpRow row) {
      final IctrpRowParser.Identity id;
      try {
        id = IctrpRowParser.identify(row);
      } catch (final ParseException e) {
        reject(null, row.number(), e.getMessage(), e.getClass().getName(), row.toCsv());
        return;
      }
      if (skipped(id)) {
        skipped++;
        return;
      }
      final Integer size = groupSizes.get(id.registryId());
      if (size == null) {
        publish(id.registryId(), List.of(row));
        return;
      }
      final List<IctrpRow> group = pending.computeIfAbsent(id.registryId(), k -> new ArrayList<>());
      group.add(row);
      if (group.size() >= size) {
        pending.remove(id.registryId());
        publish(id.registryId(), group);
      }
    }

    private void publish(final String key, final List<IctrpRow> rows) {
      try {
        trials.add(parser.parse(rows, started));
        mergedRows += rows.size() - 1;
      } catch (final ParseException | RuntimeException e) {
        final String content = CsvLines.of(rows.get(0).header().names()) + rows.stream()
            .map(r -> "\n" + CsvLines.of(r.cells())).collect(Collectors.joining());
        reject(key, rows.get(0).number(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
            e.getClass().getName(), content);
      }
    }

    private void reject(final String key, final long row, final String reason, final String errorClass,
        final String content) {
      rejected.add(new Rejected(key, name + "#row=" + row, "ICTRP export " + name + ", row " + row + ": " + reason,
          errorClass, content));
    }

    /** Publishes what is left: registrations still missing rows (only if the file changed between passes), then the batch. */
    void finish() throws InterruptedException {
      for (final Map.Entry<String, List<IctrpRow>> group : pending.entrySet()) {
        publish(group.getKey(), group.getValue());
      }
      pending.clear();
      flush();
    }

    private void flush() throws InterruptedException {
      if (trials.isEmpty() && rejected.isEmpty()) {
        firstRowOfBatch = -1;
        return;
      }
      final long first = firstRowOfBatch < 0 ? lastRow : firstRowOfBatch;
      publisher.accept(Batch.ofTrials(name + " rows " + first + "-" + lastRow, trials, rejected, null));
      trials.clear();
      rejected.clear();
      firstRowOfBatch = -1;
    }

    IctrpImportCounts counts() {
      // The publisher counts: a record Kafka refuses (too large) is a dead letter, not a published one.
      return new IctrpImportCounts(rowsRead, publisher.records(), mergedRows, skipped, publisher.deadLetters(),
          Duration.between(started, clock.instant()));
    }
  }

  /** The dead-letter key of a bad row's {@code TrialID}: normalised when it is an id, as written when short, else none. */
  private static String badRowKey(final String trialId) {
    if (trialId == null || trialId.length() > 64) {
      return null;
    }
    return TrialIds.normalize(trialId).orElse(trialId);
  }

  /** Builds an {@link IctrpImport}. */
  public static final class Builder {
    private final Producer<String, Object> producer;
    private IngestSettings.TopicNames topics = IngestSettings.TopicNames.defaults();
    private Collection<String> skipRegistries = DEFAULT_SKIPPED_REGISTRIES;
    private Clock clock = Clock.systemUTC();
    private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
    private Consumer<IctrpImportCounts> progress = c -> { };
    private int batchSize = DEFAULT_BATCH_SIZE;
    private IctrpRowParser parser = new IctrpRowParser();

    private Builder(final Producer<String, Object> producer) {
      this.producer = producer;
    }

    /** Topic names (only trials and dead letters are written); default {@link IngestSettings.TopicNames#defaults()}. */
    public Builder topics(final IngestSettings.TopicNames names) {
      this.topics = Objects.requireNonNull(names, "topics");
      return this;
    }

    /** Registry codes whose rows are skipped, any case; empty imports all. Default {@link #DEFAULT_SKIPPED_REGISTRIES}. */
    public Builder skipRegistries(final Collection<String> codes) {
      this.skipRegistries = codes.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty())
          .collect(Collectors.toSet());
      return this;
    }

    /** The clock for timestamps and progress; default UTC system clock. */
    public Builder clock(final Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Progress: {@code listener} gets the counts every {@code interval} (checked after each row;
     * {@link Duration#ZERO} for none). Default: every 5 s ({@link #DEFAULT_PROGRESS_INTERVAL}) to nobody.
     */
    public Builder progress(final Duration interval, final Consumer<IctrpImportCounts> listener) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("progress interval must not be negative, was " + interval);
      }
      this.progressInterval = interval;
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Records and dead letters per acknowledged batch, at least 1; default {@value #DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(final int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, was " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** The row parser; default one with the default payload bound. */
    public Builder parser(final IctrpRowParser p) {
      this.parser = Objects.requireNonNull(p, "parser");
      return this;
    }

    /** The import. */
    public IctrpImport build() {
      return new IctrpImport(this);
    }
  }
}
