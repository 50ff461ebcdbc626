package io.exowatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.localstack.LocalStack;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.ArticleLink;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialSnapshot;
import io.exowatch.schemas.avro.TrialStatus;
import io.exowatch.schemas.serde.AvroSerdes;
import io.exowatch.sink.SinkKeys;
import io.exowatch.sink.SinkService;
import io.exowatch.sink.internal.http.SearchService;
import io.exowatch.sink.internal.http.TrialQuery;
import io.exowatch.sink.internal.index.Documents;
import io.exowatch.sink.internal.index.IndexSetup;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.HttpHost;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The sink's three figures on one embedded broker, registry and OpenSearch node, in one run:
 *
 * <ol>
 *   <li><b>Indexing rate</b>: N enriched trials (about 2 KB of JSON each) are produced to a topic.
 *       Baseline: the same documents (built beforehand with the sink's own mapping code) bulk-indexed
 *       directly with the {@code opensearch-java} client, 1000 per request, external versions, into an
 *       index made from the same template. Then the sink consumes the topic into another such index,
 *       timed from {@code SinkService.start} returning until every document is indexed. Target: the
 *       sink at least 0.8x the direct rate.</li>
 *   <li><b>Search latency</b>: {@code GET /api/trials} with every facet, random filters and
 *       free text half the time, over the N indexed trials (N = 10,000 by default); p50/p95/p99 of
 *       {@value #QUERIES} queries after {@value #WARMUP} warm-up queries. Target: p95 &le; 50 ms.</li>
 *   <li><b>Event latency</b>: an SSE client on {@code /api/events}; {@value #EVENTS} trial events are
 *       published one after another; the time from the producer's send to the client reading the
 *       event; p50/p95. Target: p95 &le; 500 ms.</li>
 * </ol>
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.exowatch.bench.SinkBenchmark [N] [all|latency]}
 * (defaults 10000 and all; {@code latency} skips the indexing comparison).
 */
public final class SinkBenchmark {

  private static final int QUERIES = 500;
  private static final int WARMUP = 100;
  private static final int EVENTS = 200;
  private static final int ROUNDS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SinkBenchmark() {}

  /** Runs the three measurements and prints them. */
  public static void main(final String[] args) throws Exception {
    final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    // "latency" skips the direct-vs-sink indexing rounds: one sink run fills the index for the latency figures.
    final boolean latencyOnly = args.length > 1 && args[1].equals("latency");
    final int rounds = latencyOnly ? 1 : ROUNDS;
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.exowatch.schemas.avro");
    try (LocalStack stack = LocalStack.builder().freePorts().start()) {
      final String topic = "bench-trials-enriched";
      stack.createTopic(topic, 3, true);
      stack.createTopic("bench-trial-events", 3, false);
      final List<EnrichedTrial> trials = new ArrayList<>(n);
      final Random random = new Random(42);
      for (int i = 0; i < n; i++) {
        trials.add(trial(i, random));
      }
      produce(stack, topic, trials);
      final List<Map<String, Object>> docs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        docs.add(Documents.trial(trials.get(i), 0, i));
      }
      final long avgBytes = docs.stream().limit(200).mapToLong(d -> {
        try {
          return JSON.writeValueAsBytes(d).length;
        } catch (final Exception e) {
          return 0;
        }
      }).sum() / 200;
      System.out.printf(Locale.ROOT, "%d trials, about %d bytes of JSON each%n", n, avgBytes);

      final Map<String, String> settings = new HashMap<>();
      settings.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
      settings.put(CommonKeys.SCHEMA_REGISTRY_URL.name(), stack.schemaRegistryUrl());
      settings.put(CommonKeys.OPENSEARCH_URL.name(), stack.openSearchUrl());
      settings.put(SinkKeys.HTTP_PORT.name(), "0");
      settings.put(SinkKeys.HTTP_BIND_ADDRESS.name(), "127.0.0.1");
      settings.put(SinkKeys.TRIALS_TOPIC.name(), topic);
      settings.put(SinkKeys.ARTICLES_TOPIC.name(), "bench-articles-enriched");
      settings.put(SinkKeys.EVENTS_TOPIC.name(), "bench-trial-events");
      settings.put(SinkKeys.DLQ_TOPIC.name(), "bench-sink-dlq");
      settings.put(SinkKeys.ARTICLES_ALIAS.name(), "bench-sink-articles");
      // Rounds alternate direct and sink so that load changes on a shared machine hit both alike.
      if (!latencyOnly) {
        directBulk(stack, docs.subList(0, Math.min(2000, n)), "bench-direct-warmup");
      }
      final double[] ratios = new double[rounds];
      SinkService sink = null;
      for (int round = 1; round <= rounds; round++) {
        final double direct = latencyOnly ? Double.NaN : directBulk(stack, docs, "bench-direct-" + round);
        if (sink != null) {
          sink.close();
        }
        settings.put(SinkKeys.GROUP_ID.name(), "bench-sink-" + round);
        settings.put(SinkKeys.TRIALS_ALIAS.name(), "bench-sink-trials-" + round);
        sink = SinkService.start(ExoConfig.of(settings));
        final long start = System.nanoTime();
        while (sink.stats().indexed() < n) {
          if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
            throw new IllegalStateException("Sink indexed only " + sink.stats().indexed() + " of " + n + " in 10 min");
          }
          Thread.sleep(5);
        }
        final double sinkRate = n / ((System.nanoTime() - start) / 1e9);
        ratios[round - 1] = sinkRate / direct;
        if (latencyOnly) {
          System.out.printf(Locale.ROOT, "indexed through the sink: %,.0f docs/s%n", sinkRate);
        } else {
          System.out.printf(Locale.ROOT, "round %d: direct bulk with opensearch-java %,.0f docs/s; through the sink %,.0f docs/s (%.2fx)%n",
              round, direct, sinkRate, sinkRate / direct);
        }
      }
      if (!latencyOnly) {
        final double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "sink / direct indexing rate: median %.2fx of %d rounds (target >= 0.8x)%n", sorted[rounds / 2], rounds);
      }
      try {
        final String alias = "bench-sink-trials-" + rounds;
        final HttpClient http = HttpClient.newHttpClient();
        new OpenSearchHttpRefresh(stack.openSearchUrl()).refresh(alias);
        // Over HTTP first, then in-process with other random queries: neither pass warms the other's facet cache.
        final com.sun.management.OperatingSystemMXBean osBean =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // Background CPU (merges, broker, consumers) measured over an idle interval is subtracted.
        final long idle0 = osBean.getProcessCpuTime();
        final long idleStart = System.nanoTime();
        Thread.sleep(10_000);
        final double idleCpuPerNano = (double) (osBean.getProcessCpuTime() - idle0) / (System.nanoTime() - idleStart);
        final long cpu0 = osBean.getProcessCpuTime();
        final long wall0 = System.nanoTime();
        final long[] latencies = searchLatencies(http, sink, new Random(11), null);
        final double busyCpu = (osBean.getProcessCpuTime() - cpu0) - idleCpuPerNano * (System.nanoTime() - wall0);
        final double cpuPerQuery = busyCpu / 1e6 / (QUERIES + WARMUP);
        System.out.printf(Locale.ROOT, "  background CPU of this JVM while idle: %.0f%% of a core%n", idleCpuPerNano * 100);
        System.out.printf(Locale.ROOT, "GET /api/trials, all facets, %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (target p95 <= 50 ms)%n",
            n, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99));
        System.out.printf(Locale.ROOT, "  CPU time per request beyond the idle background (client, HTTP server, OpenSearch): %.1f ms%n", cpuPerQuery);
        try (OpenSearchHttp os = OpenSearchHttp.connect(URI.create(stack.openSearchUrl()), JSON)) {
          final long[] inProcess = searchLatencies(http, sink, new Random(7), new SearchService(os, alias, "bench-sink-articles"));
          System.out.printf(Locale.ROOT, "  the same kind of queries through SearchService in-process (no HTTP server): p50 %.1f ms, p95 %.1f ms%n",
              pct(inProcess, 50), pct(inProcess, 95));
        }

        final long[] events = eventLatencies(stack, http, sink);
        System.out.printf(Locale.ROOT, "trial-events -> SSE client, %d events: p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 <= 500 ms)%n",
            events.length, pct(events, 50), pct(events, 95), pct(events, 100));
      } finally {
        sink.close();
      }
    }
    final double[] load = {java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
    System.out.printf(Locale.ROOT, "system load average at the end: %.1f on %d cores%n", load[0], Runtime.getRuntime().availableProcessors());
    System.exit(0);
  }

  /** Refreshes an index through the sink's own client. */
  private record OpenSearchHttpRefresh(String url) {
    void refresh(final String index) throws Exception {
      try (OpenSearchHttp os = OpenSearchHttp.connect(URI.create(url), JSON)) {
        os.send("POST", "/" + index + "/_refresh", null, null);
      }
    }
  }

  private static void produce(final LocalStack stack, final String topic, final List<EnrichedTrial> trials) throws Exception {
    final Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("linger.ms", 20);
    p.put("batch.size", 256 * 1024);
    try (KafkaProducer<String, EnrichedTrial> producer = new KafkaProducer<>(p, new StringSerializer(),
        AvroSerdes.specific(EnrichedTrial.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).serializer())) {
      for (final EnrichedTrial t : trials) {
        producer.send(new ProducerRecord<>(topic, t.getTrial().getRegistryId(), t));
      }
      producer.flush();
    }
  }

  private static double directBulk(final LocalStack stack, final List<Map<String, Object>> docs, final String alias)
      throws Exception {
    final URI url = URI.create(stack.openSearchUrl());
    try (OpenSearchHttp setupClient = OpenSearchHttp.connect(url, JSON)) {
      new IndexSetup(setupClient, 1, 0).ensure(alias, IndexSetup.Kind.TRIALS);
    }
    final OpenSearchTransport transport = ApacheHttpClient5TransportBuilder
        .builder(new HttpHost("http", url.getHost(), url.getPort())).setMapper(new JacksonJsonpMapper(JSON)).build();
    try {
      final OpenSearchClient client = new OpenSearchClient(transport);
      final long start = System.nanoTime();
      bulk(client, alias, docs);
      return docs.size() / ((System.nanoTime() - start) / 1e9);
    } finally {
      transport.close();
    }
  }

  private static void bulk(final OpenSearchClient client, final String index, final List<Map<String, Object>> docs) throws Exception {
    for (int from = 0; from < docs.size(); from += 1000) {
      final BulkRequest.Builder b = new BulkRequest.Builder();
      for (int i = from; i < Math.min(docs.size(), from + 1000); i++) {
        final Map<String, Object> d = docs.get(i);
        final long version = i;
        b.operations(op -> op.index(ix -> ix.index(index).id((String) d.get("id")).version(version)
            .versionType(VersionType.External).document(d)));
      }
      final BulkResponse r = client.bulk(b.build());
      if (r.errors()) {
        throw new IllegalStateException("Direct bulk had errors: " + r.items().stream()
            .filter(it -> it.error() != null).findFirst().map(it -> it.error().reason()).orElse("?"));
      }
    }
  }

  /** Latencies of random searches through HTTP, or in-process through {@code service} when it is given. */
  private static long[] searchLatencies(final HttpClient http, final SinkService sink, final Random random,
      final SearchService service) throws Exception {
    final String[] words = {"exosomes", "ARDS", "stroke", "wound healing", "cartilage", "COVID-19", "kidney", "graft versus host"};
    final String[] filters = {"category=MSC_EV_THERAPY", "route=INHALATION", "application=REGENERATIVE",
        "source=UMBILICAL_CORD,ADIPOSE", "phase=PHASE1,PHASE2", "status=RECRUITING", "product=EXOSOME", ""};
    final long[] out = new long[QUERIES];
    for (int i = -WARMUP; i < QUERIES; i++) {
      final StringBuilder q = new StringBuilder("/api/trials?size=20");
      if (random.nextBoolean()) {
        q.append("&q=").append(URLEncoder.encode(words[random.nextInt(words.length)], StandardCharsets.UTF_8));
      }
      for (int f = 0; f < 2; f++) {
        final String filter = filters[random.nextInt(filters.length)];
        if (!filter.isEmpty() && q.indexOf(filter.substring(0, filter.indexOf('='))) < 0) {
          q.append('&').append(filter);
        }
      }
      final long t0 = System.nanoTime();
      if (service != null) {
        JSON.writeValueAsBytes(service.searchTrials(TrialQuery.parse(params(q.substring(q.indexOf("?") + 1)))));
      } else {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink.url().toString() + q)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(q + " answered " + r.statusCode() + ": " + r.body());
        }
      }
      final long took = System.nanoTime() - t0;
      if (i >= 0) {
        out[i] = took;
      }
    }
    return out;
  }

  private static long[] eventLatencies(final LocalStack stack, final HttpClient http, final SinkService sink) throws Exception {
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    final HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(sink.url() + "/api/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    final Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.startsWith("data: ")) {
            final long now = System.nanoTime();
            final JsonNode data = JSON.readTree(line.substring(6));
            final Long t0 = sent.get(data.path("id").asText());
            if (t0 != null) {
              latencies.add(now - t0);
            }
          }
        }
      } catch (final Exception e) {
        // stream closed at the end
      }
    }, "bench-sse");
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(1000); // let the relay's consumer take its position at the log end
    final Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("linger.ms", 0);
    try (KafkaProducer<String, TrialEvent> producer = new KafkaProducer<>(p, new StringSerializer(),
        AvroSerdes.specific(TrialEvent.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).serializer())) {
      for (int i = 0; i < EVENTS; i++) {
        final String id = String.format(Locale.ROOT, "NCT9%07d", i);
        final TrialEvent e = TrialEvent.newBuilder().setTrialId(id).setOp(TrialEventOp.CREATED).setChangedFields(List.of())
            .setBefore(null).setSameAs(List.of()).setClassifierVersion("bench")
            .setAfter(TrialSnapshot.newBuilder().setTitle("Event " + i).setStatus("RECRUITING").setPhase("PHASE1")
                .setCategory("MSC_EV_THERAPY").setLastUpdatePosted("2026-11-01").build())
            .setRegistry("CTGOV").setTs(Instant.now()).build();
        sent.put(id, System.nanoTime());
        producer.send(new ProducerRecord<>("bench-trial-events", id, e)).get();
        Thread.sleep(20);
      }
    }
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latencies.size() < EVENTS && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    stream.body().close();
    if (latencies.size() < EVENTS) {
      throw new IllegalStateException("Only " + latencies.size() + " of " + EVENTS + " events reached the SSE client");
    }
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  private static Map<String, List<String>> params(final String query) {
    final Map<String, List<String>> m = new HashMap<>();
    for (final String pair : query.split("&")) {
      final int eq = pair.indexOf('=');
      m.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>())
          .add(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static double pct(final long[] nanos, final int p) {
    final long[] s = nanos.clone();
    Arrays.sort(s);
    final int idx = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
    return s[Math.max(0, idx)] / 1e6;
  }

  private static EnrichedTrial trial(final int i, final Random r) {
    final Category[] cats = {Category.MSC_EV_THERAPY, Category.MSC_EV_THERAPY, Category.MSC_SECRETOME_THERAPY,
        Category.OTHER_EV_THERAPY, Category.EV_DIAGNOSTIC, Category.MSC_CELL_THERAPY, Category.UNRELATED};
    final Category cat = cats[r.nextInt(cats.length)];
    final boolean msc = cat == Category.MSC_EV_THERAPY || cat == Category.MSC_SECRETOME_THERAPY;
    final String[] conditions = {"Acute Respiratory Distress Syndrome", "COVID-19 Pneumonia", "Ischemic Stroke",
        "Diabetic Foot Ulcer", "Knee Osteoarthritis", "Chronic Kidney Disease", "Graft Versus Host Disease", "Macular Hole"};
    final String condition = conditions[r.nextInt(conditions.length)];
    final String id = String.format(Locale.ROOT, "NCT%08d", 10_000_000 + i);
    final String title = (msc ? "Mesenchymal Stem Cell-Derived Exosomes for " : "Extracellular Vesicles in ") + condition + " (" + i + ")";
    final int year = 2014 + r.nextInt(12);
    final String start = year + "-" + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(12));
    final TrialRecord t = TrialRecord.newBuilder()
        .setRegistry("CTGOV").setRegistryId(id).setSecondaryIds(List.of())
        .setBriefTitle(title).setOfficialTitle("A Randomized, Double-blind, Placebo-controlled Phase 1/2 Study of " + title)
        .setBriefSummary("This study evaluates the safety and efficacy of extracellular vesicles isolated from umbilical cord "
            + "mesenchymal stromal cells by tangential flow filtration in patients with " + condition
            + ". Participants receive three doses and are followed for 12 months for adverse events and functional outcomes.")
        .setDetailedDescription("Mesenchymal stromal cells act largely through paracrine signalling carried by extracellular vesicles. "
            + "Giving the vesicles rather than live cells may avoid infusional toxicity. ".repeat(3))
        .setConditions(List.of(condition)).setKeywords(List.of("exosome", "extracellular vesicle", "MSC"))
        .setInterventions(List.of(Intervention.newBuilder().setType("BIOLOGICAL").setName(msc ? "MSC-derived exosomes" : "Vesicle product")
            .setDescription("2.0 x 10^9 particles in 3 mL saline").setOtherNames(List.of()).setArmGroupLabels(List.of()).build()))
        .setArms(List.of()).setOutcomes(List.of("Incidence of adverse events", "Change in organ function score at 28 days"))
        .setPhases(List.of("PHASE1", "PHASE2")).setStatus("RECRUITING").setStudyType("INTERVENTIONAL")
        .setEnrollment(20 + r.nextInt(200)).setEnrollmentType("ESTIMATED")
        .setFirstPosted(start).setLastUpdatePosted("2025-06-01").setStartDate(start).setCompletionDate((year + 2) + "-12")
        .setLeadSponsor("University Hospital " + (i % 50)).setCollaborators(List.of()).setCountries(List.of(i % 3 == 0 ? "China" : "Iran"))
        .setReferences(List.of()).setSourceUrl("https://clinicaltrials.gov/study/" + id)
        .setFetchedAt(Instant.now()).setContentHash("0".repeat(64)).build();
    final List<Application> apps = msc ? List.of(Application.values()[r.nextInt(3)]) : List.of();
    final List<MscSource> sources = msc ? List.of(MscSource.values()[r.nextInt(MscSource.values().length)]) : List.of();
    final List<Route> routes = msc ? List.of(Route.values()[r.nextInt(Route.values().length)]) : List.of();
    final Classification c = Classification.newBuilder()
        .setCategory(cat).setConfidence(0.5 + r.nextDouble() / 2)
        .setApplications(apps).setMscSources(sources).setProductTypes(msc ? List.of(ProductType.EXOSOME) : List.of())
        .setRoutes(routes).setCargo(null).setCargoDetail(null)
        .setConditionAreas(List.of(ConditionArea.values()[r.nextInt(ConditionArea.values().length)]))
        .setPhase(Phase.values()[r.nextInt(Phase.values().length)]).setStatus(TrialStatus.values()[r.nextInt(TrialStatus.values().length)])
        .setStudyKind(null).setMentionedTrialIds(List.of())
        .setEvidence(List.of(new Evidence("category:" + cat.name(), "interventions[0].name", "MSC-derived exosomes"),
            new Evidence("applications:REGENERATIVE", "conditions[0]", condition)))
        .setClassifierVersion("bench-1").build();
    return EnrichedTrial.newBuilder().setTrial(t).setClassification(c)
        .setLinkedArticles(List.of(new ArticleLink("pmid:" + (30_000_000 + i), "Results of " + title)))
        .setSameAs(List.of()).setEnrichedAt(Instant.now()).build();
  }
}
