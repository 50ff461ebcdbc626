package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.classify.internal.PhraseAutomaton;
import io.exowatch.enrich.classify.internal.SymbolFolding;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classifier's shortcuts for speed give what the full path gives: a record without vesicle,
 * secretome or MSC words is unrelated at once (ids it names are still found), normalised statuses
 * and phases are remembered by their text, and one scanner serves many texts.
 */
class ClassifierShortcutsTest {

  private static final Classifier CLASSIFIER = new Classifier();

  @Test
  void shouldCallARecordWithoutVesicleSecretomeOrMscWordsUnrelatedAndStillFindTheIdsItNames() {
    final TrialRecord trial = TrialRecord.newBuilder(Trials.trial("Metformin in Type 2 Diabetes", "Metformin",
        "500 mg twice daily; safety is reviewed by the data safety monitoring board.", "Type 2 Diabetes"))
        .setBriefSummary("Also registered as ChiCTR2000029606. Trial registration: NCT04276987.")
        .build();

    final Classification c = CLASSIFIER.classify(trial);

    assertThat(c.getCategory()).isEqualTo(Category.UNRELATED);
    assertThat(c.getConfidence()).isEqualTo(0.95);
    assertThat(c.getEvidence()).contains(new Evidence("category:UNRELATED", "record",
        "no vesicle, secretome or MSC words"));
    assertThat(c.getMentionedTrialIds()).containsExactlyInAnyOrder("ChiCTR2000029606", "NCT04276987");
    assertThat(c.getApplications()).isEmpty();
    assertThat(c.getRoutes()).isEmpty();
  }

  @Test
  void shouldStillWeighARecordWhoseOnlyMscWordIsInItsBackground() {
    final TrialRecord trial = TrialRecord.newBuilder(Trials.trial("Metformin in Type 2 Diabetes", "Metformin",
        "500 mg twice daily.", "Type 2 Diabetes"))
        .setDetailedDescription("Earlier work with mesenchymal stem cells motivated this study.")
        .build();

    final Classification c = CLASSIFIER.classify(trial);

    assertThat(c.getCategory()).isEqualTo(Category.UNRELATED);
    assertThat(c.getConfidence()).as("background MSC words lower the confidence").isEqualTo(0.7);
  }

  @Test
  void shouldNormaliseAStatusTheSameWhenItIsReadAgain() {
    for (final String status : List.of("Recruiting", "RECRUITING", "Completed", "尚未开始", "Not yet recruiting",
        "  ", "withdrawn before enrolment")) {
      final TrialStatus first = Statuses.normalise(status);
      assertThat(Statuses.normalise(new String(status.toCharArray()))).as(status).isEqualTo(first);
    }
    assertThat(Statuses.normalise("Recruiting")).isEqualTo(TrialStatus.RECRUITING);
    assertThat(Statuses.normalise("  ")).isEqualTo(TrialStatus.UNKNOWN);
  }

  @Test
  void shouldRememberAPhaseByTheListsContentNotTheListItself() {
    final List<String> phases = new ArrayList<>(List.of("PHASE1", "PHASE2"));
    assertThat(Phases.normalise(phases)).isEqualTo(Phase.PHASE1_PHASE2);

    phases.set(1, "PHASE3");
    assertThat(Phases.normalise(phases)).isEqualTo(Phase.UNKNOWN);
    assertThat(Phases.normalise(List.of("PHASE1", "PHASE2"))).isEqualTo(Phase.PHASE1_PHASE2);

    final List<String> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add("Phase 2");
    assertThat(Phases.normalise(withNull)).isEqualTo(Phase.PHASE2);
  }

  @Test
  void shouldFindTheSameHitsWithOneScannerOverManyTextsAsWithAFreshOneForEach() {
    final String[] phrases = {"msc exos", "exosom*", "stage iv", "iv", "wharton s jelly"};
    final List<int[]> symbols = new ArrayList<>();
    final boolean[] prefix = new boolean[phrases.length];
    for (int i = 0; i < phrases.length; i++) {
      prefix[i] = phrases[i].endsWith("*");
      symbols.add(SymbolFolding.symbols(phrases[i].replace("*", ""), prefix[i]));
    }
    final PhraseAutomaton automaton = PhraseAutomaton.build(symbols, prefix);
    final List<String> texts = List.of("Stage IV disease. MSC-Exos given IV; exosomes\nagain",
        "IV", "Wharton’s jelly MSC exosomes", "", "exosom", "Stage IV disease. MSC-Exos given IV; exosomes\nagain");
    final PhraseAutomaton.Scanner shared = automaton.scanner();

    for (final String text : texts) {
      final List<String> fresh = new ArrayList<>();
      automaton.scanner().scan(text, (id, s, e, ts, te, sent) -> fresh.add(id + ":" + s + "-" + e + "@" + ts + "-"
          + te + "/" + sent));
      final List<String> reused = new ArrayList<>();
      shared.scan(text, (id, s, e, ts, te, sent) -> reused.add(id + ":" + s + "-" + e + "@" + ts + "-" + te + "/"
          + sent));
      assertThat(reused).as(text).isEqualTo(fresh);
    }
    final List<String> first = new ArrayList<>();
    shared.scan(texts.get(0), (id, s, e, ts, te, sent) -> first.add(phrases[id] + "=" + texts.get(0).substring(s, e)));
    assertThat(first).containsExactly("stage iv=Stage IV", "iv=IV", "msc exos=MSC-Exos", "iv=IV",
        "exosom*=exosomes");
  }
}
