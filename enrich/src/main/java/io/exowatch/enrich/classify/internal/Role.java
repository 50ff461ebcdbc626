package io.exowatch.enrich.classify.internal;

/** What part of a record a field is, which decides how much its words count. */
public enum Role {
  /** Brief or official title, acronym; an article's title. Names the product. */
  TITLE(3),
  /** An intervention's name, description or other names. Names the product. */
  INTERVENTION(3),
  /** An arm's label or description. */
  ARM(2),
  /** Brief summary, detailed description; an article's abstract. Background as often as product. */
  SUMMARY(1),
  /** A condition. */
  CONDITION(1),
  /** A keyword or MeSH term. */
  KEYWORD(1),
  /** An outcome measure: whatever it names is measured. */
  OUTCOME(1);

  private final int weight;

  Role(final int weight) {
    this.weight = weight;
  }

  /** How much a mention in a field of this role counts. */
  public int weight() {
    return weight;
  }

  /** Whether a field of this role names what is administered. */
  public boolean namesProduct() {
    return this == TITLE || this == INTERVENTION || this == ARM;
  }
}
