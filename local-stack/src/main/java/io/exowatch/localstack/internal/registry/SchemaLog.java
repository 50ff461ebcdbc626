package io.exowatch.localstack.internal.registry;

import io.exowatch.localstack.internal.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: one compacted single-partition topic (Confluent's {@code _schemas} layout). Reads
 * catch up to the end of the topic; writes are produced with {@code acks=all} and awaited. Not thread-safe
 * on its own: the registry calls it from its single writer only.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;

    SchemaLog(String bootstrapServers, String topic) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        ensureTopic(bootstrapServers, topic);
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers), new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    String topic() {
        return topic;
    }

    /** Reads every record not read yet, up to the current end of the topic, handing each to {@code applier}. */
    int catchUp(BiConsumer<byte[], byte[]> applier) {
        final long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int applied = 0;
        while (consumer.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read topic " + topic + " to offset " + end + " within "
                        + TIMEOUT + " (at " + consumer.position(partition) + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                applier.accept(record.key(), record.value());
                applied++;
            }
        }
        return applied;
    }

    /**
     * Produces one record and waits for the broker to acknowledge it on all in-sync replicas. The caller has
     * caught up just before, so the consumer skips its own write instead of reading it back.
     */
    long append(byte[] key, byte[] value) throws ExecutionException, TimeoutException, InterruptedException {
        final RecordMetadata written = producer.send(new ProducerRecord<>(topic, 0, key, value))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (consumer.position(partition, TIMEOUT) == written.offset()) {
            consumer.seek(partition, written.offset() + 1);
        }
        return written.offset();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        final Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "exowatch-schema-registry-admin");
        try (Admin admin = Admin.create(config)) {
            final TopicDescription description = Topics.createIfMissing(admin, topic, 1, true, TIMEOUT);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema storage topic " + topic + " must have exactly 1 partition, has "
                        + description.partitions().size());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot prepare schema storage topic " + topic + " on "
                    + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + TIMEOUT + " preparing schema storage topic " + topic
                    + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing schema storage topic " + topic, e);
        }
    }

    private static Properties producerConfig(String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "exowatch-schema-registry-writer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return props;
    }

    private static Properties consumerConfig(String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "exowatch-schema-registry-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
