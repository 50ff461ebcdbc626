package io.exowatch.app.offline.internal;

import java.util.List;

/**
 * The words synthetic studies are made of, drawn from the field CLASSIFICATION.md describes: MSC
 * tissue sources, vesicle product names, routes with their dosing phrases, conditions with the routes
 * and applications trials use for them, engineered cargoes, non-MSC vesicle sources, EV biomarker
 * studies, secretome products, unrelated near misses, and sponsors with their sites.
 */
public final class SyntheticVocabulary {

  private SyntheticVocabulary() {
  }

  /**
   * An MSC tissue source.
   *
   * @param name the long name, e.g. "human umbilical cord mesenchymal stem cells"
   * @param abbreviation e.g. "hUC-MSC"
   * @param origin where the cells come from, for the detailed description
   */
  public record MscSource(String name, String abbreviation, String origin) {
  }

  /**
   * A vesicle product name.
   *
   * @param plural e.g. "small extracellular vesicles"
   * @param suffix the abbreviation suffix, e.g. "sEVs"
   */
  public record Product(String plural, String suffix) {
  }

  /**
   * A route of administration.
   *
   * @param code the CLASSIFICATION.md route label
   * @param adjective e.g. "nebulized"
   * @param how the dosing phrase, e.g. "aerosol inhalation with a vibrating-mesh nebulizer"
   */
  public record Route(String code, String adjective, String how) {
  }

  /**
   * A condition MSC products are tried in.
   *
   * @param name the condition as registries list it
   * @param area the condition area label
   * @param routes route codes trials use for it
   * @param application REGENERATIVE or IMMUNOMODULATORY
   * @param outcome the primary efficacy outcome
   * @param inclusion the disease-specific inclusion criterion
   */
  public record Condition(String name, String area, List<String> routes, String application, String outcome,
      String inclusion) {
  }

  /**
   * An engineered cargo for delivery trials.
   *
   * @param name e.g. "siRNA against KRAS G12D"
   * @param loading how it is loaded
   * @param condition the cancer or disease treated
   * @param route the route code
   */
  public record Cargo(String name, String loading, String condition, String route) {
  }

  /**
   * Vesicles from a non-MSC source.
   *
   * @param name e.g. "grape exosome-like nanoparticles"
   * @param abbreviation short name
   * @param condition what they are given for
   * @param how the dosing phrase
   * @param type the registry intervention type
   */
  public record OtherVesicle(String name, String abbreviation, String condition, String how, String type) {
  }

  /**
   * An EV biomarker study.
   *
   * @param biomarker e.g. "exosomal PD-L1"
   * @param sample the specimen
   * @param condition the disease
   * @param purpose what the test should do
   */
  public record Diagnostic(String biomarker, String sample, String condition, String purpose) {
  }

  /**
   * A study that shares words with the field but is outside it.
   *
   * @param title the brief title
   * @param condition the condition
   * @param type the intervention type
   * @param intervention the intervention name
   * @param summary the brief summary
   */
  public record Unrelated(String title, String condition, String type, String intervention, String summary) {
  }

  /**
   * A sponsor and its site.
   *
   * @param sponsor the lead sponsor
   * @param sponsorClass OTHER or INDUSTRY
   * @param facility the site
   * @param city the city
   * @param state the state or province, or {@code null}
   * @param country the country as ClinicalTrials.gov spells it
   * @param lat latitude
   * @param lon longitude
   * @param style the phrasing of the registration: "en", "zh" or "fa" (Chinese and Iranian sponsors' English)
   */
  public record Sponsor(String sponsor, String sponsorClass, String facility, String city, String state, String country,
      double lat, double lon, String style) {
  }

