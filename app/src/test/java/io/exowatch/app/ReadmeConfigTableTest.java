package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is exactly what {@code exowatch config --markdown} prints. */
class ReadmeConfigTableTest {

  @Test
  void shouldListEveryConfigurationKeyAsTheCodeDeclaresIt() throws Exception {
    final String readme = Files.readString(Path.of("..", "README.md"));
    final String start = "<!-- config-table:start -->\n";
    final String end = "<!-- config-table:end -->";
    assertThat(readme).contains(start, end);
    final String table = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertThat(ExoWatch.commandLine().execute("config", "--markdown")).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(table)
        .as("README configuration table; regenerate it with ./exowatch config --markdown")
        .isEqualTo(bytes.toString(StandardCharsets.UTF_8));
  }
}
