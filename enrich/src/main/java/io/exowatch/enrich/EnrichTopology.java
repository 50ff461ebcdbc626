package io.exowatch.enrich;

import io.exowatch.enrich.internal.ArticleFingerprint;
import io.exowatch.enrich.internal.ArticleLinkProcessor;
import io.exowatch.enrich.internal.ArticleProcessor;
import io.exowatch.enrich.internal.DeadLetters;
import io.exowatch.enrich.internal.Emit;
import io.exowatch.enrich.internal.IdentityMember;
import io.exowatch.enrich.internal.IdentityMessage;
import io.exowatch.enrich.internal.IdentityProcessor;
import io.exowatch.enrich.internal.JsonSerde;
import io.exowatch.enrich.internal.LinkIndexEntry;
import io.exowatch.enrich.internal.LinkIndexProcessor;
import io.exowatch.enrich.internal.LinkMessage;
import io.exowatch.enrich.internal.Links;
import io.exowatch.enrich.internal.RecordReader;
import io.exowatch.enrich.internal.SameAsView;
import io.exowatch.enrich.internal.StoreNames;
import io.exowatch.enrich.internal.TrialFingerprintSerde;
import io.exowatch.enrich.internal.TrialLinkProcessor;
import io.exowatch.enrich.internal.TrialProcessor;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology. It reads {@code trials-raw} (key registry id, value {@code TrialRecord}) and
 * {@code articles-raw} (key {@code doi:...}/{@code pmid:...}, value {@code ArticleRecord}) as bytes,
 * decodes and classifies each value, and writes {@code trials-enriched} ({@code EnrichedTrial}),
 * {@code articles-enriched} ({@code EnrichedArticle}), {@code trial-events} ({@code TrialEvent}:
 * {@code CREATED}, {@code UPDATED} with the changed fields, {@code STATUS_CHANGED} with before and
 * after) and {@code enrich-dlq} ({@code DeadLetter}, for values that cannot be decoded or
 * classified), all keyed by the record id. Change detection compares each trial with its
 * fingerprint in the {@code trial-fingerprints} store; an identical re-scrape emits nothing.
 * Trials and articles are linked, whichever comes first, and the linked record is emitted again:
 * an article's mentions of trial ids go to those trials over the {@code links-by-trial} repartition
 * topic (kept there until the trial exists), which answer over {@code links-by-article}; trial
 * references and the keys articles answer to meet in the {@code link-index} store (repartition
 * topics {@code trial-link-facts} and {@code article-link-facts}), which tells both sides. Tombstones on the raw
 * topics become tombstones on the enriched topics and forget the id.
 *
 * <p>Identity across registries: a trial seen for the first time (or whose other-registry ids
 * changed) tells the identity step over {@code identity-claims} (one partition), which joins
 * registrations that name one another into one real trial, emits {@code CREATED} once per real
 * trial, and tells each registration its canonical id and other registrations over
 * {@code links-by-trial}, so that {@code sameAs} holds both ways ({@code IdentityProcessor}). A
 * trial's {@code UPDATED} and {@code STATUS_CHANGED} events take the same way, so that every event of
 * a trial reaches {@code trial-events} in order, after its {@code CREATED}.
 *
 * <p>Stores: {@code trial-records} and {@code article-records} (the raw values, as tables whose
 * changelog is the raw topic itself), {@code trial-fingerprints}, {@code trial-links},
 * {@code article-fingerprints}, {@code article-links}, {@code link-index}, {@code trial-same-as},
 * {@code trial-identity} (names fixed: they name the changelog topics).
 */
public final class EnrichTopology {

  /**
   * Build options.
   *
   * @param linkPartitions partitions of the four link repartition topics; 0 lets Kafka Streams derive
   *     them from the raw topics (which must then have equal partition counts)
   * @param deadLetterMaxBytes the most bytes of an original value copied into a dead letter
   */
  public record Options(int linkPartitions, int deadLetterMaxBytes) {

    /** Checks the values. */
    public Options {
      if (linkPartitions < 0) {
        throw new IllegalArgumentException("linkPartitions must be >= 0, was " + linkPartitions);
      }
      if (deadLetterMaxBytes <= 0) {
        throw new IllegalArgumentException("deadLetterMaxBytes must be > 0, was " + deadLetterMaxBytes);
      }
    }

    /** Derived partition counts, dead letters keep up to 1 MiB. */
    public static Options defaults() {
      return new Options(0, 1024 * 1024);
    }
  }

  /**
   * Build-time settings: the raw-record tables use their compacted source topics as changelogs
   * ({@code topology.optimization=reuse.ktable.source.topics}).
   */
  private static final Properties OPTIMIZATION = new Properties();

  static {
    OPTIMIZATION.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
  }

  private EnrichTopology() {}

  /** The topology with {@link Options#defaults()}. */
  public static Topology build(final EnrichTopics topics, final RecordClassifier classifier,
      final EnrichProgress progress) {
    return build(topics, classifier, progress, Options.defaults());
  }

