package io.exowatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

  @Test
  void shouldCleanDoisFromPrefixesResolverUrlsAndProse() {
    assertThat(ArticleIds.cleanDoi("doi:10.1038/S41586-021-03819-2")).contains("10.1038/s41586-021-03819-2");
    assertThat(ArticleIds.cleanDoi("https://doi.org/10.1038/s41586-021-03819-2")).contains("10.1038/s41586-021-03819-2");
    assertThat(ArticleIds.cleanDoi("https://doi.org/10.1038%2Fs41586-021-03819-2")).contains("10.1038/s41586-021-03819-2");
    assertThat(ArticleIds.cleanDoi("see 10.1186/s13287-024-00001-x.")).contains("10.1186/s13287-024-00001-x");
    assertThat(ArticleIds.cleanDoi("10.1016/S1465-3249(98)00002-2")).contains("10.1016/s1465-3249(98)00002-2");
    assertThat(ArticleIds.cleanDoi("(doi 10.1000/abc)")).contains("10.1000/abc");
    assertThat(ArticleIds.cleanDoi("ISSN 1234-5678")).isEmpty();
    assertThat(ArticleIds.cleanDoi(null)).isEmpty();
  }

  @Test
  void shouldCleanPmidsAndPmcids() {
    assertThat(ArticleIds.cleanPmid(" 31431712 ")).contains("31431712");
    assertThat(ArticleIds.cleanPmid("PMID: 31431712")).contains("31431712");
    assertThat(ArticleIds.cleanPmid("abc")).isEmpty();
    assertThat(ArticleIds.cleanPmcid("pmc3531190")).contains("PMC3531190");
    assertThat(ArticleIds.cleanPmcid("3531190")).contains("PMC3531190");
    assertThat(ArticleIds.cleanPmcid("PMCX")).isEmpty();
  }

  @Test
  void shouldKeyByDoiFirstThenPmid() {
    assertThat(ArticleIds.key("10.1038/x", "1")).contains("doi:10.1038/x");
    assertThat(ArticleIds.key(null, "31431712")).contains("pmid:31431712");
    assertThat(ArticleIds.key(null, null)).isEmpty();
  }
}
