package io.exowatch.sink.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialQueryTest {

  @Test
  void shouldMapParametersToDocumentFieldsAcceptingRepeatedAndCommaSeparatedValues() {
    final TrialQuery q = TrialQuery.parse(Map.of(
        "q", List.of("  exosome ARDS "),
        "category", List.of("msc_ev_therapy", "MSC_SECRETOME_THERAPY"),
        "route", List.of("INHALATION,intravenous"),
        "registry", List.of("ctgov"),
        "size", List.of("100")));
    assertThat(q.q()).isEqualTo("exosome ARDS");
    assertThat(q.filters()).containsEntry("category", List.of("MSC_EV_THERAPY", "MSC_SECRETOME_THERAPY"))
        .containsEntry("routes", List.of("INHALATION", "INTRAVENOUS"))
        .containsEntry("registry", List.of("CTGOV"));
    assertThat(q.size()).isEqualTo(100);
    assertThat(q.from()).isZero();
    assertThat(q.sort()).isEqualTo("relevance");
    assertThat(q.collapse()).isTrue();
  }

  @Test
  void shouldTurnCollapsingOffOnlyForAnExplicitFalse() {
    assertThat(TrialQuery.parse(Map.of("collapse", List.of("false"))).collapse()).isFalse();
    assertThat(TrialQuery.parse(Map.of("collapse", List.of("FALSE"))).collapse()).isFalse();
    assertThat(TrialQuery.parse(Map.of("collapse", List.of("true"))).collapse()).isTrue();
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("collapse", List.of("no"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("'collapse' must be true or false, was 'no'");
  }

  @Test
  void shouldRejectAnUnknownParameterNamingIt() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("categroy", List.of("X"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Unknown parameter 'categroy'");
  }

  @Test
  void shouldRejectAnUnknownLabelValueNamingTheParameter() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("route", List.of("BY_MAGIC"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Unknown value 'BY_MAGIC' for route")
        .hasMessageContaining("INHALATION");
  }

  @Test
  void shouldRejectASizeOverOneHundred() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("size", List.of("101"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("'size' must be between 0 and 100, was 101");
  }

  @Test
  void shouldRejectNonNumericAndOutOfWindowPaging() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("from", List.of("ten"))))
        .hasMessageContaining("'from' must be an integer");
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("from", List.of("9990"), "size", List.of("20"))))
        .hasMessageContaining("from + size must be at most 10000");
  }

  @Test
  void shouldRejectOverlongTextAndRepeatedQueries() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("q", List.of("x".repeat(501)))))
        .hasMessageContaining("at most 500");
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("q", List.of("a", "b"))))
        .hasMessageContaining("given 2 times");
  }

  @Test
  void shouldRejectMalformedRegistryCodesAndUnknownSorts() {
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("registry", List.of("ct gov"))))
        .hasMessageContaining("Malformed value 'ct gov' for registry");
    assertThatThrownBy(() -> TrialQuery.parse(Map.of("sort", List.of("_script"))))
        .hasMessageContaining("Unknown value '_script' for sort");
  }

  @Test
  void shouldAcceptRealTrialAndArticleIdsAndRefuseOthers() {
    assertThat(ApiParams.TRIAL_ID.matcher("NCT03608631").matches()).isTrue();
    assertThat(ApiParams.TRIAL_ID.matcher("ChiCTR2000029990").matches()).isTrue();
    assertThat(ApiParams.TRIAL_ID.matcher("IRCT20130812014333N223").matches()).isTrue();
    assertThat(ApiParams.TRIAL_ID.matcher("2019-001234-56").matches()).isTrue();
    assertThat(ApiParams.TRIAL_ID.matcher("../_search").matches()).isFalse();
    assertThat(ApiParams.TRIAL_ID.matcher("NCT1<script>").matches()).isFalse();
    assertThat(ApiParams.ARTICLE_ID.matcher("doi:10.1038/s41409-019-0616-z").matches()).isTrue();
    assertThat(ApiParams.ARTICLE_ID.matcher("pmid:31431712").matches()).isTrue();
    assertThat(ApiParams.ARTICLE_ID.matcher("doi:10.1038/has space").matches()).isFalse();
    assertThat(ApiParams.ARTICLE_ID.matcher("isbn:123").matches()).isFalse();
  }
}
