package io.exowatch.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.enrich.internal.LinkIndex.Delivery;
import io.exowatch.enrich.internal.LinkIndex.Outcome;
import io.exowatch.enrich.internal.LinkMessage.Type;
import org.junit.jupiter.api.Test;

/** The link index's decisions, fact by fact, without Kafka. */
class LinkIndexTest {

  private static final String KEY = "pmid:31431712";
  private static final String ARTICLE = "doi:10.1038/s41409-019-0616-z";

  @Test
  void shouldLinkBothSidesWhenTheArticleAnswersAKeyATrialAlreadyReferences() {
    final Outcome referenced = LinkIndex.apply(KEY, null, LinkMessage.of(Type.REFERENCED_BY, "NCT04276987"));
    assertThat(referenced.deliveries()).isEmpty();

    final Outcome present = LinkIndex.apply(KEY, referenced.entry(),
        LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "MSC-EVs in respiratory disease"));

    assertThat(present.deliveries()).containsExactly(
        new Delivery(true, "NCT04276987", LinkMessage.link(Type.LINK, ARTICLE, "MSC-EVs in respiratory disease", KEY)),
        new Delivery(false, ARTICLE, LinkMessage.link(Type.LINK, "NCT04276987", null, KEY)));
  }

  @Test
  void shouldLinkBothSidesWhenATrialReferencesAKeyAnArticleAlreadyAnswers() {
    final Outcome present = LinkIndex.apply(KEY, null, LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "T"));
    final Outcome referenced = LinkIndex.apply(KEY, present.entry(), LinkMessage.of(Type.REFERENCED_BY, "NCT1"));

    assertThat(referenced.deliveries()).containsExactly(
        new Delivery(true, "NCT1", LinkMessage.link(Type.LINK, ARTICLE, "T", KEY)),
        new Delivery(false, ARTICLE, LinkMessage.link(Type.LINK, "NCT1", null, KEY)));
  }

  @Test
  void shouldSendNothingWhenTheSameFactArrivesTwice() {
    final Outcome once = LinkIndex.apply(KEY, null, LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "T"));
    final Outcome referenced = LinkIndex.apply(KEY, once.entry(), LinkMessage.of(Type.REFERENCED_BY, "NCT1"));

    assertThat(LinkIndex.apply(KEY, referenced.entry(), LinkMessage.of(Type.REFERENCED_BY, "NCT1")).deliveries())
        .isEmpty();
    assertThat(LinkIndex.apply(KEY, referenced.entry(), LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "T"))
        .deliveries()).isEmpty();
  }

  @Test
  void shouldSendTheNewTitleToReferencingTrialsWhenTheArticleIsRetitled() {
    final LinkIndexEntry linked = LinkIndex.apply(KEY,
        LinkIndex.apply(KEY, null, LinkMessage.of(Type.REFERENCED_BY, "NCT1")).entry(),
        LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "Old")).entry();

    assertThat(LinkIndex.apply(KEY, linked, LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "New")).deliveries())
        .containsExactly(new Delivery(true, "NCT1", LinkMessage.link(Type.LINK, ARTICLE, "New", KEY)));
  }

  @Test
  void shouldUnlinkTheTrialsWhenTheArticleGoesAndForgetTheEntryWhenNothingIsLeft() {
    final LinkIndexEntry linked = LinkIndex.apply(KEY,
        LinkIndex.apply(KEY, null, LinkMessage.of(Type.REFERENCED_BY, "NCT1")).entry(),
        LinkMessage.article(Type.ARTICLE_PRESENT, ARTICLE, "T")).entry();

    final Outcome gone = LinkIndex.apply(KEY, linked, LinkMessage.of(Type.ARTICLE_ABSENT, ARTICLE));
    assertThat(gone.deliveries())
        .containsExactly(new Delivery(true, "NCT1", LinkMessage.link(Type.UNLINK, ARTICLE, null, KEY)));

    final Outcome dropped = LinkIndex.apply(KEY, gone.entry(), LinkMessage.of(Type.NOT_REFERENCED_BY, "NCT1"));
    assertThat(dropped.deliveries()).isEmpty();
    assertThat(dropped.entry().isEmpty()).isTrue();
  }

  @Test
  void shouldIgnoreTheAbsenceOfAnArticleThatNoLongerHoldsTheKey() {
    final LinkIndexEntry heldByB = LinkIndex.apply(KEY,
        LinkIndex.apply(KEY, null, LinkMessage.article(Type.ARTICLE_PRESENT, "doi:a", "A")).entry(),
        LinkMessage.article(Type.ARTICLE_PRESENT, "doi:b", "B")).entry();

    final Outcome outcome = LinkIndex.apply(KEY, heldByB, LinkMessage.of(Type.ARTICLE_ABSENT, "doi:a"));

    assertThat(outcome.deliveries()).isEmpty();
    assertThat(outcome.entry().article()).isEqualTo(new LinkIndexEntry.Article("doi:b", "B"));
  }

  @Test
  void shouldMoveTheLinksWhenAnotherArticleTakesTheKey() {
    final LinkIndexEntry linked = LinkIndex.apply(KEY,
        LinkIndex.apply(KEY, null, LinkMessage.of(Type.REFERENCED_BY, "NCT1")).entry(),
        LinkMessage.article(Type.ARTICLE_PRESENT, "doi:a", "A")).entry();

    assertThat(LinkIndex.apply(KEY, linked, LinkMessage.article(Type.ARTICLE_PRESENT, "doi:b", "B")).deliveries())
        .containsExactly(
            new Delivery(true, "NCT1", LinkMessage.link(Type.UNLINK, "doi:a", null, KEY)),
            new Delivery(false, "doi:a", LinkMessage.link(Type.UNLINK, "NCT1", null, KEY)),
            new Delivery(true, "NCT1", LinkMessage.link(Type.LINK, "doi:b", "B", KEY)),
            new Delivery(false, "doi:b", LinkMessage.link(Type.LINK, "NCT1", null, KEY)));
  }

  @Test
  void shouldRefuseAMessageThatIsNotAnIndexFactNamingTheKey() {
    assertThatThrownBy(() -> LinkIndex.apply(KEY, null, LinkMessage.link(Type.LINK, "x", null, "mention")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY);
  }
}
