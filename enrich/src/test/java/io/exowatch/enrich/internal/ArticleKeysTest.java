package io.exowatch.enrich.internal;

import static io.exowatch.enrich.testing.TestRecords.article;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Article lookup keys from DOIs and PMIDs as sources write them. */
class ArticleKeysTest {

  @Test
  void shouldLowerCaseADoiAndDropItsUrlOrPrefix() {
    assertThat(ArticleKeys.doi("10.1038/S41409-019-0616-Z")).isEqualTo("doi:10.1038/s41409-019-0616-z");
    assertThat(ArticleKeys.doi(" https://doi.org/10.1038/X ")).isEqualTo("doi:10.1038/x");
    assertThat(ArticleKeys.doi("http://dx.doi.org/10.1038/X")).isEqualTo("doi:10.1038/x");
    assertThat(ArticleKeys.doi("doi: 10.1038/X")).isEqualTo("doi:10.1038/x");
    assertThat(ArticleKeys.doi("  ")).isNull();
    assertThat(ArticleKeys.doi(null)).isNull();
  }

  @Test
  void shouldTrimAPmid() {
    assertThat(ArticleKeys.pmid(" 31431712 ")).isEqualTo("pmid:31431712");
    assertThat(ArticleKeys.pmid("")).isNull();
  }

  @Test
  void shouldLetAnArticleKeyedByDoiAnswerToItsPmidToo() {
    assertThat(ArticleKeys.of("doi:10.1038/s41409-019-0616-z", article().build()))
        .containsExactly("doi:10.1038/s41409-019-0616-z", "pmid:31431712");
  }
}
