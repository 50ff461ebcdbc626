package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code exowatch enrich} on the command line, without a cluster. */
class EnrichCommandTest {

  @Test
  void shouldBeASubcommandWithReclassifyAndProgressOptions() {
    final StringWriter out = new StringWriter();
    final CommandLine cli = ExoWatch.commandLine();
    cli.setOut(new PrintWriter(out, true));

    assertThat(cli.execute("enrich", "--help")).isZero();
    assertThat(out.toString()).contains("--reclassify").contains("--progress").contains("--config").contains("--set");
  }

  @Test
  void shouldRefuseABadSettingNamingTheKeyBeforeConnecting() {
    final StringWriter err = new StringWriter();
    final CommandLine cli = ExoWatch.commandLine();
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("enrich", "--set", "enrich.threads=many")).isEqualTo(2);
    assertThat(err.toString()).contains("enrich.threads").contains("many");
  }
}