  /** MSC tissue sources (UNSPECIFIED included as "allogeneic mesenchymal stromal cells"). */
  public static final List<MscSource> MSC_SOURCES = List.of(
      new MscSource("human umbilical cord mesenchymal stem cells", "hUC-MSC", "umbilical cords donated after full-term caesarean deliveries"),
      new MscSource("Wharton's jelly-derived mesenchymal stromal cells", "WJ-MSC", "the Wharton's jelly of donated umbilical cords"),
      new MscSource("bone marrow mesenchymal stem cells", "BM-MSC", "iliac crest bone marrow aspirates of healthy donors"),
      new MscSource("adipose tissue-derived mesenchymal stem cells", "AD-MSC", "lipoaspirates of healthy donors"),
      new MscSource("human placental mesenchymal stem cells", "hP-MSC", "term placentas obtained after caesarean section"),
      new MscSource("amniotic membrane mesenchymal stem cells", "hAM-MSC", "amniotic membranes of term placentas"),
      new MscSource("dental pulp stem cells", "DPSC", "the dental pulp of extracted third molars"),
      new MscSource("stem cells from human exfoliated deciduous teeth", "SHED", "the pulp of naturally exfoliated deciduous teeth"),
      new MscSource("menstrual blood-derived endometrial stem cells", "MenSC", "menstrual blood of healthy volunteers"),
      new MscSource("synovial membrane mesenchymal stem cells", "SMSC", "synovium harvested during arthroscopy"),
      new MscSource("induced pluripotent stem cell-derived mesenchymal stromal cells", "iMSC", "a clonal GMP-grade induced pluripotent stem cell line"),
      new MscSource("allogeneic mesenchymal stromal cells", "MSC", "a characterised master cell bank"),
      new MscSource("umbilical cord blood mesenchymal stem cells", "UCB-MSC", "cryopreserved umbilical cord blood units"),
      new MscSource("periodontal ligament stem cells", "PDLSC", "the periodontal ligament of extracted premolars"));

  /** Names of vesicle products. */
  public static final List<Product> PRODUCTS = List.of(
      new Product("exosomes", "Exos"), new Product("exosomes", "Exo"), new Product("small extracellular vesicles", "sEVs"),
      new Product("extracellular vesicles", "EVs"), new Product("microvesicles", "MVs"), new Product("nanovesicles", "NVs"));

  /** Routes, by code. */
  public static final List<Route> ROUTES = List.of(
      new Route("INTRAVENOUS", "intravenous", "intravenous infusion over 30 minutes"),
      new Route("INHALATION", "nebulized", "aerosol inhalation with a vibrating-mesh nebulizer once daily"),
      new Route("INTRANASAL", "intranasal", "nasal drops into each nostril twice a week"),
      new Route("TOPICAL", "topical", "topical application in a carbomer hydrogel on the lesion, covered by a dressing"),
      new Route("OCULAR", "ophthalmic", "eye drops, one drop four times a day"),
      new Route("INTRA_ARTICULAR", "intra-articular", "ultrasound-guided intra-articular injection"),
      new Route("LOCAL_INJECTION", "local", "local injection into and around the lesion"),
      new Route("INTRACEREBRAL", "intracerebral", "stereotactic intraparenchymal injection into the peri-infarct area"),
      new Route("INTRATHECAL", "intrathecal", "intrathecal injection by lumbar puncture"),
      new Route("INTRAUTERINE", "intrauterine", "intrauterine infusion after hysteroscopic adhesiolysis"),
      new Route("INTRA_ARTERIAL", "intra-arterial", "selective intra-arterial infusion through a microcatheter"),
      new Route("ORAL", "oral", "oral enteric-coated capsules twice daily"));

