package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.TrialStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page in real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by playwright-core
 * from npm; {@code src/test/browser/page-test.mjs}): search, a facet filter, a trial's detail with
 * its linked article, a trial registered in two registries shown once with both ids, a new trial
 * arriving in the live feed, and scraped markup rendered as text.
 * Screenshots land in {@code target/page.png} and {@code target/page-detail.png}. Skips when node,
 * the npm packages or Chromium are missing, except on CI ({@code CI=true}) where it fails.
 */
@EmbeddedStack
class PageBrowserIT {

  private static final Path SCRIPT_DIR = Path.of("src/test/browser");
  private static final String XSS_TITLE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> exosome trial";

  private static void requireTool(final boolean present, final String what) {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present).as(what + " is required on CI (run-tests installs it)").isTrue();
    }
    Assumptions.assumeTrue(present, what + " missing: skipping the browser test");
  }

  private static boolean nodeAvailable() {
    try {
      final Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (final Exception e) {
      return false;
    }
  }

  @Test
  void shouldSearchFilterOpenATrialAndShowTheLiveFeedInARealBrowser(final LocalStack stack) throws Exception {
    requireTool(nodeAvailable(), "node");
    requireTool(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core")), "playwright-core (npm ci in " + SCRIPT_DIR + ")");
    requireTool(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's chromium (/usr/bin/chromium)");

    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      final EnrichedTrial ards = TestRecords.ardsTrial("NCT04276987", "Exosomes From Allogenic MSC for Severe COVID-19 ARDS");
      ards.setCanonicalId("NCT04276987");
      ards.setSameAs(List.of("ChiCTR2000030261"));
      h.publish("NCT04276987", ards);
      // The same trial in ChiCTR: one hit on the page, listing both ids.
      final EnrichedTrial ardsChina = TestRecords.ardsTrial("ChiCTR2000030261", "Nebulised MSC exosomes for severe COVID-19 pneumonia");
      ardsChina.setCanonicalId("NCT04276987");
      ardsChina.setSameAs(List.of("NCT04276987"));
      h.publish("ChiCTR2000030261", ardsChina);
      h.publishArticle("doi:10.1000/exo.nct04276987",
          TestRecords.article("doi:10.1000/exo.nct04276987", "Inhaled MSC exosomes in COVID-19 ARDS: phase 1 results", "NCT04276987"));
      h.publish("NCT03608631", TestRecords.trial("NCT03608631", "iExosomes Loaded With KRAS G12D siRNA in Pancreatic Cancer",
          Category.MSC_EV_THERAPY, List.of(Application.DELIVERY), List.of(MscSource.BONE_MARROW),
          List.of(Route.INTRAVENOUS), Phase.PHASE1, TrialStatus.RECRUITING, "2021-01-27"));
      h.publish("ChiCTR2000029990", TestRecords.trial("ChiCTR2000029990", "Wharton's Jelly MSC Conditioned Medium Gel for Diabetic Ulcers",
          Category.MSC_SECRETOME_THERAPY, List.of(Application.REGENERATIVE), List.of(MscSource.UMBILICAL_CORD),
          List.of(Route.TOPICAL), Phase.PHASE2, TrialStatus.COMPLETED, "2020"));
      h.publish("NCT05261360", TestRecords.trial("NCT05261360", "Adipose MSC Exosome Eye Drops for Dry Eye in Chronic GVHD",
          Category.MSC_EV_THERAPY, List.of(Application.IMMUNOMODULATORY, Application.REGENERATIVE),
          List.of(MscSource.ADIPOSE), List.of(Route.OCULAR), Phase.PHASE1_PHASE2, TrialStatus.NOT_YET_RECRUITING, "2022-06"));
      h.publish("NCT04389385", TestRecords.trial("NCT04389385", "COVID-19 Specific T Cell Derived Exosomes by Inhalation",
          Category.OTHER_EV_THERAPY, List.of(), List.of(), List.of(Route.INHALATION), Phase.PHASE1, TrialStatus.COMPLETED, "2020-05"));
      final EnrichedTrial xss = TestRecords.ardsTrial("NCT66666666", XSS_TITLE);
      xss.getTrial().setBriefSummary("<img src=x onerror=\"window.__pwned=3\"> summary with markup");
      h.publish("NCT66666666", xss);
      await().atMost(Duration.ofSeconds(60)).until(() -> h.getJson(sink, "/api/trials?collapse=false").path("total").asLong() == 7
          && h.getJson(sink, "/api/trials").path("total").asLong() == 6
          && h.getJson(sink, "/api/trials/NCT04276987").path("articles").size() == 1);

      final Path shots = Path.of("target").toAbsolutePath();
      final String liveId = "NCT77777777";
      final Process node = new ProcessBuilder("node", "page-test.mjs", sink.url().toString(), shots.toString(), liveId)
          .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
      final StringBuilder output = new StringBuilder();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
           OutputStream in = node.getOutputStream()) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          output.append(line).append('\n');
          if (line.equals("READY_FOR_EVENT")) {
            h.publishEvent(liveId, TestRecords.created(liveId, "Live: new MSC-EV trial <img src=x onerror=\"window.__pwned=4\">",
                Category.MSC_EV_THERAPY));
            in.write("PUBLISHED\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
          }
        }
      }
      assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished; output:\n" + output).isTrue();
      assertThat(node.exitValue()).as("node exit code; output:\n" + output).isZero();
      assertThat(output.toString()).contains("ok - a <script> title shows as text")
          .contains("ok - a trial registered in two registries is one hit listing both ids")
          .contains("ok - the new trial appears in the live feed").contains("ALL PASSED");
      assertThat(shots.resolve("page.png")).isNotEmptyFile();
    }
  }
}
