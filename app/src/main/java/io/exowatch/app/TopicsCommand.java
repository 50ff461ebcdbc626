package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.common.kafka.TopicSetup;
import io.exowatch.common.kafka.TopicSpec;
import io.exowatch.common.kafka.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates the pipeline's topics that are missing (compacted where DESIGN.md says) and lists them. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create the pipeline's missing topics (topics.partitions, topics.replication-factor) and list them.")
public final class TopicsCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() {
    final ExoConfig config = configOptions.load();
    final KafkaClients clients = new KafkaClients(config);
    try (Admin admin = clients.admin()) {
      final List<String> created = TopicSetup.ensure(admin, Topics.all(),
          config.get(CommonKeys.TOPICS_PARTITIONS), config.get(CommonKeys.TOPICS_REPLICATION_FACTOR).shortValue());
      for (final TopicSpec spec : Topics.all()) {
        System.out.printf("%-20s %-8s %s%n", spec.name(), spec.compacted() ? "compact" : "delete",
            created.contains(spec.name()) ? "created" : "exists");
      }
    }
    return 0;
  }
}