  /** Conditions MSC products are tried in. */
  public static final List<Condition> CONDITIONS = List.of(
      new Condition("Acute Respiratory Distress Syndrome", "RESPIRATORY", List.of("INTRAVENOUS", "INHALATION"), "IMMUNOMODULATORY",
          "Change in PaO2/FiO2 ratio", "ARDS according to the Berlin definition"),
      new Condition("COVID-19 Pneumonia", "INFECTIOUS", List.of("INHALATION", "INTRAVENOUS"), "IMMUNOMODULATORY",
          "Time to clinical improvement", "SARS-CoV-2 infection confirmed by RT-PCR with pneumonia on chest CT"),
      new Condition("Idiopathic Pulmonary Fibrosis", "RESPIRATORY", List.of("INHALATION", "INTRAVENOUS"), "REGENERATIVE",
          "Change in forced vital capacity", "IPF diagnosed according to the ATS/ERS/JRS/ALAT guideline"),
      new Condition("Bronchopulmonary Dysplasia", "RESPIRATORY", List.of("INTRAVENOUS"), "REGENERATIVE",
          "Survival without moderate or severe BPD at 36 weeks postmenstrual age", "Preterm infants born at 23 to 28 weeks of gestation"),
      new Condition("Knee Osteoarthritis", "MUSCULOSKELETAL", List.of("INTRA_ARTICULAR"), "REGENERATIVE",
          "Change in WOMAC score", "Kellgren-Lawrence grade 2 or 3 knee osteoarthritis with pain for at least 6 months"),
      new Condition("Rotator Cuff Tear", "MUSCULOSKELETAL", List.of("LOCAL_INJECTION"), "REGENERATIVE",
          "Retear rate on MRI", "Full-thickness rotator cuff tear scheduled for arthroscopic repair"),
      new Condition("Diabetic Foot Ulcer", "DERMATOLOGY", List.of("TOPICAL"), "REGENERATIVE",
          "Percentage of wound area reduction", "Wagner grade 1 or 2 foot ulcer present for more than 4 weeks"),
      new Condition("Deep Second-degree Burn", "DERMATOLOGY", List.of("TOPICAL"), "REGENERATIVE",
          "Time to complete re-epithelialization", "Deep partial-thickness burn of 5 to 20% of body surface area"),
      new Condition("Androgenetic Alopecia", "DERMATOLOGY", List.of("LOCAL_INJECTION", "TOPICAL"), "REGENERATIVE",
          "Change in hair density by phototrichogram", "Norwood-Hamilton stage III to V or Ludwig stage I to II"),
      new Condition("Dry Eye Disease", "OPHTHALMOLOGY", List.of("OCULAR"), "IMMUNOMODULATORY",
          "Change in Ocular Surface Disease Index", "Dry eye with tear break-up time \\< 10 seconds"),
      new Condition("Refractory Macular Hole", "OPHTHALMOLOGY", List.of("OCULAR"), "REGENERATIVE",
          "Macular hole closure on optical coherence tomography", "Macular hole \\>= 400 µm or persisting after vitrectomy"),
      new Condition("Acute Ischemic Stroke", "NEUROLOGY", List.of("INTRAVENOUS", "INTRACEREBRAL", "INTRANASAL"), "REGENERATIVE",
          "Modified Rankin Scale at 90 days", "Acute ischaemic stroke in the anterior circulation confirmed by MRI"),
      new Condition("Alzheimer Disease", "NEUROLOGY", List.of("INTRANASAL", "INTRAVENOUS"), "REGENERATIVE",
          "Change in ADAS-cog score", "Mild to moderate Alzheimer's disease with MMSE 10 to 26"),
      new Condition("Amyotrophic Lateral Sclerosis", "NEUROLOGY", List.of("INTRATHECAL"), "REGENERATIVE",
          "Slope of ALSFRS-R decline", "Probable or definite ALS by revised El Escorial criteria"),
      new Condition("Spinal Cord Injury", "NEUROLOGY", List.of("INTRATHECAL", "LOCAL_INJECTION"), "REGENERATIVE",
          "Change in ASIA motor score", "Chronic traumatic spinal cord injury, ASIA grade A or B"),
      new Condition("Chronic Kidney Disease", "NEPHROLOGY", List.of("INTRAVENOUS"), "REGENERATIVE",
          "Change in estimated glomerular filtration rate", "CKD stage 3 or 4 with eGFR 15 to 59 mL/min/1.73 m²"),
      new Condition("Acute Kidney Injury", "NEPHROLOGY", List.of("INTRAVENOUS", "INTRA_ARTERIAL"), "REGENERATIVE",
          "Incidence of AKI by KDIGO criteria", "High risk of acute kidney injury after cardiac surgery"),
      new Condition("Type 1 Diabetes Mellitus", "ENDOCRINE_METABOLIC", List.of("INTRAVENOUS"), "IMMUNOMODULATORY",
          "Change in stimulated C-peptide", "Type 1 diabetes diagnosed within the last 12 months with detectable C-peptide"),
      new Condition("Acute Graft-versus-host Disease", "IMMUNE", List.of("INTRAVENOUS"), "IMMUNOMODULATORY",
          "Overall response rate at day 28", "Steroid-refractory acute GvHD grade II to IV after allogeneic HSCT"),
      new Condition("Systemic Lupus Erythematosus", "IMMUNE", List.of("INTRAVENOUS"), "IMMUNOMODULATORY",
          "SLE Responder Index-4 at week 24", "SLE by 2019 EULAR/ACR criteria with SLEDAI-2K \\>= 6"),
      new Condition("Acute Myocardial Infarction", "CARDIOVASCULAR", List.of("INTRA_ARTERIAL", "INTRAVENOUS"), "REGENERATIVE",
          "Change in left ventricular ejection fraction", "First anterior STEMI treated with primary PCI within 12 hours"),
      new Condition("Decompensated Liver Cirrhosis", "HEPATOLOGY", List.of("INTRAVENOUS", "INTRA_ARTERIAL"), "REGENERATIVE",
          "Change in MELD score", "Decompensated cirrhosis, Child-Pugh B or C"),
      new Condition("Intrauterine Adhesions", "REPRODUCTIVE", List.of("INTRAUTERINE"), "REGENERATIVE",
          "Endometrial thickness at the late proliferative phase", "Moderate to severe intrauterine adhesions (AFS score \\>= 5)"),
      new Condition("Premature Ovarian Insufficiency", "REPRODUCTIVE", List.of("LOCAL_INJECTION"), "REGENERATIVE",
          "Resumption of menstruation", "Premature ovarian insufficiency with FSH \\> 25 IU/L on two occasions"),
      new Condition("Perianal Fistula in Crohn's Disease", "GASTROINTESTINAL", List.of("LOCAL_INJECTION"), "IMMUNOMODULATORY",
          "Combined remission at week 24", "Complex perianal fistula refractory to anti-TNF therapy"),
      new Condition("Ulcerative Colitis", "GASTROINTESTINAL", List.of("INTRAVENOUS", "ORAL"), "IMMUNOMODULATORY",
          "Clinical remission by Mayo score", "Moderately to severely active ulcerative colitis, Mayo score 6 to 12"),
      new Condition("Periodontitis", "DENTAL_ORAL", List.of("LOCAL_INJECTION"), "REGENERATIVE",
          "Clinical attachment level gain", "Stage III periodontitis with an intrabony defect \\>= 3 mm"),
      new Condition("Healthy Volunteers", "HEALTHY_VOLUNTEERS", List.of("INTRAVENOUS", "INHALATION"), "IMMUNOMODULATORY",
          "Incidence of adverse events", "Healthy adults with normal laboratory values and lung function"));

