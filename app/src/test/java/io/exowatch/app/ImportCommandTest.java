package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code exowatch import ictrp} on the command line without a cluster: options, and files refused
 * before anything connects (the broker address points nowhere, so a connection attempt would hang).
 */
class ImportCommandTest {

  private static final String[] NOWHERE = {"--set", "kafka.bootstrap.servers=127.0.0.1:1",
      "--set", "schema.registry.url=http://127.0.0.1:1"};

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final String... args) {
    final CommandLine cli = ExoWatch.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String[] with(final String... args) {
    final String[] all = new String[args.length + NOWHERE.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(NOWHERE, 0, all, args.length, NOWHERE.length);
    return all;
  }

  @Test
  void shouldBeASubcommandOfImportWithSkipAndProgressOptions() {
    assertThat(run("import", "ictrp", "--help")).isZero();

    assertThat(out.toString()).contains("FILE").contains("--skip-registries")
        .contains("default CTGOV,CHICTR,IRCT,ISRCTN,EUCTR").contains("--progress").contains("--config").contains("--set");
  }

  @Test
  void shouldListIctrpUnderImport() {
    assertThat(run("import")).isZero();

    assertThat(out.toString()).contains("ictrp");
  }

  @Test
  void shouldExitOneNamingAMissingFile(@TempDir final Path dir) {
    final String missing = dir.resolve("missing.csv").toString();

    assertThat(run(with("import", "ictrp", missing))).isEqualTo(1);

    assertThat(err.toString()).contains("exowatch import ictrp: no such file: " + missing);
  }

  @Test
  void shouldExitOneNamingTheMissingTrialIdHeaderOfAFileThatIsNoExport(@TempDir final Path dir) throws Exception {
    final Path csv = dir.resolve("studies.csv");
    Files.writeString(csv, "NCT Number,Study Title\nNCT04276987,Inhaled MSC exosomes\n", StandardCharsets.UTF_8);

    assertThat(run(with("import", "ictrp", csv.toString()))).isEqualTo(1);

    assertThat(err.toString()).contains("studies.csv: Not a WHO ICTRP export: the first row has no 'TrialID' column")
        .contains("'NCT Number'");
    assertThat(out.toString()).doesNotContain("ExoWatch import");
  }

  @Test
  void shouldRefuseABadSettingNamingTheKey(@TempDir final Path dir) throws Exception {
    final Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "TrialID\nACTRN12620000111222\n", StandardCharsets.UTF_8);

    assertThat(run("import", "ictrp", csv.toString(), "--set", "topics.partitions=many")).isEqualTo(2);

    assertThat(err.toString()).contains("topics.partitions").contains("many");
  }
}
