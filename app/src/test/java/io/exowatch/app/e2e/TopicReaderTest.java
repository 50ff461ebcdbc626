package io.exowatch.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison behind "exactly one CREATED per trial" must be able to fail in each way. */
class TopicReaderTest {

  @Test
  void shouldFindNothingWhenEveryExpectedIdIsCountedOnce() {
    assertThat(TopicReader.mismatches(Set.of("NCT1", "NCT2"), Map.of("NCT1", 1, "NCT2", 1))).isEmpty();
  }

  @Test
  void shouldReportMissingUnexpectedAndRepeatedIds() {
    final String report = TopicReader.mismatches(Set.of("NCT1", "NCT2", "NCT3"), Map.of("NCT1", 2, "NCT2", 1, "NCT9", 1));
    assertThat(report).contains("missing 1 [NCT3]").contains("unexpected 1 [NCT9]").contains("more than once 1 [NCT1=2]");
  }

  @Test
  void shouldListAtMostTwentyIdsOfEachKind() {
    final Set<String> expected = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      expected.add("NCT" + (100 + i));
    }
    assertThat(TopicReader.mismatches(expected, Map.of())).startsWith("missing 25 [").contains(", ...]");
  }
}
