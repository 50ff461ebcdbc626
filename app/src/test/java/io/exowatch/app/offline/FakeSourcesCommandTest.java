package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code fake-sources} command's options and what it prints. */
class FakeSourcesCommandTest {

  @Test
  void shouldStartTheSnapshotPlusSyntheticStudiesAndPrintTheOverridesAsOptionsAndVariables() throws Exception {
    final FakeSourcesCommand cmd = new FakeSourcesCommand();
    new CommandLine(cmd).parseArgs("--synthetic", "250", "--seed", "3");
    try (SourceSimulator sim = cmd.start()) {
      assertThat(sim.studyCount()).isEqualTo(OfflineSnapshot.bundled().studies().size() + 250);
      assertThat(sim.study(new SyntheticStudies(3).nctId(0))).isPresent();
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      FakeSourcesCommand.describe(sim, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      final String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("--set sources.ctgov.base-url=" + sim.ctgovBaseUrl())
          .contains("export EXOWATCH_SOURCES_PAGES_DOI_RESOLVER='" + sim.doiResolverUrl() + "'")
          .contains("POST " + sim.baseUrl() + "/_admin/studies")
          .contains("--set sources.chictr.base-url=" + sim.chictrBaseUrl())
          .contains("export EXOWATCH_SOURCES_EUCTR_BASE_URL='" + sim.euctrBaseUrl() + "'");
    }
  }

  @Test
  void shouldServeOnlySyntheticStudiesWithoutTheSnapshot() throws Exception {
    final FakeSourcesCommand cmd = new FakeSourcesCommand();
    new CommandLine(cmd).parseArgs("--no-snapshot", "--synthetic", "40");
    try (SourceSimulator sim = cmd.start()) {
      assertThat(sim.studyCount()).isEqualTo(40);
      assertThat(sim.pageUrls()).isEmpty();
      assertThat(sim.configOverrides().get("sources.pages.urls")).isEmpty();
    }
  }
}
