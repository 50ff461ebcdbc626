package io.exowatch.ingest.euctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protocol pages in the register's layout: the project's own page (src/test/resources/euctr, CRLF like
 * the real ones) and pages that are not protocol pages.
 */
class EuCtrProtocolPageParserTest {

  private static final String URL = "https://www.clinicaltrialsregister.eu/ctr-search/trial/2020-000111-22/FR";

  private final EuCtrParser parser = new EuCtrParser();

  /** An MSC-exosome gel: routes as br-separated lines, an entity in a condition, a heading row inside a section. */
  @Test
  void shouldReadTheSameFieldsAsTheDownloadFromAPage() throws Exception {
    final MemberStateProtocol p = parser.parseProtocolPage(Fixtures.resource("euctr/protocol-2020-000111-22-FR.html"), URL);
    assertThat(p.eudractNumber()).isEqualTo("2020-000111-22");
    assertThat(p.memberState()).isEqualTo("FR");
    assertThat(p.summary("Trial Status")).hasValue("Temporarily Halted");
    assertThat(p.value("D.3.7", "")).hasValue("Cutaneous use\nTopical use");
    assertThat(p.all("D.3.1")).singleElement().satisfies(f -> assertThat(f.group()).isEqualTo(1));
    assertThat(p.all("B.1.1")).singleElement().satisfies(f -> assertThat(f.group()).isEqualTo(1));
    final TrialRecord t = parser.records(List.of(p), Instant.parse("2024-05-01T12:00:00Z")).records().get(0);
    assertThat(t.getAcronym()).isEqualTo("EXOFOOT");
    assertThat(t.getConditions()).containsExactly("Chronic diabetic foot ulcer ≥ 4 weeks");
    assertThat(t.getLeadSponsor()).isEqualTo("Assistance Publique - Hôpitaux de Paris");
    assertThat(t.getCollaborators()).containsExactly("Agence Nationale de la Recherche");
    assertThat(t.getPhases()).containsExactly("Phase I");
    assertThat(t.getCountries()).containsExactly("France");
    assertThat(t.getEnrollment()).isEqualTo(18);
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("CUT-EV-01", "Sponsor's protocol code number", null),
        new SecondaryId("NCT04987654", "US NCT (ClinicalTrials.gov registry) number", "CTGOV"));
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("MSC-Exo gel");
      assertThat(i.getOtherNames()).containsExactly("Exosomes from bone marrow mesenchymal stromal cells", "EXG-3");
      assertThat(i.getDescription()).contains("Routes of administration: Cutaneous use, Topical use", "Gel");
    });
  }

  @Test
  void shouldRefuseAPageWithoutSummaryOrSectionsNamingItsTitle() {
    assertThatThrownBy(() -> parser.parseProtocolPage("<html><head><title>Clinical Trials Register - Error</title></head>"
        + "<body><p>The requested trial could not be found.</p></body></html>", URL))
        .isInstanceOfSatisfying(EuCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("table.summary", "section-a", "'Clinical Trials Register - Error'");
        });
  }

  @Test
  void shouldRefuseAPageWithoutAnEudraCtNumber() {
    final String html = "<table class=\"section summary\"><tbody><tr><td class=\"cellGrey\">Trial Status:</td>"
        + "<td class=\"cellLighterGrey\">Ongoing</td></tr></tbody></table>";
    assertThatThrownBy(() -> parser.parseProtocolPage(html, URL)).isInstanceOfSatisfying(EuCtrParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD);
      assertThat(e.getMessage()).contains("EudraCT Number");
    });
  }
}
