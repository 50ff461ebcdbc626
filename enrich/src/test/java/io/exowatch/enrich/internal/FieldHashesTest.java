package io.exowatch.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.enrich.testing.TestRecords;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.ArticleLink;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Cargo;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Field hashes are the checksums of each field's Avro binary encoding, exactly as Avro's own writer
 * encodes it: fingerprints stored before the encoding was written by hand still compare equal, so
 * an upgrade does not report every trial as changed.
 */
class FieldHashesTest {

  private static final String[] TEXTS = {"", "a", "MSC-Exos", "Wharton’s jelly", "间充质干细胞外泌体", "ß", "😀 emoji",
    "\u0000", "line\nbreak", "x".repeat(200), "lone surrogate \ud800 end", "é".repeat(70)};

  private final Random random = new Random(20261128);

  @Test
  void shouldHashTrialsAsTheirAvroEncoding() {
    final FieldHashes hashes = new FieldHashes(TrialRecord.class, Fingerprinter.FETCH_METADATA);
    for (int i = 0; i < 2000; i++) {
      final TrialRecord trial = trial(i);
      assertThat(hashes.perField(trial)).as("trial %d", i).isEqualTo(reference(trial, Fingerprinter.FETCH_METADATA));
    }
    final TrialRecord fixture = TestRecords.exosomeTrial("NCT04276987").build();
    assertThat(hashes.perField(fixture)).isEqualTo(reference(fixture, Fingerprinter.FETCH_METADATA));
  }

  @Test
  void shouldHashClassificationsAsTheirAvroEncoding() {
    final FieldHashes hashes = new FieldHashes(Classification.class, Fingerprinter.NOT_LABELS);
    final FieldHashes all = new FieldHashes(Classification.class, Set.of());
    for (int i = 0; i < 2000; i++) {
      final Classification c = classification();
      assertThat(hashes.combined(c)).isEqualTo(referenceCombined(c, Fingerprinter.NOT_LABELS));
      assertThat(all.perField(c)).isEqualTo(reference(c, Set.of()));
    }
  }

  @Test
  void shouldHashNestedRecordsWithTimestampsAsTheirAvroEncoding() {
    final FieldHashes hashes = new FieldHashes(EnrichedTrial.class, Set.of());
    final FieldHashes articles = new FieldHashes(ArticleRecord.class, Set.of());
    for (int i = 0; i < 300; i++) {
      final EnrichedTrial enriched = new EnrichedTrial(trial(i), classification(),
          List.of(new ArticleLink("pmid:" + i, text()), new ArticleLink("doi:10.1/x", null)), List.of(text()),
          random.nextBoolean() ? null : text(), Instant.ofEpochMilli(random.nextLong() >> 20));
      assertThat(hashes.perField(enriched)).isEqualTo(reference(enriched, Set.of()));
      final ArticleRecord article = ArticleRecord.newBuilder().setId("pmid:" + i).setSource("PUBMED").setTitle(text())
          .setAbstractText(maybe()).setKeywords(texts()).setFetchedAt(Instant.ofEpochMilli(-random.nextInt()))
          .setContentHash(text()).setSourcePayload(maybe()).build();
      assertThat(articles.perField(article)).isEqualTo(reference(article, Set.of()));
    }
  }

  @Test
  void shouldLeaveTypesItDoesNotWriteToAvrosWriter() {
    // Bytes are not written by hand: Avro's writer encodes those fields.
    final FieldHashes hashes = new FieldHashes(DeadLetter.class, Set.of());
    for (int i = 0; i < 200; i++) {
      final byte[] original = new byte[random.nextInt(50)];
      random.nextBytes(original);
      final DeadLetter letter = DeadLetter.newBuilder().setStage("ENRICH").setSource("trials-raw").setReason(text())
          .setKey(maybe()).setOriginalBytes(random.nextBoolean() ? null : ByteBuffer.wrap(original))
          .setOriginPartition(random.nextBoolean() ? null : random.nextInt())
          .setOriginOffset(random.nextBoolean() ? null : random.nextLong()).setTs(Instant.ofEpochMilli(random.nextInt()))
          .build();
      assertThat(hashes.perField(letter)).isEqualTo(reference(letter, Set.of()));
      assertThat(hashes.combined(letter)).isEqualTo(referenceCombined(letter, Set.of()));
    }
  }

