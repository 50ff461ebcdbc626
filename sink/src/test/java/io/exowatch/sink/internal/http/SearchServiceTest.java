package io.exowatch.sink.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchServiceTest {

  private final ObjectMapper json = new ObjectMapper();
  private final OpenSearchHttp http = OpenSearchHttp.connect(URI.create("http://127.0.0.1:1"), json);
  private final SearchService service = new SearchService(http, "trials", "articles");

  @AfterEach
  void close() throws Exception {
    http.close();
  }

  @Test
  void shouldSplitMarkedFragmentsIntoAlternatingPlainAndMatchedSegments() {
    final String fragment = "MSC " + SearchService.PRE + "exosomes" + SearchService.POST + " for "
        + SearchService.PRE + "ARDS" + SearchService.POST;
    assertThat(service.segments(fragment).toString()).isEqualTo("[\"MSC \",\"exosomes\",\" for \",\"ARDS\",\"\"]");
  }

  @Test
  void shouldKeepMarkupInScrapedTextAsPlainSegmentText() {
    final String fragment = "<img src=x onerror=alert(1)> " + SearchService.PRE + "exosome" + SearchService.POST;
    assertThat(service.segments(fragment).get(0).asText()).isEqualTo("<img src=x onerror=alert(1)> ");
    assertThat(service.segments(fragment).get(1).asText()).isEqualTo("exosome");
  }

  @Test
  void shouldReturnOnePlainSegmentWhenNothingIsMarked() {
    assertThat(service.segments("no match here").toString()).isEqualTo("[\"no match here\"]");
  }
}