  /**
   * The topology.
   *
   * @param topics topics and serdes
   * @param classifier classifies trials and articles; must be thread-safe
   * @param progress counters the processors update
   * @param options build options
   * @return a new topology
   */
  public static Topology build(final EnrichTopics topics, final RecordClassifier classifier,
      final EnrichProgress progress, final Options options) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(classifier, "classifier");
    Objects.requireNonNull(progress, "progress");
    final StreamsBuilder builder = new StreamsBuilder();
    final Serde<LinkMessage> linkSerde = new JsonSerde<>(LinkMessage.class);
    final Serde<Links> linksSerde = new JsonSerde<>(Links.class);
    builder.addStateStore(store(StoreNames.TRIAL_FINGERPRINTS, new TrialFingerprintSerde()));
    builder.addStateStore(store(StoreNames.TRIAL_LINKS, linksSerde));
    builder.addStateStore(store(StoreNames.ARTICLE_FINGERPRINTS, new JsonSerde<>(ArticleFingerprint.class)));
    builder.addStateStore(store(StoreNames.ARTICLE_LINKS, linksSerde));
    builder.addStateStore(store(StoreNames.LINK_INDEX, new JsonSerde<>(LinkIndexEntry.class)));
    builder.addStateStore(store(StoreNames.TRIAL_SAME_AS, new JsonSerde<>(SameAsView.class)));
    builder.addStateStore(store(StoreNames.TRIAL_IDENTITY, new JsonSerde<>(IdentityMember.class)));

    final DeadLetters deadLetters = new DeadLetters(options.deadLetterMaxBytes());
    final RecordReader<TrialRecord> trials = new RecordReader<TrialRecord>(topics.trialsRaw().name(), "TrialRecord",
        topics.trialsRaw().valueSerde().deserializer(), classifier::classify, deadLetters, progress);
    final RecordReader<ArticleRecord> articles = new RecordReader<ArticleRecord>(topics.articlesRaw().name(), "ArticleRecord",
        topics.articlesRaw().valueSerde().deserializer(), classifier::classify, deadLetters, progress);

    // Raw records, kept as bytes in a table (its changelog is the compacted raw topic itself, so
    // keeping them costs no extra writes): classify, detect changes, announce link facts.
    final KStream<String, Emit> trialOut = rawTable(builder, topics.trialsRaw().name(), "trials-raw-source",
            StoreNames.TRIAL_RECORDS)
        .toStream(Named.as("trials-raw-updates"))
        .process(() -> new TrialProcessor(trials, progress), Named.as("classify-trials"),
            StoreNames.TRIAL_FINGERPRINTS, StoreNames.TRIAL_LINKS, StoreNames.TRIAL_SAME_AS);
    final KStream<String, Emit> articleOut = rawTable(builder, topics.articlesRaw().name(), "articles-raw-source",
            StoreNames.ARTICLE_RECORDS)
        .toStream(Named.as("articles-raw-updates"))
        .process(() -> new ArticleProcessor(articles, progress), Named.as("classify-articles"),
            StoreNames.ARTICLE_FINGERPRINTS, StoreNames.ARTICLE_LINKS);

    // The link index, keyed by article lookup key, pairs trial references with the articles they name.
    final KStream<String, LinkMessage> trialFacts =
        only(trialOut, Emit.Fact.class, Emit.Fact::value, "trial-facts")
            .repartition(repartitioned(StoreNames.TRIAL_LINK_FACTS, linkSerde, options));
    final KStream<String, LinkMessage> articleFacts =
        only(articleOut, Emit.Fact.class, Emit.Fact::value, "article-facts")
            .repartition(repartitioned(StoreNames.ARTICLE_LINK_FACTS, linkSerde, options));
    final KStream<String, Emit> deliveries = trialFacts.merge(articleFacts, Named.as("merge-link-facts"))
        .process(LinkIndexProcessor::new, Named.as("index-links"), StoreNames.LINK_INDEX);

