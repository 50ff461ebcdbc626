package io.exowatch.ingest.ictrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ICTRP import through the embedded broker and schema registry, with the producer the ingest
 * service uses (Avro values through the registry); each test has its own topics.
 */
@EmbeddedStack(openSearch = false)
class IctrpImportIT {

  private KafkaHarness kafka;

  @BeforeEach
  void setUp(final LocalStack stack) {
    kafka = new KafkaHarness(stack);
  }

  @AfterEach
  void tearDown() throws Exception {
    kafka.close();
  }

  private IctrpImport importer(final List<String> skip) {
    return IctrpImport.builder(kafka.producer()).topics(kafka.topics()).skipRegistries(skip).batchSize(4).build();
  }

  private List<ConsumerRecord<String, Object>> trials() {
    return kafka.readAll(kafka.topics().trials());
  }

  @Test
  void shouldPublishEveryRegistrationKeyedByItsNormalisedIdWithItsSecondaryIds() throws Exception {
    final IctrpImportCounts counts = importer(List.of()).run(IctrpFiles.path("portal-export.csv"), "portal-export.csv");

    assertThat(counts.published()).isEqualTo(11);
    final Map<String, TrialRecord> byKey = trials().stream()
        .collect(Collectors.toMap(ConsumerRecord::key, r -> (TrialRecord) r.value()));
    assertThat(byKey.keySet()).containsExactlyInAnyOrder("ACTRN12621000123456", "jRCT2031210123", "UMIN000045678",
        "ChiCTR2100045678", "NCT04276987", "2020-001234-56", "IRCT20200310046736N1", "DRKS00021234",
        "CTRI/2021/03/031234", "NL-OMON52345", "KCT0006123");
    assertThat(byKey).allSatisfy((key, t) -> {
      assertThat(t.getRegistryId()).isEqualTo(key);
      assertThat(t.getContentHash()).hasSize(64);
    });
    assertThat(byKey.get("ChiCTR2100045678").getSecondaryIds())
        .containsExactly(new SecondaryId("NCT04276987", "SECONDARY_ID", "CTGOV"));
    assertThat(byKey.get("2020-001234-56").getCountries()).containsExactly("Germany", "Greece");
    assertThat(byKey.get("DRKS00021234").getSecondaryIds()).contains(new SecondaryId("2020-001234-56", "SECONDARY_ID", "EUCTR"));
    assertThat(kafka.readAll(kafka.topics().deadLetters())).isEmpty();
  }

  @Test
  void shouldDeadLetterMalformedRowsWithRowNumberAndReasonAndPublishTheOthers() throws Exception {
    final IctrpImportCounts counts = importer(List.copyOf(IctrpImport.DEFAULT_SKIPPED_REGISTRIES))
        .run(IctrpFiles.path("bad-rows.csv"), "bad-rows.csv");

    assertThat(counts.deadLettered()).isEqualTo(4);
    assertThat(trials()).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("ACTRN12620000111222", "UMIN000099999");
    final List<DeadLetter> letters = kafka.readAll(kafka.topics().deadLetters()).stream()
        .map(r -> (DeadLetter) r.value()).toList();
    assertThat(letters).extracting(DeadLetter::getUrl).containsExactlyInAnyOrder(
        "bad-rows.csv#row=2", "bad-rows.csv#row=3", "bad-rows.csv#row=4", "bad-rows.csv#row=5");
    final DeadLetter shifted = letters.stream().filter(d -> d.getUrl().endsWith("#row=3")).findFirst().orElseThrow();
    assertThat(shifted.getReason()).isEqualTo("ICTRP export bad-rows.csv, row 3: has 13 cells but the header has 12"
        + " (an unquoted comma, quote or line break in a cell?)");
    assertThat(shifted.getKey()).isEqualTo("ACTRN12620000333444");
    assertThat(shifted.getSource()).isEqualTo("ictrp");
    assertThat(shifted.getOriginalText()).contains("\nACTRN12620000333444,Exosome eye drops,");
  }

  @Test
  void shouldPublishIdenticalContentHashesWhenTheSameFileIsImportedTwice() throws Exception {
    final Path file = IctrpFiles.path("portal-export.csv");
    importer(List.of()).run(file, "portal-export.csv");
    importer(List.of()).run(file, "portal-export.csv");

    final Map<String, List<String>> hashesByKey = trials().stream().collect(Collectors.groupingBy(ConsumerRecord::key,
        Collectors.mapping(r -> ((TrialRecord) r.value()).getContentHash(), Collectors.toList())));
    assertThat(hashesByKey).hasSize(11).allSatisfy((key, hashes) -> {
      assertThat(hashes).as(key).hasSize(2);
      assertThat(hashes.get(1)).as(key).isEqualTo(hashes.get(0));
    });
  }
}
