package io.exowatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code exowatch ingest --once} against a local stand-in for ClinicalTrials.gov and the embedded stack. */
@EmbeddedStack(openSearch = false)
class IngestCommandIT {

  private static final String PAGE = "{\"studies\":["
      + "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT04276987\",\"briefTitle\":\"MSC exosomes inhaled for COVID-19 pneumonia\"},"
      + "\"statusModule\":{\"overallStatus\":\"COMPLETED\",\"lastUpdatePostDateStruct\":{\"date\":\"2024-03-01\"}}}},"
      + "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT04493242\",\"briefTitle\":\"Extracellular vesicle infusion for ARDS\"},"
      + "\"statusModule\":{\"overallStatus\":\"RECRUITING\",\"lastUpdatePostDateStruct\":{\"date\":\"2024-03-05\"}}}}]}";

  private HttpServer server;

  @BeforeEach
  void startFakeRegistry() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v2/studies", exchange -> {
      final byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopFakeRegistry() {
    server.stop(0);
  }

  private List<String> args(final LocalStack stack, final String baseUrl) {
    final String suffix = UniqueNames.uniqueName("cmd").substring(4);
    final List<String> a = new ArrayList<>(List.of("--once"));
    for (final String kv : List.of(
        "kafka.bootstrap.servers=" + stack.bootstrapServers(),
        "schema.registry.url=" + stack.schemaRegistryUrl(),
        "sources.ctgov.base-url=" + baseUrl,
        "sources.ctgov.rate-limit=50",
        "sources.pubmed.enabled=false",
        "sources.europepmc.enabled=false",
        "sources.pages.enabled=false",
        "sources.chictr.enabled=false",
        "sources.irct.enabled=false",
        "sources.isrctn.enabled=false",
        "sources.euctr.enabled=false",
        "http.retry-backoff=10ms",
        "http.max-retries=1",
        "ingest.topic.trials=trials-raw-" + suffix,
        "ingest.topic.articles=articles-raw-" + suffix,
        "ingest.topic.dlq=ingest-dlq-" + suffix,
        "ingest.topic.cursors=ingest-cursors-" + suffix)) {
      a.add("--set");
      a.add(kv);
    }
    return a;
  }

  private static int run(final List<String> args, final StringWriter out) {
    final CommandLine cli = new CommandLine(new IngestCommand());
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args.toArray(String[]::new));
  }

  @Test
  void shouldDoOnePassPrintProgressAndASummaryAndExitZero(final LocalStack stack) {
    final StringWriter out = new StringWriter();
    final int exit = run(args(stack, "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2"), out);
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("ExoWatch ingest: sources [ctgov]")
        .contains("ctgov: starting a full pass")
        .contains("ctgov: pages 1, records published 2, dead letters 0")
        .containsPattern("ctgov\\s+COMPLETED\\s+pages=1 records=2 dead-letters=0")
        .contains("total      records=2 dead-letters=0");
  }

  @Test
  void shouldExitOneWhenASourceFailsForGood(final LocalStack stack) {
    final StringWriter out = new StringWriter();
    final int exit = run(args(stack, "http://127.0.0.1:" + server.getAddress().getPort() + "/missing"), out);
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).containsPattern("ctgov\\s+FAILED").contains("HTTP 404").contains("did not complete");
  }
}
