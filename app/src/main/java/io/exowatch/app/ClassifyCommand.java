package io.exowatch.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovParseException;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exowatch classify FILE|-}: classifies ClinicalTrials.gov API v2 studies offline and prints
 * one JSON object per study per line, in input order, with the keys {@code id, category, confidence,
 * applications, mscSources, productTypes, routes, cargo, cargoDetail, conditionAreas, phase, status,
 * evidence, classifierVersion}. Reads a search response {@code {"studies": [...]}}, one study object
 * or an array of studies, from a file or from standard input ({@code -}); at most
 * {@value #MAX_INPUT_BYTES} bytes.
 *
 * <p>Exit status 0 when every study was classified; 1 when the input could not be read or some
 * studies could not be parsed: those are named on standard error (index in the input and NCT id
 * when known) and the others are still printed.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Classify ClinicalTrials.gov v2 JSON (search response, study or array) as JSON lines.")
public final class ClassifyCommand implements Callable<Integer> {

  /** The largest input read: 256 MiB. */
  public static final int MAX_INPUT_BYTES = 256 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE|-", description = "ClinicalTrials.gov v2 JSON file, or - for standard input.")
  String input;

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final String name = input.equals("-") ? "standard input" : input;
    final String body;
    try {
      body = read();
    } catch (final NoSuchFileException e) {
      err.println("exowatch classify: no such file: " + input);
      return 1;
    } catch (final IOException e) {
      err.println("exowatch classify: cannot read " + name + ": " + e.getMessage());
      return 1;
    }
    final CtGovPage page;
    try {
      page = new CtGovStudyParser().readStudies(body, Instant.now());
    } catch (final CtGovParseException e) {
      err.println("exowatch classify: " + name + ": " + e.getMessage());
      return 1;
    }
    final Classifier classifier = new Classifier();
    for (final TrialRecord trial : page.records()) {
      out.println(line(trial, classifier.classify(trial)));
    }
    out.flush();
    for (final CtGovPage.Failure f : page.failures()) {
      err.println("exowatch classify: " + name + ": study at index " + f.index()
          + f.nctIdIfKnown().map(id -> " (" + id + ")").orElse("") + " not classified: " + f.reason());
    }
    err.flush();
    return page.failures().isEmpty() ? 0 : 1;
  }

  private String read() throws IOException {
    if (input.equals("-")) {
      return readBounded(System.in);
    }
    final Path file = Path.of(input);
    if (Files.size(file) > MAX_INPUT_BYTES) {
      throw new IOException("larger than " + MAX_INPUT_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String readBounded(final InputStream in) throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (bytes.size() + n > MAX_INPUT_BYTES) {
        throw new IOException("larger than " + MAX_INPUT_BYTES + " bytes");
      }
      bytes.write(buf, 0, n);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** One output line; key order as documented. */
  static String line(final TrialRecord trial, final Classification c) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", trial.getRegistryId());
    m.put("category", c.getCategory().name());
    m.put("confidence", c.getConfidence());
    m.put("applications", names(c.getApplications()));
    m.put("mscSources", names(c.getMscSources()));
    m.put("productTypes", names(c.getProductTypes()));
    m.put("routes", names(c.getRoutes()));
    m.put("cargo", c.getCargo() == null ? null : c.getCargo().name());
    m.put("cargoDetail", c.getCargoDetail());
    m.put("conditionAreas", names(c.getConditionAreas()));
    m.put("phase", c.getPhase().name());
    m.put("status", c.getStatus().name());
    final List<Map<String, String>> evidence = new ArrayList<>(c.getEvidence().size());
    for (final Evidence e : c.getEvidence()) {
      final Map<String, String> entry = new LinkedHashMap<>();
      entry.put("label", e.getLabel());
      entry.put("field", e.getField());
      entry.put("text", e.getText());
      evidence.add(entry);
    }
    m.put("evidence", evidence);
    m.put("classifierVersion", c.getClassifierVersion());
    try {
      return JSON.writeValueAsString(m);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("A map of strings and numbers always serialises", e);
    }
  }

  private static List<String> names(final List<? extends Enum<?>> values) {
    final List<String> out = new ArrayList<>(values.size());
    for (final Enum<?> v : values) {
      out.add(v.name());
    }
    return out;
  }
}
