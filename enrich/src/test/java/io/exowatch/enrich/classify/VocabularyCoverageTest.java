package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The field's vocabulary, one phrase at a time, each in a small trial otherwise neutral: synonyms and
 * abbreviations of MSCs and vesicles, tissue names, brand names, route phrases, cargo phrases, and the
 * near-miss phrases that must not become MSC vesicle therapy.
 */
class VocabularyCoverageTest {

  private static final Classifier CLASSIFIER = new Classifier();

  private static Classification classify(final String title, final String intervention, final String description) {
    return CLASSIFIER.classify(Trials.trial(title, intervention, description, "Knee Osteoarthritis"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "MSC                                   | UNSPECIFIED",
      "MSCs                                  | UNSPECIFIED",
      "hMSC                                  | UNSPECIFIED",
      "BM-MSC                                | BONE_MARROW",
      "BMSC                                  | BONE_MARROW",
      "UC-MSC                                | UMBILICAL_CORD",
      "hUCMSC                                | UMBILICAL_CORD",
      "WJ-MSC                                | UMBILICAL_CORD",
      "ADSC                                  | ADIPOSE",
      "ASC                                   | ADIPOSE",
      "AD-MSC                                | ADIPOSE",
      "mesenchymal stromal cell              | UNSPECIFIED",
      "mesenchymal progenitor cell           | UNSPECIFIED",
      "multipotent stromal cell              | UNSPECIFIED",
      "DPSC                                  | DENTAL_PULP",
      "SHED-derived                          | DENTAL_PULP",
      "MenSC                                 | ENDOMETRIAL",
      "iMSC                                  | IPSC",
  })
  void shouldRecogniseMscSynonymsAndAbbreviations(final String msc, final MscSource source) {
    final Classification c = classify(msc + "-derived Exosomes in Knee Osteoarthritis", msc + " exosomes",
        "Single intra-articular injection");
    assertThat(c.getCategory()).as(c.toString()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getMscSources()).as(c.toString()).containsExactly(source);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "exosomes                              | EXOSOME",
      "sEVs                                  | EXOSOME",
      "small extracellular vesicles          | EXOSOME",
      "Exos                                  | EXOSOME",
      "EVs                                   | EXTRACELLULAR_VESICLE",
      "extracellular vesicles                | EXTRACELLULAR_VESICLE",
      "microvesicles                         | EXTRACELLULAR_VESICLE",
      "nanovesicles                          | EXTRACELLULAR_VESICLE",
      "nano vesicles                         | EXTRACELLULAR_VESICLE",
      "apoptotic bodies                      | EXTRACELLULAR_VESICLE",
      "vesicles                              | EXTRACELLULAR_VESICLE",
  })
  void shouldRecogniseVesicleWords(final String vesicle, final ProductType type) {
    final Classification c = classify("MSC-" + vesicle + " in Knee Osteoarthritis", "MSC-" + vesicle,
        "Single intra-articular injection");
    assertThat(c.getCategory()).as(c.toString()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getProductTypes()).as(c.toString()).containsExactly(type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Wharton's jelly mesenchymal stem cells            | UMBILICAL_CORD",
      "umbilical cord blood mesenchymal stem cells       | UMBILICAL_CORD",
      "amnion mesenchymal stem cells                     | PLACENTA",
      "chorion mesenchymal stem cells                    | PLACENTA",
      "decidua mesenchymal stromal cells                 | PLACENTA",
      "placenta-derived mesenchymal stem cells           | PLACENTA",
      "stem cells from human exfoliated deciduous teeth  | DENTAL_PULP",
      "periodontal ligament stem cells                   | DENTAL_PULP",
      "dental pulp stem cells                            | DENTAL_PULP",
      "menstrual blood-derived stem cells                | ENDOMETRIAL",
      "iPSC-derived mesenchymal stem cells               | IPSC",
      "synovium-derived mesenchymal stem cells           | SYNOVIAL",
      "bone marrow mesenchymal stem cells                | BONE_MARROW",
      "adipose tissue-derived mesenchymal stem cells     | ADIPOSE",
  })
  void shouldReadTheTissueOfTheMscs(final String cells, final MscSource source) {
    final Classification c = classify("Exosomes Derived From " + cells + " in Knee Osteoarthritis", "Exosomes",
        "Exosomes isolated from " + cells + ", single intra-articular injection");
    assertThat(c.getCategory()).as(c.toString()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getMscSources()).as(c.toString()).containsExactly(source);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ExoFlo    | BONE_MARROW",
      "AGLE-102  | BONE_MARROW",
      "UNEX-42   | BONE_MARROW",
  })
  void shouldKnowMscVesicleBrands(final String brand, final MscSource source) {
    final Classification c = classify("Safety of " + brand + " in Knee Osteoarthritis", brand, "Given once");
    assertThat(c.getCategory()).as(c.toString()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getMscSources()).as(c.toString()).containsExactly(source);
    assertThat(c.getProductTypes()).containsExactly(ProductType.EXTRACELLULAR_VESICLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "nebulised twice daily                      | INHALATION",
      "nebulized for 5 days                       | INHALATION",
      "by aerosol                                 | INHALATION",
      "inhaled once daily                         | INHALATION",
      "as eye drops                               | OCULAR",
      "by intravitreal injection                  | OCULAR",
      "by subconjunctival injection               | OCULAR",
      "by nasal drip                              | INTRANASAL",
      "as a nasal spray                           | INTRANASAL",
      "by stereotactic injection                  | INTRACEREBRAL",
      "by intra-articular injection               | INTRA_ARTICULAR",
      "by intrauterine infusion                   | INTRAUTERINE",
      "by intradermal injection                   | LOCAL_INJECTION",
      "by perianal injection                      | LOCAL_INJECTION",
      "by intrathecal injection                   | INTRATHECAL",
      "by intra-arterial infusion                 | INTRA_ARTERIAL",
      "in a topical gel                           | TOPICAL",
      "in a wound dressing                        | TOPICAL",
      "orally                                     | ORAL",
      "intravenously                              | INTRAVENOUS",
      "given IV                                   | INTRAVENOUS",
  })
  void shouldReadRoutePhrases(final String phrase, final Route route) {
    final Classification c = classify("MSC Exosomes in Knee Osteoarthritis", "MSC exosomes",
        "Umbilical cord MSC exosomes given " + phrase);
    assertThat(c.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getRoutes()).as(c.toString()).containsExactly(route);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "MSC exosomes loaded with KRAS G12D siRNA           | siRNA KRAS G12D",
      "miR-124-enriched MSC exosomes                      | miR-124",
      "MSC exosomes enriched in miR-21-5p                 | miR-21-5p",
      "engineered MSC exosomes carrying TNF-alpha shRNA   | shRNA TNF",
      "MSC exosomes overexpressing miR-140                | miR-140",
      "MSC exosomes loaded with paclitaxel                | paclitaxel",
  })
  void shouldReadEngineeredCargo(final String description, final String detail) {
    final Classification c = classify("MSC Exosomes in Knee Osteoarthritis", "MSC exosomes",
        description + ", intra-articular");
    assertThat(c.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getCargo()).as(c.toString()).hasToString("ENGINEERED");
    assertThat(c.getCargoDetail()).as(c.toString()).isEqualTo(detail);
    assertThat(c.getApplications()).as(c.toString()).extracting(Enum::name).contains("DELIVERY");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "MSC exosomes, EV-enriched fraction, intra-articular",
      "MSC exosomes; outcome on the modified Rankin scale",
      "MSC exosomes manufactured under GMP in serum-free medium",
  })
  void shouldKeepNativeCargoNative(final String description) {
    final Classification c = classify("MSC Exosomes in Knee Osteoarthritis", "MSC exosomes", description);
    assertThat(c.getCargo()).as(c.toString()).hasToString("NATIVE");
    assertThat(c.getCargoDetail()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Exosomes Derived From Dendritic Cells in Lung Cancer          | Dendritic cell exosomes    | Given subcutaneously               | OTHER_EV_THERAPY",
      "Plasma-derived Exosomes for Wound Healing                     | Plasma exosomes            | Topical application                | OTHER_EV_THERAPY",
      "Grape Exosomes for Oral Mucositis                             | Grape exosomes             | Taken orally once daily            | OTHER_EV_THERAPY",
      "Cord Blood Serum Exosomes for Dry Eye                         | Cord blood serum exosomes  | Eye drops                          | OTHER_EV_THERAPY",
      "Tumor Cell-derived Microparticles in Malignant Ascites        | TMPs                       | Tumor cell-derived microparticles, intraperitoneal | OTHER_EV_THERAPY",
      "Milk-derived Exosomes in Preterm Infants                      | Milk exosomes              | Given orally                       | OTHER_EV_THERAPY",
      "Bacteria-derived Extracellular Vesicles in Atopic Dermatitis  | Lactobacillus EVs          | Topical cream                      | OTHER_EV_THERAPY",
      "Platelet-derived Extracellular Vesicles in Tendinopathy       | Platelet EVs               | Local injection                    | OTHER_EV_THERAPY",
      "Exosomal miRNA as Biomarker of Knee Osteoarthritis Progression | Blood sampling            | Exosomal miRNA measured in plasma   | EV_DIAGNOSTIC",
      "Umbilical Cord MSCs for ARDS                                  | UC-MSC cells               | 1x10^6 cells/kg intravenously      | MSC_CELL_THERAPY",
      "Hematopoietic Stem Cell Transplantation in Myeloma            | Autologous stem cell transplantation | High-dose melphalan | UNRELATED",
  })
  void shouldNotMistakeNearMissesForMscVesicleTherapy(final String title, final String intervention,
      final String description, final Category expected) {
    final Classification c = classify(title, intervention, description);
    assertThat(c.getCategory()).as(c.toString()).isEqualTo(expected);
  }
}