  /** Engineered cargoes and the trials that deliver them. */
  public static final List<Cargo> CARGOES = List.of(
      new Cargo("siRNA against KRAS G12D", "electroporation", "Metastatic Pancreatic Ductal Adenocarcinoma", "INTRAVENOUS"),
      new Cargo("miR-124", "lentiviral transfection of the parent cells", "Acute Ischemic Stroke", "INTRACEREBRAL"),
      new Cargo("miR-199a", "electroporation", "Hepatocellular Carcinoma", "INTRA_ARTERIAL"),
      new Cargo("miR-146a", "transfection of the parent cells", "Acute Respiratory Distress Syndrome", "INHALATION"),
      new Cargo("paclitaxel", "sonication", "Recurrent Glioblastoma", "INTRACEREBRAL"),
      new Cargo("mRNA encoding interleukin-10", "transfection of the parent cells", "Ulcerative Colitis", "INTRAVENOUS"),
      new Cargo("antisense oligonucleotide against STAT3", "incubation with cholesterol-conjugated oligonucleotides", "Advanced Hepatocellular Carcinoma", "INTRAVENOUS"),
      new Cargo("doxorubicin", "incubation at 37 °C", "Osteosarcoma", "INTRAVENOUS"));

  /** Vesicles from non-MSC sources. */
  public static final List<OtherVesicle> OTHER_VESICLES = List.of(
      new OtherVesicle("dendritic cell-derived exosomes loaded with MAGE tumour antigens", "Dex", "Advanced Melanoma", "intradermal injection every 2 weeks", "BIOLOGICAL"),
      new OtherVesicle("COVID-19 specific T cell-derived exosomes", "CSTC-Exo", "COVID-19 Pneumonia", "aerosol inhalation once daily for 5 days", "BIOLOGICAL"),
      new OtherVesicle("tumour cell-derived microparticles packaging methotrexate", "TMP-MTX", "Malignant Pleural Effusion", "intrapleural perfusion once weekly", "DRUG"),
      new OtherVesicle("grape exosome-like nanoparticles", "GELN", "Oral Mucositis", "oral rinse and swallow once daily during chemoradiation", "DIETARY_SUPPLEMENT"),
      new OtherVesicle("ginger-derived exosome-like nanovesicles", "GDEN", "Ulcerative Colitis", "oral capsules twice daily", "DIETARY_SUPPLEMENT"),
      new OtherVesicle("autologous plasma-derived exosomes", "PEx", "Chronic Cutaneous Ulcer", "topical application daily", "BIOLOGICAL"),
      new OtherVesicle("platelet-derived extracellular vesicles", "pEV", "Chronic Venous Leg Ulcer", "topical gel twice weekly", "BIOLOGICAL"),
      new OtherVesicle("umbilical cord blood serum exosomes", "UCBS-Exo", "Severe Dry Eye Disease", "eye drops six times a day", "BIOLOGICAL"),
      new OtherVesicle("bovine milk-derived extracellular vesicles", "mEV", "Necrotizing Enterocolitis Prevention in Preterm Infants", "enteral feeding supplement daily", "DIETARY_SUPPLEMENT"),
      new OtherVesicle("HEK293-derived exosomes overexpressing CD24", "EXO-CD24", "Acute Respiratory Distress Syndrome", "inhalation once daily for 5 days", "DRUG"),
      new OtherVesicle("red blood cell-derived extracellular vesicles loaded with antisense oligonucleotides", "RBCEV-ASO", "Acute Myeloid Leukemia", "intravenous infusion weekly", "DRUG"),
      new OtherVesicle("bacterial outer membrane vesicles", "OMV", "Meningococcal Disease Prevention", "intramuscular injection, two doses 4 weeks apart", "BIOLOGICAL"));

