package io.exowatch.enrich.internal;

import io.exowatch.enrich.internal.LinkMessage.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The link index's decisions, kept free of Kafka so they can be read and tested alone: given the
 * entry under an article lookup key and a fact about it, the new entry and the link changes to send.
 *
 * <p>A trial and an article are linked when the trial references a key the article answers to
 * ({@code via} = that key); both are told, whichever fact arrives last. (Mentions of a trial id by
 * an article need no index: they go straight to the trial.)
 */
public final class LinkIndex {

  private LinkIndex() {}

  /**
   * A link change to deliver.
   *
   * @param toTrial true for the trial side ({@code links-by-trial}), false for the article side
   * @param recipient the trial or article id
   * @param message the {@code LINK} or {@code UNLINK}
   */
  public record Delivery(boolean toTrial, String recipient, LinkMessage message) {}

  /**
   * The result of one fact.
   *
   * @param entry the entry to store (empty = delete)
   * @param deliveries link changes to send, in order
   */
  public record Outcome(LinkIndexEntry entry, List<Delivery> deliveries) {}

  /** Applies {@code fact} (keyed {@code key}) to {@code entry} ({@code null} = none yet). */
  public static Outcome apply(final String key, final LinkIndexEntry entry, final LinkMessage fact) {
    final LinkIndexEntry e = entry == null ? LinkIndexEntry.empty() : entry;
    final List<Delivery> out = new ArrayList<>();
    LinkIndexEntry.Article article = e.article();
    final TreeSet<String> referencedBy = new TreeSet<>(e.referencedBy());
    final String other = fact.id();
    switch (fact.type()) {
      case ARTICLE_PRESENT -> {
        final LinkIndexEntry.Article old = article;
        final boolean sameArticle = old != null && old.id().equals(other);
        if (old != null && !sameArticle) {
          for (final String trial : referencedBy) {
            out.add(toTrial(trial, Type.UNLINK, old.id(), null, key));
            out.add(toArticle(old.id(), Type.UNLINK, trial, key));
          }
        }
        article = new LinkIndexEntry.Article(other, fact.title());
        for (final String trial : referencedBy) {
          if (!sameArticle || !Objects.equals(old.title(), fact.title())) {
            out.add(toTrial(trial, Type.LINK, other, fact.title(), key));
          }
          if (!sameArticle) {
            out.add(toArticle(other, Type.LINK, trial, key));
          }
        }
      }
      case ARTICLE_ABSENT -> {
        if (article != null && article.id().equals(other)) {
          for (final String trial : referencedBy) {
            out.add(toTrial(trial, Type.UNLINK, other, null, key));
          }
          article = null;
        }
      }
      case REFERENCED_BY -> {
        if (referencedBy.add(other) && article != null) {
          out.add(toTrial(other, Type.LINK, article.id(), article.title(), key));
          out.add(toArticle(article.id(), Type.LINK, other, key));
        }
      }
      case NOT_REFERENCED_BY -> {
        if (referencedBy.remove(other) && article != null) {
          out.add(toTrial(other, Type.UNLINK, article.id(), null, key));
          out.add(toArticle(article.id(), Type.UNLINK, other, key));
        }
      }
      default -> throw new IllegalArgumentException("Not a link index fact: " + fact + " (key " + key + ")");
    }
    return new Outcome(new LinkIndexEntry(article, new ArrayList<>(referencedBy)), out);
  }

  private static Delivery toTrial(final String trialId, final Type type, final String articleId,
      final String title, final String via) {
    return new Delivery(true, trialId, LinkMessage.link(type, articleId, title, via));
  }

  private static Delivery toArticle(final String articleId, final Type type, final String trialId,
      final String via) {
    return new Delivery(false, articleId, LinkMessage.link(type, trialId, null, via));
  }
}
