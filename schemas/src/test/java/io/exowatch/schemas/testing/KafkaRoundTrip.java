package io.exowatch.schemas.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produce and consume through a real broker with given value serdes, with bounded waits and no sleeping. */
public final class KafkaRoundTrip {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private KafkaRoundTrip() {
    }

    /**
     * Sends the values keyed by the given keys and waits for every acknowledgement.
     *
     * @param bootstrap  the broker
     * @param topic      the topic
     * @param serializer the value serializer, already configured
     * @param records    key to value, in order ({@code null} values are tombstones)
     * @param <V>        the value type
     */
    public static <V> void produce(final String bootstrap, final String topic, final Serializer<V> serializer,
            final List<Map.Entry<String, V>> records) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (final Map.Entry<String, V> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            for (final java.util.concurrent.Future<?> future : sent) {
                future.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e);
        }
    }

    /**
     * Reads a topic from the beginning until {@code expected} records arrived or the limit passed.
     *
     * @param bootstrap    the broker
     * @param topic        the topic
     * @param deserializer the value deserializer, already configured
     * @param expected     how many records to wait for
     * @param <V>          the value type
     * @return the records read, in partition order
     */
    public static <V> List<ConsumerRecord<String, V>> consume(final String bootstrap, final String topic,
            final Deserializer<V> deserializer, final int expected) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        final List<ConsumerRecord<String, V>> read = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + LIMIT.toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
