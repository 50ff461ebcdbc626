package io.exowatch.enrich.classify.internal;

import java.util.Locale;

/**
 * What an intervention's type, as its registry states it, says about how a product is used. Each
 * registry has its own words: ClinicalTrials.gov {@code BIOLOGICAL}, {@code DRUG},
 * {@code DIAGNOSTIC_TEST}; ISRCTN {@code Biological/Vaccine}, {@code Drug}, {@code Device}; IRCT
 * {@code Treatment - Drugs}, {@code Treatment - Other}, {@code Diagnosis}, {@code Screening}; EU CTR
 * {@code IMP} (an investigational medicinal product); ICTRP rows the CT.gov-like words.
 */
public final class InterventionTypes {

  /** The use a type points to. */
  public enum Cue {
    /** A treatment: a drug, biological, medicinal product. */
    THERAPY,
    /** A test of patients or samples. */
    DIAGNOSTIC,
    /** A device: leans diagnostic, weakly. */
    DEVICE,
    /** Says nothing either way (other, procedure, behavioural, unknown). */
    NONE
  }

  private InterventionTypes() {
  }

  /** The cue of {@code type} (any case; {@code null} is {@link Cue#NONE}). */
  public static Cue cue(final String type) {
    if (type == null) {
      return Cue.NONE;
    }
    final String t = type.strip().toUpperCase(Locale.ROOT);
    if (t.startsWith("TREATMENT")) {
      // IRCT: "Treatment - Drugs", "Treatment - Devices", "Treatment - Other": given to treat patients.
      return Cue.THERAPY;
    }
    return switch (t) {
      case "BIOLOGICAL", "DRUG", "GENETIC", "COMBINATION_PRODUCT", "BIOLOGICAL/VACCINE", "BIOLOGICAL / VACCINE",
          "IMP", "INVESTIGATIONAL MEDICINAL PRODUCT" -> Cue.THERAPY;
      case "DIAGNOSTIC_TEST", "DIAGNOSTIC TEST", "DIAGNOSIS", "DIAGNOSTIC", "SCREENING" -> Cue.DIAGNOSTIC;
      case "DEVICE" -> Cue.DEVICE;
      default -> Cue.NONE;
    };
  }
}
