package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code exowatch classify} end to end through the real command line, with captured output. */
class ClassifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = List.of("id", "category", "confidence", "applications", "mscSources",
      "productTypes", "routes", "cargo", "cargoDetail", "conditionAreas", "phase", "status", "evidence",
      "classifierVersion");

  private static final String MSC_EV = """
      {"protocolSection": {"identificationModule": {"nctId": "NCT90000201",
        "briefTitle": "Nebulized Umbilical Cord MSC-derived Exosomes in COVID-19 ARDS"},
       "statusModule": {"overallStatus": "RECRUITING"},
       "conditionsModule": {"conditions": ["ARDS"]},
       "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "PHASE2"]},
       "armsInterventionsModule": {"interventions": [{"type": "BIOLOGICAL", "name": "UC-MSC-Exos",
         "description": "Nebulized twice daily for 5 days"}]}}}""";
  private static final String DENDRITIC = """
      {"protocolSection": {"identificationModule": {"nctId": "NCT90000202",
        "briefTitle": "Dendritic Cell-derived Exosomes in Lung Cancer"},
       "statusModule": {"overallStatus": "Completed"},
       "designModule": {"studyType": "INTERVENTIONAL", "phases": ["Phase II"]}}}""";
  private static final String NO_ID = """
      {"protocolSection": {"identificationModule": {"briefTitle": "No id"}}}""";
  private static final String BAD_PHASES = """
      {"protocolSection": {"identificationModule": {"nctId": "NCT90000204"}, "designModule": {"phases": "PHASE1"}}}""";

  @TempDir Path dir;

  /** What one run printed and returned. */
  private record Run(int status, String out, String err) {
    List<JsonNode> lines() throws IOException {
      final List<JsonNode> nodes = new ArrayList<>();
      for (final String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  private static Run run(final String... args) {
    final CommandLine cli = ExoWatch.commandLine();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    final int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  private Path file(final String name, final String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void shouldPrintOneJsonLinePerStudyWithExactlyTheDocumentedKeys() throws IOException {
    final Path f = file("search.json", "{\"studies\": [" + MSC_EV + ", " + DENDRITIC + "], \"nextPageToken\": \"x\"}");
    final Run r = run("classify", f.toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    final List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(2);
    for (final JsonNode line : lines) {
      final List<String> keys = new ArrayList<>();
      line.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactlyElementsOf(KEYS);
    }
    final JsonNode msc = lines.get(0);
    assertThat(msc.get("id").asText()).isEqualTo("NCT90000201");
    assertThat(msc.get("category").asText()).isEqualTo("MSC_EV_THERAPY");
    assertThat(msc.get("confidence").asDouble()).isBetween(0.5, 1.0);
    assertThat(msc.get("mscSources").toString()).isEqualTo("[\"UMBILICAL_CORD\"]");
    assertThat(msc.get("productTypes").toString()).isEqualTo("[\"EXOSOME\"]");
    assertThat(msc.get("routes").toString()).isEqualTo("[\"INHALATION\"]");
    assertThat(msc.get("cargo").asText()).isEqualTo("NATIVE");
    assertThat(msc.get("cargoDetail").isNull()).isTrue();
    assertThat(msc.get("conditionAreas").toString()).contains("RESPIRATORY");
    assertThat(msc.get("phase").asText()).isEqualTo("PHASE1_PHASE2");
    assertThat(msc.get("status").asText()).isEqualTo("RECRUITING");
    assertThat(msc.get("classifierVersion").asText()).isNotBlank();
    assertThat(msc.get("evidence").get(0).get("label").asText()).isEqualTo("category:MSC_EV_THERAPY");
    final List<String> evidenceKeys = new ArrayList<>();
    msc.get("evidence").get(0).fieldNames().forEachRemaining(evidenceKeys::add);
    assertThat(evidenceKeys).containsExactly("label", "field", "text");

    final JsonNode dendritic = lines.get(1);
    assertThat(dendritic.get("category").asText()).isEqualTo("OTHER_EV_THERAPY");
    assertThat(dendritic.get("routes").size()).isZero();
    assertThat(dendritic.get("cargo").isNull()).isTrue();
    assertThat(dendritic.get("phase").asText()).isEqualTo("PHASE2");
    assertThat(dendritic.get("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void shouldReadASingleStudyAndAnArrayOfStudies() throws IOException {
    assertThat(run("classify", file("one.json", MSC_EV).toString()).lines())
        .extracting(n -> n.get("id").asText()).containsExactly("NCT90000201");
    assertThat(run("classify", file("array.json", "[" + DENDRITIC + "," + MSC_EV + "]").toString()).lines())
        .extracting(n -> n.get("id").asText()).containsExactly("NCT90000202", "NCT90000201");
  }

  @Test
  void shouldReadStandardInputForADash() throws IOException {
    final InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(("[" + MSC_EV + "]").getBytes(StandardCharsets.UTF_8)));
      final Run r = run("classify", "-");
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.lines()).extracting(n -> n.get("category").asText()).containsExactly("MSC_EV_THERAPY");
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void shouldNameTheStudiesThatFailAndStillPrintTheOthers() throws IOException {
    final Path f = file("mixed.json", "[" + MSC_EV + ", " + NO_ID + ", " + BAD_PHASES + "]");
    final Run r = run("classify", f.toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.lines()).extracting(n -> n.get("id").asText()).containsExactly("NCT90000201");
    assertThat(r.err()).contains("study at index 1 not classified: Missing protocolSection.identificationModule.nctId")
        .contains("study at index 2 (NCT90000204) not classified: Expected an array at protocolSection.designModule.phases");
  }

  @Test
  void shouldRejectAnHtmlErrorPageWithAClearMessage() throws IOException {
    final Path f = file("error.html", "<html><body>503 Service Unavailable</body></html>");
    final Run r = run("classify", f.toString());

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("exowatch classify: " + f + ": Expected ClinicalTrials.gov JSON but the body looks like HTML")
        .contains("503 Service Unavailable");
  }

  @Test
  void shouldRejectJsonOfAnotherShape() throws IOException {
    final Run r = run("classify", file("other.json", "{\"hitCount\": 0}").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("found an object with fields [hitCount]");
  }

  @Test
  void shouldSayWhenTheFileDoesNotExist() {
    final Run r = run("classify", dir.resolve("missing.json").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("no such file").contains("missing.json");
  }

  @Test
  void shouldExplainItselfWithHelp() {
    final Run r = run("classify", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage: exowatch classify").contains("FILE|-");
  }
}