    // Identity across registries, in one task: which registrations are one real trial, announced once.
    final KStream<String, Emit> identityOut =
        only(trialOut, Emit.ToIdentity.class, Emit.ToIdentity::value, "identity-claims")
            .repartition(Repartitioned.<String, IdentityMessage>as(StoreNames.IDENTITY_CLAIMS)
                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(IdentityMessage.class))
                .withNumberOfPartitions(1))
            .process(() -> new IdentityProcessor(progress), Named.as("resolve-identity"), StoreNames.TRIAL_IDENTITY);

    // Mentions, reference links and identities go to the trial, which emits itself again and answers mentions.
    final KStream<String, Emit> trialRelinked =
        only(articleOut, Emit.ToTrial.class, Emit.ToTrial::value, "mentions-to-trials")
            .merge(only(deliveries, Emit.ToTrial.class, Emit.ToTrial::value, "links-to-trials"),
                Named.as("merge-trial-links"))
            .merge(only(identityOut, Emit.ToTrial.class, Emit.ToTrial::value, "identities-to-trials"),
                Named.as("merge-trial-identities"))
            .repartition(repartitioned(StoreNames.LINKS_BY_TRIAL, linkSerde, options))
            .process(() -> new TrialLinkProcessor(trials, progress), Named.as("link-trials"),
                StoreNames.TRIAL_RECORDS, StoreNames.TRIAL_LINKS, StoreNames.TRIAL_SAME_AS);

    // Links for articles: from the index (references) and from trials (answered mentions).
    final KStream<String, Emit> articleRelinked =
        only(trialOut, Emit.ToArticle.class, Emit.ToArticle::value, "new-trial-answers")
            .merge(only(trialRelinked, Emit.ToArticle.class, Emit.ToArticle::value, "mention-answers"),
                Named.as("merge-trial-answers"))
            .merge(only(deliveries, Emit.ToArticle.class, Emit.ToArticle::value, "links-to-articles"),
                Named.as("merge-article-links"))
            .repartition(repartitioned(StoreNames.LINKS_BY_ARTICLE, linkSerde, options))
            .process(() -> new ArticleLinkProcessor(articles, progress), Named.as("link-articles"),
                StoreNames.ARTICLE_RECORDS, StoreNames.ARTICLE_LINKS);

    final Produced<String, EnrichedTrial> enrichedTrial = produced(topics.trialsEnriched());
    final Produced<String, EnrichedArticle> enrichedArticle = produced(topics.articlesEnriched());
    final Produced<String, DeadLetter> deadLetter = produced(topics.deadLetters());
    only(trialOut, Emit.Trial.class, Emit.Trial::value, "trials-enriched")
        .to(topics.trialsEnriched().name(), enrichedTrial.withName("trials-enriched-sink"));
    // Every trial event leaves from the identity step, in the order of the trial's messages to it.
    only(identityOut, Emit.Event.class, Emit.Event::value, "trial-events")
        .to(topics.trialEvents().name(), produced(topics.trialEvents()).withName("trial-events-sink"));
    only(trialOut, Emit.Dead.class, Emit.Dead::value, "trial-dead-letters")
        .to(topics.deadLetters().name(), deadLetter.withName("trial-dead-letters-sink"));
    only(trialRelinked, Emit.Trial.class, Emit.Trial::value, "relinked-trials")
        .to(topics.trialsEnriched().name(), produced(topics.trialsEnriched()).withName("relinked-trials-sink"));
    only(trialRelinked, Emit.Dead.class, Emit.Dead::value, "relinked-trial-dead-letters")
        .to(topics.deadLetters().name(), produced(topics.deadLetters()).withName("relinked-trial-dead-letters-sink"));
    only(articleOut, Emit.Article.class, Emit.Article::value, "articles-enriched")
        .to(topics.articlesEnriched().name(), enrichedArticle.withName("articles-enriched-sink"));
    only(articleOut, Emit.Dead.class, Emit.Dead::value, "article-dead-letters")
        .to(topics.deadLetters().name(), produced(topics.deadLetters()).withName("article-dead-letters-sink"));
    only(articleRelinked, Emit.Article.class, Emit.Article::value, "relinked-articles")
        .to(topics.articlesEnriched().name(), produced(topics.articlesEnriched()).withName("relinked-articles-sink"));
    only(articleRelinked, Emit.Dead.class, Emit.Dead::value, "relinked-article-dead-letters")
        .to(topics.deadLetters().name(), produced(topics.deadLetters()).withName("relinked-article-dead-letters-sink"));
    return builder.build(OPTIMIZATION);
  }

  /** The raw topic as a table of undecoded values, named {@code store}, cached nowhere (every update goes on). */
  private static KTable<String, byte[]> rawTable(final StreamsBuilder builder, final String topic,
      final String sourceName, final String store) {
    return builder.table(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(sourceName),
        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(store)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withCachingDisabled());
  }

  /** The values of one kind, unwrapped; named {@code name} (and {@code name-filter}). */
  private static <E extends Emit, V> KStream<String, V> only(final KStream<String, Emit> stream, final Class<E> kind,
      final Function<E, V> unwrap, final String name) {
    return stream
        .filter((key, value) -> kind.isInstance(value), Named.as(name + "-filter"))
        .mapValues(value -> unwrap.apply(kind.cast(value)), Named.as(name));
  }

  private static <V> Produced<String, V> produced(final EnrichTopics.Topic<String, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }

  private static Repartitioned<String, LinkMessage> repartitioned(final String name, final Serde<LinkMessage> serde,
      final Options options) {
    final Repartitioned<String, LinkMessage> r = Repartitioned.<String, LinkMessage>as(name)
        .withKeySerde(Serdes.String()).withValueSerde(serde);
    return options.linkPartitions() > 0 ? r.withNumberOfPartitions(options.linkPartitions()) : r;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(final String name, final Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
  }
}
