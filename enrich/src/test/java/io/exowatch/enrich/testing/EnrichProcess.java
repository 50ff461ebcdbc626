package io.exowatch.enrich.testing;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.EnrichTopics;
import java.time.Duration;
import java.util.Map;

/**
 * The enrich application alone in a JVM, for the test that kills it without warning (as a crash
 * would): {@code EnrichProcess <bootstrap> <registry-url> <application-id> <topic-prefix> <state-dir>}.
 * Prints {@code RUNNING} once Kafka Streams runs, then runs until killed.
 */
public final class EnrichProcess {

  private EnrichProcess() {}

  /** Starts the application and blocks. */
  public static void main(final String[] args) throws InterruptedException {
    final ExoConfig config = ExoConfig.of(Map.of(
        "kafka.bootstrap.servers", args[0],
        "schema.registry.url", args[1],
        "enrich.application-id", args[2],
        "enrich.state-dir", args[4],
        "enrich.commit-interval", "200ms"));
    final EnrichTopics topics = EnrichTopics.create(Map.of("schema.registry.url", args[1]), args[3]);
    final EnrichService service = new EnrichService(config, new RuleClassifier(), topics);
    service.start();
    System.out.println("RUNNING");
    System.out.flush();
    service.awaitStopped(Duration.ofDays(1));
  }
}
