package io.exowatch.enrich.classify.internal;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.StudyKind;
import java.util.List;
import java.util.Set;

/**
 * One vocabulary term: a phrase, what it means, and where the curator wrote it.
 *
 * @param id the term's index in its vocabulary
 * @param kind what it means
 * @param phrase the phrase as written (a trailing {@code *} means "and any ending")
 * @param line the line of the vocabulary file
 * @param flags the flags of its section
 * @param productType its ProductType label, or {@code null}
 * @param mscSource its MscSource label, or {@code null}
 * @param route its Route label, or {@code null}
 * @param conditionAreas its ConditionArea labels
 * @param applications its Application labels
 * @param studyKind its StudyKind label, or {@code null}
 */
public record Term(int id, Kind kind, String phrase, int line, Set<String> flags, ProductType productType,
    MscSource mscSource, Route route, List<ConditionArea> conditionAreas, List<Application> applications,
    StudyKind studyKind) {

  /** Whether the section set a flag. */
  public boolean has(final String flag) {
    return flags.contains(flag);
  }

  /** Whether this term is weak (see the kinds). */
  public boolean weak() {
    return flags.contains("weak");
  }

  /** Whether the phrase may continue after its last written letter. */
  public boolean prefix() {
    return phrase.endsWith("*");
  }
}
