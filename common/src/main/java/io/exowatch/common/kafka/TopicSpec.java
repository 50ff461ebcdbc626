package io.exowatch.common.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a topic is created: its name, cleanup policy, retention and, when fixed, its partition count
 * (otherwise the {@code topics.partitions} setting applies).
 *
 * @param name topic name
 * @param compacted {@code cleanup.policy=compact} when true, {@code delete} otherwise
 * @param retention retention of a deleting topic; {@code null} keeps records forever
 * @param fixedPartitions a partition count that overrides the configured one, or 0
 */
public record TopicSpec(String name, boolean compacted, Duration retention, int fixedPartitions) {

  /** A compacted topic. */
  public static TopicSpec compacted(final String name) {
    return new TopicSpec(name, true, null, 0);
  }

  /** A deleting topic with a retention ({@code null} = forever). */
  public static TopicSpec deleting(final String name, final Duration retention) {
    return new TopicSpec(name, false, retention, 0);
  }

  /** The same topic with a fixed partition count. */
  public TopicSpec withPartitions(final int partitions) {
    return new TopicSpec(name, compacted, retention, partitions);
  }

  /** The topic-level configs to create it with. */
  public Map<String, String> configs() {
    final Map<String, String> c = new LinkedHashMap<>();
    c.put("cleanup.policy", compacted ? "compact" : "delete");
    if (!compacted) {
      c.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
    }
    return c;
  }
}