  @Test
  void shouldRefuseToExcludeAFieldTheSchemaDoesNotHave() {
    assertThatThrownBy(() -> new FieldHashes(TrialRecord.class, Set.of("noSuchField")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noSuchField");
  }

  private TrialRecord trial(final int i) {
    final List<SecondaryId> secondary = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      secondary.add(new SecondaryId(text(), maybe(), maybe()));
    }
    final List<Intervention> interventions = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      interventions.add(new Intervention(maybe(), text(), maybe(), texts(), texts()));
    }
    final List<Arm> arms = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      arms.add(new Arm(text(), maybe(), maybe(), texts()));
    }
    final List<Reference> references = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      references.add(new Reference(maybe(), maybe(), maybe(), maybe()));
    }
    return TrialRecord.newBuilder()
        .setRegistry(text()).setRegistryId("NCT" + i).setSecondaryIds(secondary)
        .setBriefTitle(maybe()).setOfficialTitle(maybe()).setAcronym(maybe()).setBriefSummary(maybe())
        .setDetailedDescription(maybe()).setConditions(texts()).setKeywords(texts()).setInterventions(interventions)
        .setArms(arms).setOutcomes(texts()).setPhases(texts()).setStatus(maybe()).setWhyStopped(maybe())
        .setStudyType(maybe())
        .setEnrollment(random.nextBoolean() ? null : List.of(0, -1, 1, 63, 64, -65, Integer.MAX_VALUE,
            Integer.MIN_VALUE, random.nextInt()).get(random.nextInt(9)))
        .setEnrollmentType(maybe()).setFirstPosted(maybe()).setLastUpdatePosted(maybe()).setStartDate(maybe())
        .setPrimaryCompletionDate(maybe()).setCompletionDate(maybe()).setLeadSponsor(maybe())
        .setCollaborators(texts()).setCountries(texts()).setReferences(references).setSourceUrl(maybe())
        .setFetchedAt(Instant.ofEpochMilli(random.nextLong() >> 20)).setContentHash(text())
        .setSourcePayload(maybe()).setSourcePayloadTruncated(random.nextBoolean())
        .build();
  }

  private Classification classification() {
    final List<Evidence> evidence = new ArrayList<>();
    for (int k = random.nextInt(4); k > 0; k--) {
      evidence.add(new Evidence(text(), text(), text()));
    }
    return Classification.newBuilder()
        .setCategory(pick(Category.values()))
        .setConfidence(List.of(0.0, -0.0, 0.95, 1.0, Double.MIN_VALUE, random.nextDouble()).get(random.nextInt(6)))
        .setApplications(some(Application.values())).setMscSources(List.of()).setProductTypes(List.of())
        .setRoutes(List.of()).setCargo(random.nextBoolean() ? null : pick(Cargo.values())).setCargoDetail(maybe())
        .setConditionAreas(some(ConditionArea.values())).setPhase(pick(Phase.values()))
        .setStatus(pick(TrialStatus.values())).setStudyKind(random.nextBoolean() ? null : pick(StudyKind.values()))
        .setMentionedTrialIds(texts()).setEvidence(evidence).setClassifierVersion(text())
        .build();
  }

  private String text() {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private String maybe() {
    return random.nextInt(3) == 0 ? null : text();
  }

  private List<String> texts() {
    final List<String> out = new ArrayList<>();
    for (int k = random.nextInt(4); k > 0; k--) {
      out.add(text());
    }
    return out;
  }

  private <E> E pick(final E[] values) {
    return values[random.nextInt(values.length)];
  }

  private <E> List<E> some(final E[] values) {
    final List<E> out = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      out.add(pick(values));
    }
    return out;
  }

  /** The hashes as Avro's writer gives them: each field's encoding, CRC-32C then CRC-32. */
  private static Map<String, Long> reference(final SpecificRecord record, final Set<String> excluded) {
    final Map<String, Long> out = new LinkedHashMap<>();
    for (final Schema.Field field : record.getSchema().getFields()) {
      if (!excluded.contains(field.name())) {
        out.put(field.name(), checksums(encode(record, List.of(field))));
      }
    }
    return out;
  }

  private static long referenceCombined(final SpecificRecord record, final Set<String> excluded) {
    final List<Schema.Field> fields = record.getSchema().getFields().stream()
        .filter(f -> !excluded.contains(f.name())).toList();
    return checksums(encode(record, fields));
  }

  private static byte[] encode(final SpecificRecord record, final List<Schema.Field> fields) {
    final SpecificData model = SpecificData.getForClass(record.getClass());
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      for (final Schema.Field field : fields) {
        new SpecificDatumWriter<>(field.schema(), model).write(record.get(field.pos()), encoder);
      }
    } catch (final IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static long checksums(final byte[] bytes) {
    final CRC32C c = new CRC32C();
    c.update(bytes);
    final CRC32 d = new CRC32();
    d.update(bytes);
    return c.getValue() << 32 | d.getValue();
  }
}