  /** EV biomarker studies. */
  public static final List<Diagnostic> DIAGNOSTICS = List.of(
      new Diagnostic("exosomal PD-L1", "plasma", "Non-small Cell Lung Cancer", "predict the response to immune checkpoint inhibitors"),
      new Diagnostic("urinary extracellular vesicle proteome", "urine", "Diabetic Kidney Disease", "detect early diabetic kidney disease"),
      new Diagnostic("exosomal microRNA panel", "serum", "Pre-Eclampsia", "predict pre-eclampsia before 20 weeks of gestation"),
      new Diagnostic("tumour-derived exosomal glypican-1", "plasma", "Pancreatic Ductal Adenocarcinoma", "detect early-stage pancreatic cancer"),
      new Diagnostic("exosomal RNA (EGFRvIII)", "plasma", "Glioblastoma", "distinguish progression from pseudoprogression"),
      new Diagnostic("exosomal miR-21", "saliva", "Oral Squamous Cell Carcinoma", "screen potentially malignant oral lesions"),
      new Diagnostic("neuron-derived exosomal alpha-synuclein", "plasma", "Parkinson Disease", "diagnose early Parkinson's disease"),
      new Diagnostic("urine exosome gene expression score", "urine", "Prostate Cancer", "decide on initial prostate biopsy"),
      new Diagnostic("exosomal long non-coding RNA signature", "serum", "Hepatocellular Carcinoma", "improve surveillance of patients with cirrhosis"),
      new Diagnostic("extracellular vesicle-bound microRNAs", "bronchoalveolar lavage fluid", "Lung Transplant Rejection", "predict chronic lung allograft dysfunction"),
      new Diagnostic("circulating MSC-derived extracellular vesicles", "plasma", "Graft vs Host Disease", "predict the response to MSC infusions given as routine care"));

  /** Secretome products (no isolated vesicle fraction). */
  public static final List<Product> SECRETOMES = List.of(
      new Product("conditioned medium", "CM"), new Product("secretome", "Sec"), new Product("cell-free lysate", "Lys"),
      new Product("lyophilized secretome", "LS"), new Product("hypoxia-preconditioned secretome", "HP-Sec"));

