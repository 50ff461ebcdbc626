package io.exowatch.ingest.ictrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.IngestSettings;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's bookkeeping with a {@code MockProducer}: what goes where, skipping, merging, dead letters, progress. */
class IctrpImportTest {

  private static final IngestSettings.TopicNames TOPICS = new IngestSettings.TopicNames("trials-raw", "articles-raw",
      "ingest-dlq", "ingest-cursors");

  private final MockProducer<String, Object> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, value) -> new byte[0]);

  private IctrpImport.Builder importer() {
    return IctrpImport.builder(producer).topics(TOPICS).clock(new TickingClock(Duration.ofMillis(10)));
  }

  private List<ProducerRecord<String, Object>> sentTo(final String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private Map<String, TrialRecord> trials() {
    return sentTo("trials-raw").stream().collect(Collectors.toMap(ProducerRecord::key, r -> (TrialRecord) r.value()));
  }

  @Test
  void shouldPublishRowsKeyedByNormalisedIdAndSkipTheRegistriesScrapedDirectly() throws Exception {
    final IctrpImportCounts counts = importer().build().run(IctrpFiles.path("portal-export.csv"), "portal-export.csv");

    assertThat(trials().keySet()).containsExactlyInAnyOrder("ACTRN12621000123456", "jRCT2031210123",
        "UMIN000045678", "DRKS00021234", "CTRI/2021/03/031234", "NL-OMON52345", "KCT0006123");
    assertThat(trials()).allSatisfy((key, t) -> assertThat(t.getRegistryId()).isEqualTo(key));
    assertThat(counts.rowsRead()).isEqualTo(12);
    assertThat(counts.published()).isEqualTo(7);
    assertThat(counts.skipped()).as("ChiCTR, NCT, IRCT and two EU CTR rows").isEqualTo(5);
    assertThat(counts.deadLettered()).isZero();
    assertThat(counts.mergedRows()).isZero();
    assertThat(sentTo("ingest-dlq")).isEmpty();
  }

  @Test
  void shouldImportEveryRegistryAndMergeEuCtrMemberStatesWhenNothingIsSkipped() throws Exception {
    final IctrpImportCounts counts = importer().skipRegistries(List.of()).batchSize(3).build()
        .run(IctrpFiles.path("portal-export.csv"), "portal-export.csv");

    assertThat(counts.published()).isEqualTo(11);
    assertThat(counts.mergedRows()).isEqualTo(1);
    assertThat(counts.skipped()).isZero();
    assertThat(sentTo("trials-raw")).extracting(ProducerRecord::key).filteredOn("2020-001234-56"::equals).hasSize(1);
    final TrialRecord eu = trials().get("2020-001234-56");
    assertThat(eu.getCountries()).containsExactly("Germany", "Greece");
    assertThat(trials().get("ChiCTR2100045678").getSecondaryIds())
        .containsExactly(new SecondaryId("NCT04276987", "SECONDARY_ID", "CTGOV"));
    assertThat(trials()).containsKeys("NCT04276987", "IRCT20200310046736N1");
  }

  @Test
  void shouldDeadLetterBadRowsWithTheFileRowNumberReasonAndRowAndGoOn() throws Exception {
    final IctrpImportCounts counts = importer().build().run(IctrpFiles.path("bad-rows.csv"), "bad-rows.csv");

    assertThat(trials().keySet()).containsExactlyInAnyOrder("ACTRN12620000111222", "UMIN000099999");
    assertThat(trials().get("UMIN000099999").getSecondaryIds()).containsExactly(
        new SecondaryId("NCT04276987", "SECONDARY_ID", "CTGOV"), new SecondaryId("Protocol EXO-STROKE-01", "SECONDARY_ID", null));
    assertThat(counts.deadLettered()).isEqualTo(4);
    final List<DeadLetter> letters = sentTo("ingest-dlq").stream().map(r -> (DeadLetter) r.value()).toList();
    assertThat(letters).extracting(DeadLetter::getUrl)
        .containsExactly("bad-rows.csv#row=2", "bad-rows.csv#row=3", "bad-rows.csv#row=4", "bad-rows.csv#row=5");
    assertThat(letters).allSatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getSource()).isEqualTo("ictrp");
      assertThat(d.getOriginalText()).startsWith("TrialID,Public title,");
    });
    assertThat(letters.get(0).getReason()).startsWith("ICTRP export bad-rows.csv, row 2: not valid CSV");
    assertThat(letters.get(0).getKey()).isEqualTo("ACTRN12620000222333");
    assertThat(letters.get(1).getReason()).contains("row 3: has 13 cells but the header has 12");
    assertThat(letters.get(2).getReason()).contains("row 4: MISSING_FIELD: the TrialID cell is empty");
    assertThat(letters.get(2).getKey()).isNull();
    assertThat(letters.get(3).getReason()).contains("row 5: UNEXPECTED_CONTENT: TrialID 'not an id'");
    assertThat(letters.get(3).getOriginalText()).endsWith("\nnot an id,Secretome for alopecia,Topical MSC secretome in alopecia,"
        + "05/02/2020,20200205,ANZCTR,,Recruiting,Australia,Alopecia,MSC secretome,");
  }

  @Test
  void shouldPublishTheSameContentHashesWhenTheSameFileIsImportedAgain() throws Exception {
    final Path file = IctrpFiles.path("portal-export.csv");
    importer().skipRegistries(List.of()).build().run(file, "portal-export.csv");
    final Map<String, String> first = hashes();
    producer.clear();

    importer().skipRegistries(List.of()).build().run(file, "portal-export.csv");

    assertThat(hashes()).hasSize(11).isEqualTo(first);
  }

  private Map<String, String> hashes() {
    return trials().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getContentHash()));
  }

  @Test
  void shouldReportProgressOnTheClockWhileReading() throws Exception {
    final List<IctrpImportCounts> reports = new ArrayList<>();
    // Each clock reading moves 1 s on: a report every 3 s of clock time.
    IctrpImport.builder(producer).topics(TOPICS).clock(new TickingClock(Duration.ofSeconds(1)))
        .progress(Duration.ofSeconds(3), reports::add).build().run(IctrpFiles.path("portal-export.csv"), "p.csv");

    assertThat(reports).hasSizeGreaterThanOrEqualTo(3);
    assertThat(reports).extracting(IctrpImportCounts::rowsRead).isSorted().allMatch(n -> n > 0 && n <= 12);
    assertThat(reports.get(reports.size() - 1).describe()).matches("rows \\d+, published \\d+, merged 0, skipped \\d+, "
        + "dead letters 0, \\d+ rows/s");
  }

  @Test
  void shouldRefuseAFileThatIsNotAnExportBeforePublishingAnything() {
    assertThatThrownBy(() -> importer().build().run(IctrpFiles.path("ctgov-download.csv"), "ctgov-download.csv"))
        .isInstanceOf(IctrpFormatException.class).hasMessageContaining("'TrialID'");
    assertThatThrownBy(() -> IctrpImport.check(IctrpFiles.path("ctgov-download.csv")))
        .isInstanceOf(IctrpFormatException.class);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldImportEuCtisRegistrationsThoughEuCtrIsSkippedUnlessCtisIsNamed(@TempDir final Path dir) throws Exception {
    // EU CT numbers share the EUCTR code with EudraCT numbers, but only the EU CTR register is scraped.
    final Path csv = dir.resolve("eu.csv");
    Files.writeString(csv, "TrialID,Public title,Source Register,web address\n"
        + "CTIS2023-503456-12-00,Nebulised MSC exosomes in ARDS,CTIS,https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT=2023-503456-12-00\n"
        + "EUCTR2020-001234-56-DE,MSC-EVs in COVID-19,EU Clinical Trials Register,https://www.clinicaltrialsregister.eu/ctr-search/search?query=2020-001234-56\n",
        StandardCharsets.UTF_8);

    final IctrpImportCounts byDefault = importer().build().run(csv, "eu.csv");
    assertThat(trials().keySet()).containsExactly("2023-503456-12-00");
    assertThat(byDefault.skipped()).isEqualTo(1);

    producer.clear();
    final IctrpImportCounts naming = importer().skipRegistries(List.of("ctis", "EUCTR")).build().run(csv, "eu.csv");
    assertThat(trials()).isEmpty();
    assertThat(naming.skipped()).isEqualTo(2);
  }

  @Test
  void shouldTakeSkippedRegistryCodesInAnyCase() {
    assertThat(importer().skipRegistries(List.of(" jprn", "anzctr ", "")).build().skipRegistries())
        .isEqualTo(Set.of("JPRN", "ANZCTR"));
    assertThat(importer().build().skipRegistries()).isEqualTo(IctrpImport.DEFAULT_SKIPPED_REGISTRIES);
  }

  @Test
  void shouldSpoolStandardInputToAFileThatReadsTheSame() throws Exception {
    final byte[] csv = Files.readAllBytes(IctrpFiles.path("bad-rows.csv"));
    final Path spooled = IctrpImport.spool(new ByteArrayInputStream(csv));
    try {
      assertThat(Files.readAllBytes(spooled)).isEqualTo(csv);
      assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("TrialID,");
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  /** A clock that moves on by a fixed step each time it is read. */
  private static final class TickingClock extends Clock {
    private final Duration step;
    private Instant now = Instant.parse("2025-02-18T08:00:00Z");

    TickingClock(final Duration step) {
      this.step = step;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      now = now.plus(step);
      return now;
    }
  }
}
