package io.exowatch.localstack.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Idempotent topic creation that returns only once the broker serves the topic: in KRaft mode a broker
 * learns about a new topic a moment after the controller has accepted it.
 */
public final class Topics {

    private static final long RETRY_MS = 50;

    private Topics() {
    }

    /**
     * Creates {@code name} (replication factor 1) unless it exists, then waits until the broker describes it.
     *
     * @return the topic as the broker describes it (an existing topic keeps its partitions and config)
     * @throws ExecutionException the broker refused, with the cause
     * @throws TimeoutException not done within {@code timeout}
     * @throws InterruptedException interrupted while waiting
     */
    public static TopicDescription createIfMissing(Admin admin, String name, int partitions, boolean compacted,
            Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
        final NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return describeWhenVisible(admin, name, timeout);
    }

    /** Describes {@code name}, retrying while the broker does not know it yet, up to {@code timeout}. */
    public static TopicDescription describeWhenVisible(Admin admin, String name, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(name)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_MS);
            }
        }
    }
}