  /** Near misses outside the field. */
  public static final List<Unrelated> UNRELATED = List.of(
      new Unrelated("Platelet-rich Plasma Injection Versus Hyaluronic Acid in Knee Osteoarthritis", "Knee Osteoarthritis", "BIOLOGICAL", "Leukocyte-poor platelet-rich plasma",
          "Patients with knee osteoarthritis receive three intra-articular injections of leukocyte-poor platelet-rich plasma or hyaluronic acid."),
      new Unrelated("Autologous Hematopoietic Stem Cell Transplantation in Aggressive Multiple Sclerosis", "Multiple Sclerosis", "PROCEDURE", "aHSCT",
          "Autologous haematopoietic stem cells are reinfused after cyclophosphamide and anti-thymocyte globulin conditioning."),
      new Unrelated("Remote Ischemic Conditioning in Patients With Acute Ischemic Stroke", "Acute Ischemic Stroke", "DEVICE", "Remote ischemic conditioning",
          "A blood pressure cuff on the upper arm is inflated to 200 mmHg for five cycles of 5 minutes before thrombectomy."),
      new Unrelated("Vitamin D Supplementation and Insulin Resistance in Polycystic Ovary Syndrome", "Polycystic Ovary Syndrome", "DIETARY_SUPPLEMENT", "Cholecalciferol",
          "Women with PCOS and vitamin D deficiency receive cholecalciferol 50,000 IU weekly or placebo for 12 weeks."),
      new Unrelated("Embryo Culture in Endometrial Cell Conditioned Medium in IVF", "Infertility", "OTHER", "Conditioned medium embryo culture",
          "Embryos are cultured in medium conditioned by autologous endometrial epithelial cells or in sequential medium."),
      new Unrelated("CD19-directed CAR-T Cells in Relapsed Large B-cell Lymphoma", "Diffuse Large B-cell Lymphoma", "BIOLOGICAL", "CD19 CAR-T cells",
          "Autologous T cells transduced with a CD19 chimeric antigen receptor are infused after lymphodepletion."),
      new Unrelated("High-intensity Interval Training After Kidney Transplantation", "Kidney Transplantation", "BEHAVIORAL", "HIIT programme",
          "Kidney transplant recipients follow a supervised 12-week high-intensity interval training programme."),
      new Unrelated("Probiotic Supplementation in Irritable Bowel Syndrome", "Irritable Bowel Syndrome", "DIETARY_SUPPLEMENT", "Multi-strain probiotic",
          "Adults with IBS-D take a multi-strain probiotic or placebo daily for 8 weeks."),
      new Unrelated("Low-dose Aspirin for Prevention of Pre-eclampsia in High-risk Pregnancies", "Pre-Eclampsia", "DRUG", "Aspirin 150 mg",
          "Women at high risk of pre-eclampsia take aspirin 150 mg at night from 12 to 36 weeks of gestation."),
      new Unrelated("Limbal Stem Cell Transplantation for Limbal Stem Cell Deficiency", "Limbal Stem Cell Deficiency", "PROCEDURE", "Cultivated limbal epithelial transplantation",
          "Autologous limbal epithelial stem cells expanded on amniotic membrane are transplanted to the affected eye."));

