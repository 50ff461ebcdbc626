package io.exowatch.sink.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.net.URI;
import java.util.List;
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

  @Test
  void shouldListTheRepresentativeThenTheOtherIndexedRegistrationsThenIdsOnlyNamedInSameAs() throws Exception {
    final JsonNode rep = doc("{'id':'ChiCTR2000012345','registry':'CHICTR','canonicalId':'NCT01234567',"
        + "'registrations':['ChiCTR2000012345','NCT01234567','2019-001234-56','XYZ-1']}");
    final List<JsonNode> members = List.of(
        doc("{'id':'ChiCTR2000012345','registry':'CHICTR','canonicalId':'NCT01234567'}"),
        doc("{'id':'IRCT20130812014333N223','registry':'IRCT','canonicalId':'NCT01234567'}"),
        doc("{'id':'NCT01234567','registry':'CTGOV','canonicalId':'NCT01234567'}"));
    assertThat(service.registrations(rep, members).toString()).isEqualTo(doc("["
        + "{'id':'ChiCTR2000012345','registry':'CHICTR','indexed':true},"
        + "{'id':'IRCT20130812014333N223','registry':'IRCT','indexed':true},"
        + "{'id':'NCT01234567','registry':'CTGOV','indexed':true},"
        + "{'id':'2019-001234-56','registry':'EUCTR','indexed':false},"
        + "{'id':'XYZ-1','indexed':false}]").toString());
  }

  @Test
  void shouldTreatADocumentWithoutCanonicalIdAsItsOwnTrialAndReadItsSameAs() throws Exception {
    final JsonNode old = doc("{'id':'NCT04276987','registry':'CTGOV','sameAs':['ChiCTR2000029990']}");
    assertThat(SearchService.canonicalId(old)).isEqualTo("NCT04276987");
    assertThat(service.registrations(old, List.of()).toString()).isEqualTo(doc("["
        + "{'id':'NCT04276987','registry':'CTGOV','indexed':true},"
        + "{'id':'ChiCTR2000029990','registry':'CHICTR','indexed':false}]").toString());
  }

  @Test
  void shouldLookUpRegistrationsOnlyForHitsThatNameAnother() throws Exception {
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','canonicalId':'NCT1','registrations':['NCT1']}"))).isFalse();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1'}"))).isFalse();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'ChiCTR2000012345','canonicalId':'NCT1','registrations':['ChiCTR2000012345']}"))).isTrue();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','canonicalId':'NCT1','registrations':['NCT1','ChiCTR2000012345']}"))).isTrue();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','sameAs':['ChiCTR2000012345']}"))).isTrue();
  }

  private JsonNode doc(final String text) throws Exception {
    return json.readTree(text.replace('\'', '"'));
  }
}
