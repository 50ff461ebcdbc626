package io.exowatch.app.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.schemas.avro.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Source data in the real formats: ClinicalTrials.gov API v2 studies, a PubMed efetch
 * {@code PubmedArticleSet}, a Europe PMC {@code resultType=core} search response, publisher
 * landing pages, and registrations of ChiCTR, IRCT, ISRCTN and the EU Clinical Trials Register
 * ({@link RegistrySnapshot}).
 *
 * <p>{@link #bundled()} is the project's own snapshot under
 * {@code io/exowatch/app/offline/snapshot/} (its README there says what is real and what is
 * written for ExoWatch): 58 studies covering every category of CLASSIFICATION.md, 15 PubMed
 * articles, 18 Europe PMC records, 5 landing pages, cross-linked by NCT ids, PMIDs and DOIs, and 10
 * registrations of the other registries (4 ChiCTR, 2 IRCT, 2 ISRCTN, 2 EU CTR), two of which name
 * another registration of the same trial: ChiCTR2200900102 names NCT08000102, and ISRCTN90800101 and
 * EudraCT 2020-900201-35 name each other. {@link #of} builds a snapshot from other data, e.g. a small
 * one for a test, with no registrations unless {@link #withRegistries} adds them. Immutable.
 */
public final class OfflineSnapshot {

  private static final String ROOT = "snapshot/";
  private static final String REGISTRIES = "registries/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<String> studies;
  /** Category names by NCT id; turned into {@link Category} values only when asked (loading Avro costs). */
  private final Map<String, String> expectedCategoryNames;
  private final String pubmedArticleSetXml;
  private final String europePmcSearchJson;
  private final List<LandingPage> landingPages;
  private final RegistrySnapshot registries;

  private OfflineSnapshot(final List<String> studies, final Map<String, String> expectedCategoryNames,
      final String pubmedArticleSetXml, final String europePmcSearchJson, final List<LandingPage> landingPages,
      final RegistrySnapshot registries) {
    this.studies = List.copyOf(studies);
    this.expectedCategoryNames = Map.copyOf(expectedCategoryNames);
    this.pubmedArticleSetXml = Objects.requireNonNull(pubmedArticleSetXml, "pubmedArticleSetXml");
    this.europePmcSearchJson = Objects.requireNonNull(europePmcSearchJson, "europePmcSearchJson");
    this.landingPages = List.copyOf(landingPages);
    this.registries = Objects.requireNonNull(registries, "registries");
  }

  /**
   * The snapshot bundled in this jar, read once.
   *
   * @throws IllegalStateException naming the resource when one is missing or malformed
   */
  public static OfflineSnapshot bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * A snapshot of other data; nothing is checked until a simulator serves it.
   *
   * @param studies ClinicalTrials.gov v2 study objects as JSON
   * @param pubmedArticleSetXml an efetch {@code PubmedArticleSet} (may hold no articles)
   * @param europePmcSearchJson a Europe PMC core search response
   * @param landingPages landing pages
   */
  public static OfflineSnapshot of(final List<String> studies, final String pubmedArticleSetXml,
      final String europePmcSearchJson, final List<LandingPage> landingPages) {
    return new OfflineSnapshot(studies, Map.of(), pubmedArticleSetXml, europePmcSearchJson, landingPages,
        RegistrySnapshot.empty());
  }

  /** This snapshot with {@code registries} as its registrations instead of its own. */
  public OfflineSnapshot withRegistries(final RegistrySnapshot registries) {
    return new OfflineSnapshot(studies, expectedCategoryNames, pubmedArticleSetXml, europePmcSearchJson, landingPages,
        registries);
  }

  /** An empty snapshot: no studies, articles, pages or registrations. */
  public static OfflineSnapshot empty() {
    return of(List.of(), "<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n",
        "{\"version\":\"6.9\",\"hitCount\":0,\"resultList\":{\"result\":[]}}", List.of());
  }

  /** The studies, each a compact JSON study object in the v2 shape. */
  public List<String> studies() {
    return studies;
  }

  /**
   * The category each bundled record was written to have, by registry id (NCT ids and the other
   * registries' ids); empty for {@link #of} snapshots.
   */
  public Map<String, Category> expectedCategories() {
    final Map<String, Category> out = new LinkedHashMap<>();
    expectedCategoryNames.forEach((id, name) -> out.put(id, Category.valueOf(name)));
    return Map.copyOf(out);
  }

  /** The efetch {@code PubmedArticleSet}. */
  public String pubmedArticleSetXml() {
    return pubmedArticleSetXml;
  }

  /** The Europe PMC search response ({@code resultType=core}) holding every record. */
  public String europePmcSearchJson() {
    return europePmcSearchJson;
  }

  /** The landing pages written for the snapshot. */
  public List<LandingPage> landingPages() {
    return landingPages;
  }

  /** The registrations of ChiCTR, IRCT, ISRCTN and the EU Clinical Trials Register. */
  public RegistrySnapshot registries() {
    return registries;
  }

  private static final class Bundled {
    static final OfflineSnapshot INSTANCE = load();

    private static OfflineSnapshot load() {
      final JsonNode studiesDoc = json("ctgov/studies.json");
      final List<String> studies = new ArrayList<>();
      for (final JsonNode s : studiesDoc.path("studies")) {
        studies.add(s.toString());
      }
      if (studies.isEmpty()) {
        throw new IllegalStateException("Resource " + ROOT + "ctgov/studies.json holds no studies");
      }
      final Map<String, String> categories = new LinkedHashMap<>();
      json("ctgov/expected-categories.json").fields().forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asText()));
      json(REGISTRIES + "expected-categories.json").fields()
          .forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asText()));
      final List<LandingPage> pages = new ArrayList<>();
      for (final JsonNode p : json("pages/index.json").path("pages")) {
        pages.add(new LandingPage(p.path("path").asText(), p.path("doi").asText(null), text("pages/" + p.path("file").asText())));
      }
      return new OfflineSnapshot(studies, categories, text("pubmed/efetch.xml"), text("europepmc/search-core.json"), pages,
          registries());
    }

    private static RegistrySnapshot registries() {
      final List<RegistrySnapshot.ChiCtrProject> chictr = new ArrayList<>();
      final String chictrIndex = REGISTRIES + "chictr/index.json";
      for (final JsonNode p : json(chictrIndex).path("projects")) {
        chictr.add(new RegistrySnapshot.ChiCtrProject(required(p, "proj", chictrIndex),
            required(p, "registrationNumber", chictrIndex), required(p, "title", chictrIndex),
            required(p, "institution", chictrIndex), required(p, "studyType", chictrIndex),
            date(p, "registered", chictrIndex), text(REGISTRIES + "chictr/" + required(p, "file", chictrIndex))));
      }
      final List<RegistrySnapshot.IrctTrial> irct = new ArrayList<>();
      final String irctIndex = REGISTRIES + "irct/index.json";
      for (final JsonNode t : json(irctIndex).path("trials")) {
        irct.add(new RegistrySnapshot.IrctTrial(t.path("number").asLong(), required(t, "id", irctIndex),
            required(t, "title", irctIndex), required(t, "status", irctIndex),
            text(REGISTRIES + "irct/" + required(t, "file", irctIndex))));
      }
      final List<RegistrySnapshot.EuCtrTrial> euctr = new ArrayList<>();
      final String euctrIndex = REGISTRIES + "euctr/index.json";
      for (final JsonNode t : json(euctrIndex).path("trials")) {
        final List<RegistrySnapshot.MemberState> states = new ArrayList<>();
        for (final JsonNode s : t.path("protocols")) {
          states.add(new RegistrySnapshot.MemberState(required(s, "code", euctrIndex), required(s, "status", euctrIndex)));
        }
        euctr.add(new RegistrySnapshot.EuCtrTrial(required(t, "eudractNumber", euctrIndex),
            t.path("sponsorProtocolNumber").asText(null), date(t, "startDate", euctrIndex),
            required(t, "sponsorName", euctrIndex), required(t, "fullTitle", euctrIndex),
            required(t, "medicalCondition", euctrIndex), required(t, "populationAge", euctrIndex),
            required(t, "gender", euctrIndex), states, text(REGISTRIES + "euctr/" + required(t, "file", euctrIndex))));
      }
      return new RegistrySnapshot(chictr, irct, text(REGISTRIES + "isrctn/api-response.xml"), euctr);
    }

    private static String required(final JsonNode node, final String field, final String resource) {
      final String value = node.path(field).asText("");
      if (value.isBlank()) {
        throw new IllegalStateException("Resource " + ROOT + resource + ": an entry has no '" + field + "': " + node);
      }
      return value;
    }

    private static LocalDate date(final JsonNode node, final String field, final String resource) {
      final String value = required(node, field, resource);
      try {
        return LocalDate.parse(value);
      } catch (final DateTimeParseException e) {
        throw new IllegalStateException("Resource " + ROOT + resource + ": '" + field + "' is not an ISO date: " + value, e);
      }
    }

    private static JsonNode json(final String name) {
      try {
        return MAPPER.readTree(text(name));
      } catch (final JsonProcessingException e) {
        throw new IllegalStateException("Resource " + ROOT + name + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
    }

    private static String text(final String name) {
      try (InputStream in = OfflineSnapshot.class.getResourceAsStream(ROOT + name)) {
        if (in == null) {
          throw new IllegalStateException("Resource " + ROOT + name + " is missing from the classpath (package "
              + OfflineSnapshot.class.getPackageName() + ")");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (final IOException e) {
        throw new UncheckedIOException("Could not read resource " + ROOT + name, e);
      }
    }
  }
}
