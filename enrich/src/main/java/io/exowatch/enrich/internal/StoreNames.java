package io.exowatch.enrich.internal;

/**
 * Names of the topology's state stores and link repartition topics. Changelog and repartition
 * topics are named after them ({@code <application.id>-<name>-changelog},
 * {@code <application.id>-<name>-repartition}): renaming one loses its state.
 */
public final class StoreNames {

  /** Trial id → {@link TrialFingerprint}. */
  public static final String TRIAL_FINGERPRINTS = "trial-fingerprints";
  /**
   * Trial id → the latest raw value (Confluent-framed TrialRecord), to re-emit on link changes: a
   * table over {@code trials-raw}, which is also its changelog.
   */
  public static final String TRIAL_RECORDS = "trial-records";
  /** Trial id → {@link Links} to articles. */
  public static final String TRIAL_LINKS = "trial-links";
  /** Article id → {@link ArticleFingerprint}. */
  public static final String ARTICLE_FINGERPRINTS = "article-fingerprints";
  /** Article id → the latest raw value (Confluent-framed ArticleRecord): a table over {@code articles-raw}. */
  public static final String ARTICLE_RECORDS = "article-records";
  /** Article id → {@link Links} to trials. */
  public static final String ARTICLE_LINKS = "article-links";
  /**
   * Trial id → {@link SameAsView}: the canonical id and other registrations the identity step last
   * told the trial (absent until it said anything: the trial is then its own real trial).
   */
  public static final String TRIAL_SAME_AS = "trial-same-as";
  /** Registration id → {@link IdentityMember}: the identity step's view of every registration it knows. */
  public static final String TRIAL_IDENTITY = "trial-identity";
  /** Article lookup key → {@link LinkIndexEntry}. */
  public static final String LINK_INDEX = "link-index";

  /** Repartition topic: reference facts from the trial processor, keyed by article lookup key. */
  public static final String TRIAL_LINK_FACTS = "trial-link-facts";
  /** Repartition topic: the keys articles answer to, keyed by article lookup key. */
  public static final String ARTICLE_LINK_FACTS = "article-link-facts";
  /** Repartition topic: mentions by articles and link changes for trials, keyed by trial id. */
  public static final String LINKS_BY_TRIAL = "links-by-trial";
  /**
   * Repartition topic with one partition: what trials say of their identity (first sight, other
   * registry ids, gone), keyed by trial id, so that one task sees every registration.
   */
  public static final String IDENTITY_CLAIMS = "identity-claims";
  /** Repartition topic: link changes for articles, keyed by article id. */
  public static final String LINKS_BY_ARTICLE = "links-by-article";

  private StoreNames() {}
}
