package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A message on the link repartition topics. Reference facts go from the trial and article
 * processors to the link index ({@code trial-link-facts}, {@code article-link-facts}, keyed by
 * article lookup key); mentions go from the article processor straight to the trial they name
 * ({@code links-by-trial}, keyed by trial id); {@link Type#LINK} and {@link Type#UNLINK} go to the
 * trial ({@code links-by-trial}) or article ({@code links-by-article}) that gains or loses a link.
 *
 * @param type what happened
 * @param id the other party: an article id in mentions, article facts and links to trials; a trial id otherwise
 * @param title the article's title where an article is named, else {@code null}
 * @param via why two records are linked: {@link #MENTION}, or the article lookup key a trial reference used
 * @param ids in {@link Type#SAME_AS}: every other registration of the same real trial, sorted; else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkMessage(Type type, String id, String title, String via, List<String> ids) {

  /** The {@code via} of a link made because an article mentions a trial id. */
  public static final String MENTION = "mention";

  /** Kinds of message. */
  public enum Type {
    /** Key trial id: article {@code id} (titled {@code title}) mentions the trial. */
    MENTIONED_BY,
    /** Key trial id: article {@code id} no longer mentions the trial. */
    NOT_MENTIONED_BY,
    /** Key article lookup key: trial {@code id} lists that article in its references. */
    REFERENCED_BY,
    /** Key article lookup key: trial {@code id} no longer lists it. */
    NOT_REFERENCED_BY,
    /** Key article lookup key: article {@code id} (titled {@code title}) answers to that key. */
    ARTICLE_PRESENT,
    /** Key article lookup key: article {@code id} no longer answers to it. */
    ARTICLE_ABSENT,
    /** Key trial or article id: it is now linked to {@code id} because of {@code via}. */
    LINK,
    /** Key trial or article id: the link to {@code id} because of {@code via} is gone. */
    UNLINK,
    /**
     * Key trial id, from the identity step: the trial's real trial is known by the canonical id
     * {@code id} and is registered under {@code ids} too.
     */
    SAME_AS
  }

  /** Checks the parts. */
  public LinkMessage {
    Objects.requireNonNull(type, "type");
    ids = ids == null ? null : List.copyOf(ids);
  }

  /** A message without {@code ids}. */
  public LinkMessage(final Type type, final String id, final String title, final String via) {
    this(type, id, title, via, null);
  }

  /** The identity step's word to a trial: canonical id {@code canonicalId}, other registrations {@code others}. */
  public static LinkMessage sameAs(final String canonicalId, final List<String> others) {
    return new LinkMessage(Type.SAME_AS, canonicalId, null, null, others);
  }

  /** A fact or link naming another party. */
  public static LinkMessage of(final Type type, final String id) {
    return new LinkMessage(type, id, null, null);
  }

  /** A fact naming an article and its title. */
  public static LinkMessage article(final Type type, final String articleId, final String title) {
    return new LinkMessage(type, articleId, title, null);
  }

  /** A link (or unlink) to {@code id}, made because of {@code via}; {@code title} when {@code id} is an article. */
  public static LinkMessage link(final Type type, final String id, final String title, final String via) {
    return new LinkMessage(type, id, title, via);
  }
}