  /** Sponsors and their sites. */
  public static final List<Sponsor> SPONSORS = List.of(
      new Sponsor("Ruijin Hospital", "OTHER", "Ruijin Hospital", "Shanghai", "Shanghai", "China", 31.22222, 121.45806, "zh"),
      new Sponsor("West China Hospital", "OTHER", "West China Hospital, Sichuan University", "Chengdu", "Sichuan", "China", 30.66667, 104.06667, "zh"),
      new Sponsor("The First Affiliated Hospital of Zhengzhou University", "OTHER", "The First Affiliated Hospital of Zhengzhou University", "Zhengzhou", "Henan", "China", 34.75778, 113.64861, "zh"),
      new Sponsor("Third Affiliated Hospital, Sun Yat-Sen University", "OTHER", "The Third Affiliated Hospital of Sun Yat-sen University", "Guangzhou", "Guangdong", "China", 23.11667, 113.25, "zh"),
      new Sponsor("Tianjin Medical University General Hospital", "OTHER", "Tianjin Medical University General Hospital", "Tianjin", "Tianjin", "China", 39.14222, 117.17667, "zh"),
      new Sponsor("Wuhan Union Hospital, China", "OTHER", "Union Hospital, Tongji Medical College", "Wuhan", "Hubei", "China", 30.58333, 114.26667, "zh"),
      new Sponsor("Shahid Beheshti University of Medical Sciences", "OTHER", "Taleghani Hospital", "Tehran", null, "Iran, Islamic Republic of", 35.69439, 51.42151, "fa"),
      new Sponsor("Royan Institute", "OTHER", "Royan Institute for Stem Cell Biology and Technology", "Tehran", null, "Iran, Islamic Republic of", 35.69439, 51.42151, "fa"),
      new Sponsor("Tabriz University of Medical Sciences", "OTHER", "Imam Reza Hospital", "Tabriz", null, "Iran, Islamic Republic of", 38.08, 46.2919, "fa"),
      new Sponsor("Isfahan University of Medical Sciences", "OTHER", "Al-Zahra Hospital", "Isfahan", null, "Iran, Islamic Republic of", 32.65246, 51.67462, "fa"),
      new Sponsor("Mashhad University of Medical Sciences", "OTHER", "Ghaem Hospital", "Mashhad", null, "Iran, Islamic Republic of", 36.29807, 59.60567, "fa"),
      new Sponsor("Cairo University", "OTHER", "Kasr El Aini Hospital", "Cairo", null, "Egypt", 30.06263, 31.24967, "en"),
      new Sponsor("Universitas Indonesia", "OTHER", "Cipto Mangunkusumo National General Hospital", "Jakarta", "DKI Jakarta", "Indonesia", -6.21462, 106.84513, "en"),
      new Sponsor("Seoul National University Hospital", "OTHER", "Seoul National University Hospital", "Seoul", null, "Korea, Republic of", 37.566, 126.9784, "en"),
      new Sponsor("Kyoto University Hospital", "OTHER", "Kyoto University Hospital", "Kyoto", null, "Japan", 35.02107, 135.75385, "en"),
      new Sponsor("Hacettepe University", "OTHER", "Hacettepe University Faculty of Medicine", "Ankara", null, "Turkey", 39.91987, 32.85427, "en"),
      new Sponsor("Hospital Universitario Virgen del Rocío", "OTHER", "Hospital Universitario Virgen del Rocío", "Sevilla", "Andalucía", "Spain", 37.38283, -5.97317, "en"),
      new Sponsor("Charité – Universitätsmedizin Berlin", "OTHER", "Charité Campus Virchow-Klinikum", "Berlin", null, "Germany", 52.52437, 13.41053, "en"),
      new Sponsor("Mayo Clinic", "OTHER", "Mayo Clinic in Rochester", "Rochester", "Minnesota", "United States", 44.02163, -92.4699, "en"),
      new Sponsor("University of Miami", "OTHER", "University of Miami Miller School of Medicine", "Miami", "Florida", "United States", 25.77427, -80.19366, "en"),
      new Sponsor("Vinmec Research Institute of Stem Cell and Gene Technology", "OTHER", "Vinmec Times City International Hospital", "Hanoi", null, "Vietnam", 21.0245, 105.84117, "en"),
      new Sponsor("Hospital Israelita Albert Einstein", "OTHER", "Hospital Israelita Albert Einstein", "São Paulo", "SP", "Brazil", -23.5475, -46.63611, "en"),
      new Sponsor("All India Institute of Medical Sciences, New Delhi", "OTHER", "AIIMS", "New Delhi", "Delhi", "India", 28.63576, 77.22445, "en"),
      new Sponsor("Belarusian Research Center for Pediatric Oncology, Hematology and Immunology", "OTHER", "Republican Scientific and Practical Center", "Minsk", null, "Belarus", 53.9, 27.56667, "en"),
      new Sponsor("Kazakh National Medical University", "OTHER", "City Clinical Hospital No. 7", "Almaty", null, "Kazakhstan", 43.25, 76.91667, "en"),
      new Sponsor("ExoNova Biotherapeutics Co., Ltd.", "INDUSTRY", "Peking University Third Hospital", "Beijing", "Beijing", "China", 39.9075, 116.39723, "zh"),
      new Sponsor("Vesiclera Bio, Inc.", "INDUSTRY", "Baylor College of Medicine", "Houston", "Texas", "United States", 29.76328, -95.36327, "en"),
      new Sponsor("Pars Cell Therapeutics", "INDUSTRY", "Firoozgar Hospital", "Tehran", null, "Iran, Islamic Republic of", 35.69439, 51.42151, "fa"));
}
