package io.exowatch.enrich;

import io.exowatch.common.kafka.TopicSpec;
import io.exowatch.common.kafka.Topics;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.serde.AvroSerdes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place the enrich application pairs each of its topics with its serdes (STYLE.md 4):
 * keys are strings (registry ids, {@code doi:}/{@code pmid:} article ids), values are Avro records
 * in Confluent's wire format through the configured schema registry.
 *
 * <p>Names are the pipeline's ({@link Topics}); {@link #create(Map, String)} prefixes them so tests
 * sharing one broker stay apart.
 */
public final class EnrichTopics {

  /**
   * A topic with its key and value serdes.
   *
   * @param name topic name
   * @param spec how the topic is created
   * @param keySerde key serde
   * @param valueSerde value serde
   * @param <K> key type
   * @param <V> value type
   */
  public record Topic<K, V>(String name, TopicSpec spec, Serde<K> keySerde, Serde<V> valueSerde) {
    /** Checks the parts. */
    public Topic {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(keySerde, "keySerde");
      Objects.requireNonNull(valueSerde, "valueSerde");
    }
  }

  private final Topic<String, TrialRecord> trialsRaw;
  private final Topic<String, ArticleRecord> articlesRaw;
  private final Topic<String, EnrichedTrial> trialsEnriched;
  private final Topic<String, EnrichedArticle> articlesEnriched;
  private final Topic<String, TrialEvent> trialEvents;
  private final Topic<String, DeadLetter> deadLetters;

  private EnrichTopics(final Map<String, ?> serdeConfig, final String prefix) {
    trialsRaw = topic(Topics.TRIALS_RAW, prefix, TrialRecord.class, serdeConfig);
    articlesRaw = topic(Topics.ARTICLES_RAW, prefix, ArticleRecord.class, serdeConfig);
    trialsEnriched = topic(Topics.TRIALS_ENRICHED, prefix, EnrichedTrial.class, serdeConfig);
    articlesEnriched = topic(Topics.ARTICLES_ENRICHED, prefix, EnrichedArticle.class, serdeConfig);
    trialEvents = topic(Topics.TRIAL_EVENTS, prefix, TrialEvent.class, serdeConfig);
    deadLetters = topic(Topics.ENRICH_DLQ, prefix, DeadLetter.class, serdeConfig);
  }

  /**
   * The pipeline's topics with serdes configured from {@code serdeConfig}.
   *
   * @param serdeConfig serde settings, at least {@code schema.registry.url} ({@code mock://scope} in unit tests)
   * @return the topics
   */
  public static EnrichTopics create(final Map<String, ?> serdeConfig) {
    return new EnrichTopics(serdeConfig, "");
  }

  /**
   * Like {@link #create(Map)} with every topic name prefixed, e.g. {@code it1-trials-raw}.
   *
   * @param serdeConfig serde settings, at least {@code schema.registry.url}
   * @param prefix prepended to every topic name; empty for the pipeline's own names
   * @return the topics
   */
  public static EnrichTopics create(final Map<String, ?> serdeConfig, final String prefix) {
    return new EnrichTopics(serdeConfig, Objects.requireNonNull(prefix, "prefix"));
  }

  /** Raw trial registrations, key = registry id. Input. */
  public Topic<String, TrialRecord> trialsRaw() {
    return trialsRaw;
  }

  /** Raw articles, key = {@code doi:<lower-case doi>} or {@code pmid:<pmid>}. Input. */
  public Topic<String, ArticleRecord> articlesRaw() {
    return articlesRaw;
  }

  /** Classified, linked trials, key = registry id. Output. */
  public Topic<String, EnrichedTrial> trialsEnriched() {
    return trialsEnriched;
  }

  /** Classified, linked articles, key = article id. Output. */
  public Topic<String, EnrichedArticle> articlesEnriched() {
    return articlesEnriched;
  }

  /** New and changed trials, key = registry id. Output. */
  public Topic<String, TrialEvent> trialEvents() {
    return trialEvents;
  }

  /** Records that could not be decoded or classified, key = original key. Output. */
  public Topic<String, DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** How to create every topic above. */
  public List<TopicSpec> specs() {
    return List.of(trialsRaw.spec(), articlesRaw.spec(), trialsEnriched.spec(), articlesEnriched.spec(),
        trialEvents.spec(), deadLetters.spec());
  }

  private static <V extends SpecificRecord> Topic<String, V> topic(final TopicSpec spec, final String prefix,
      final Class<V> type, final Map<String, ?> serdeConfig) {
    final TopicSpec named = new TopicSpec(prefix + spec.name(), spec.compacted(), spec.retention(), spec.fixedPartitions());
    return new Topic<>(named.name(), named, Serdes.String(), AvroSerdes.specific(type, serdeConfig, false));
  }
}
