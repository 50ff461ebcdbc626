package io.exowatch.app.offline.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * What the simulator knows of an article, for date filters and for rendering a landing page.
 *
 * @param pmid the PMID, or {@code null} (preprints)
 * @param doi the DOI, or {@code null}
 * @param title the title
 * @param journal the journal or preprint server
 * @param volume the volume, or {@code null}
 * @param issue the issue, or {@code null}
 * @param firstPage the first page or article number, or {@code null}
 * @param published the publication date (partial dates are the first day)
 * @param entered the date it entered the database (PubMed {@code entrez})
 * @param modified the date it was last revised
 * @param authors authors as "Last, First"
 * @param abstractText the abstract, sections joined
 * @param keywords keywords
 */
public record ArticleMeta(String pmid, String doi, String title, String journal, String volume, String issue,
    String firstPage, LocalDate published, LocalDate entered, LocalDate modified, List<String> authors,
    String abstractText, List<String> keywords) {

  /** Copies the lists. */
  public ArticleMeta {
    authors = List.copyOf(authors);
    keywords = List.copyOf(keywords);
  }
}
