package io.exowatch.ingest.source;

/**
 * The default searches: MSC-EV therapy work under its many names (CLASSIFICATION.md): a vesicle or
 * secretome term together with an MSC term, plus the ExoFlo brand on its own. Each is in its
 * source's syntax. Deliberately broad: the enrich step tells therapies from diagnostics, non-MSC
 * vesicles and live-cell trials.
 *
 * <ul>
 *   <li>Vesicle and secretome terms: exosome(s), extracellular vesicle(s), small extracellular
 *       vesicles, EV(s), microvesicle(s), nanovesicle(s), secretome, conditioned medium/media.</li>
 *   <li>MSC terms: mesenchymal, stromal, MSC(s), stem cell(s), Wharton's jelly.</li>
 * </ul>
 */
public final class DefaultQueries {

  /** ClinicalTrials.gov v2 {@code query.term} (Essie syntax). */
  public static final String CTGOV = "((exosome OR exosomes OR \"extracellular vesicle\" OR \"extracellular vesicles\""
      + " OR \"small extracellular vesicles\" OR EV OR EVs OR microvesicle OR microvesicles OR nanovesicle"
      + " OR nanovesicles OR secretome OR \"conditioned medium\" OR \"conditioned media\")"
      + " AND (mesenchymal OR stromal OR MSC OR MSCs OR \"stem cell\" OR \"stem cells\" OR \"Wharton's jelly\"))"
      + " OR ExoFlo";

  /** PubMed {@code term} (title/abstract fields, truncation with {@code *}). */
  public static final String PUBMED = "((exosome*[tiab] OR \"extracellular vesicle*\"[tiab] OR EV[tiab] OR EVs[tiab]"
      + " OR microvesicle*[tiab] OR nanovesicle*[tiab] OR secretome*[tiab] OR \"conditioned medium\"[tiab]"
      + " OR \"conditioned media\"[tiab])"
      + " AND (mesenchymal[tiab] OR stromal[tiab] OR MSC[tiab] OR MSCs[tiab] OR \"stem cell*\"[tiab]"
      + " OR \"Wharton's jelly\"[tiab])) OR ExoFlo[tiab]";

  /** Europe PMC {@code query} (title and abstract). */
  public static final String EUROPEPMC = "((TITLE_ABS:exosome* OR TITLE_ABS:\"extracellular vesicle*\" OR TITLE_ABS:EV"
      + " OR TITLE_ABS:EVs OR TITLE_ABS:microvesicle* OR TITLE_ABS:nanovesicle* OR TITLE_ABS:secretome*"
      + " OR TITLE_ABS:\"conditioned medium\" OR TITLE_ABS:\"conditioned media\")"
      + " AND (TITLE_ABS:mesenchymal OR TITLE_ABS:stromal OR TITLE_ABS:MSC OR TITLE_ABS:MSCs"
      + " OR TITLE_ABS:\"stem cell*\" OR TITLE_ABS:\"Wharton's jelly\")) OR TITLE_ABS:ExoFlo";

  private DefaultQueries() {
  }
}
