package io.exowatch.common.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics that do not exist yet; existing topics are left as they are. */
public final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /**
   * Creates each missing topic of {@code specs}.
   *
   * @return the names of the topics that were created
   */
  public static List<String> ensure(
      final Admin admin, final Collection<TopicSpec> specs, final int partitions, final short replicationFactor) {
    try {
      final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      final List<NewTopic> missing = new ArrayList<>();
      for (final TopicSpec spec : specs) {
        if (!existing.contains(spec.name())) {
          final int p = spec.fixedPartitions() > 0 ? spec.fixedPartitions() : partitions;
          missing.add(new NewTopic(spec.name(), p, replicationFactor).configs(spec.configs()));
        }
      }
      final List<String> created = new ArrayList<>();
      for (final NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
          created.add(topic.name());
          LOG.info("Created topic {} ({} partitions, {})", topic.name(), topic.numPartitions(), topic.configs());
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return created;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot create topics on the Kafka cluster: " + e.getMessage(), e);
    }
  }
}
