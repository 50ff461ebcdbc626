package io.exowatch.sink.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialSnapshot;
import io.exowatch.sink.internal.SinkMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays {@code trial-events} to Server-Sent-Events clients. Each client gets its own consumer
 * (no group: partitions assigned and positioned by hand) starting at the log end, or at the
 * position its {@code Last-Event-ID} encodes ({@link EventPosition}); partitions the id does not
 * name are read from their beginning. Every event is {@code event: trial}, {@code id:} the
 * position after it, {@code data:} one JSON line. A comment line is written every heartbeat
 * interval when nothing else was. Clients are capped; records that cannot be decoded are skipped,
 * counted and logged with their position (the relay never stops on one bad record).
 */
public final class EventRelay implements AutoCloseable {

  /** A stream ended because the relay is full. */
  public static final class FullException extends Exception {
    private static final long serialVersionUID = 1L;

    FullException(final String message) {
      super(message);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

  private final String topic;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Deserializer<TrialEvent> deserializer;
  private final Duration heartbeat;
  private final Semaphore slots;
  private final SinkMetrics metrics;
  private final ObjectMapper json;
  private final Set<Consumer<String, byte[]>> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A relay of {@code topic}.
   *
   * @param consumers makes one consumer per client (byte-array values, no group)
   * @param maxClients most concurrent streams
   */
  public EventRelay(final String topic, final Supplier<Consumer<String, byte[]>> consumers,
      final Deserializer<TrialEvent> deserializer, final Duration heartbeat, final int maxClients,
      final SinkMetrics metrics, final ObjectMapper json) {
    this.topic = topic;
    this.consumers = consumers;
    this.deserializer = deserializer;
    this.heartbeat = heartbeat;
    this.slots = new Semaphore(maxClients);
    this.metrics = metrics;
    this.json = json;
  }

  /** Takes a client slot. @throws FullException when every slot is taken */
  public void acquire() throws FullException {
    if (closed || !slots.tryAcquire()) {
      throw new FullException("Too many event streams open; try again later");
    }
  }

  /** Gives back a slot taken by {@link #acquire()} when the stream could not begin. */
  public void release() {
    slots.release();
  }

  /**
   * Streams events matching {@code categories} to {@code out} until the client goes away or the
   * relay closes. The caller has {@link #acquire() acquired} a slot; it is released here.
   *
   * @param resumeFrom the client's {@code Last-Event-ID} position, or {@code null} to start at the end
   */
  public void stream(final OutputStream out, final Set<String> categories, final EventPosition resumeFrom) {
    metrics.sseClients.incrementAndGet();
    final Consumer<String, byte[]> consumer = consumers.get();
    open.add(consumer);
    try {
      final EventPosition position = start(consumer, resumeFrom);
      write(out, "retry: 3000\n: connected at " + position.encode() + "\n\n");
      long lastWrite = System.nanoTime();
      while (!closed) {
        final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(Math.min(500, heartbeat.toMillis())));
        final StringBuilder batch = new StringBuilder();
        for (final ConsumerRecord<String, byte[]> r : records) {
          position.advance(r.partition(), r.offset());
          final ObjectNode data = data(r);
          if (data != null && categories.contains(data.path("category").asText())) {
            batch.append("event: trial\nid: ").append(position.encode()).append("\ndata: ")
                .append(json.writeValueAsString(data)).append("\n\n");
            metrics.sseEventsSent.increment();
          }
        }
        if (batch.length() > 0) {
          write(out, batch.toString());
          lastWrite = System.nanoTime();
        } else if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
          write(out, ": heartbeat\n\n");
          lastWrite = System.nanoTime();
        }
      }
    } catch (final IOException e) {
      LOG.debug("Event stream client went away: {}", e.toString());
    } catch (final WakeupException e) {
      LOG.debug("Event stream closed by shutdown");
    } finally {
      open.remove(consumer);
      consumer.close(Duration.ofSeconds(2));
      metrics.sseClients.decrementAndGet();
      slots.release();
    }
  }

  private EventPosition start(final Consumer<String, byte[]> consumer, final EventPosition resumeFrom) {
    final List<TopicPartition> partitions = new ArrayList<>();
    final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos != null) {
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    consumer.assign(partitions);
    final EventPosition position = EventPosition.empty();
    if (resumeFrom == null) {
      consumer.seekToEnd(partitions);
      partitions.forEach(tp -> position.set(tp.partition(), consumer.position(tp)));
      return position;
    }
    final Map<Integer, Long> wanted = resumeFrom.offsets();
    final List<TopicPartition> fromStart = new ArrayList<>();
    for (final TopicPartition tp : partitions) {
      final Long offset = wanted.get(tp.partition());
      if (offset == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, offset);
      }
    }
    if (!fromStart.isEmpty()) {
      // An empty list would mean "every assigned partition".
      consumer.seekToBeginning(fromStart);
    }
    partitions.forEach(tp -> position.set(tp.partition(), consumer.position(tp)));
    return position;
  }

  private ObjectNode data(final ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    final TrialEvent e;
    try {
      e = deserializer.deserialize(r.topic(), r.value());
    } catch (final RuntimeException ex) {
      LOG.warn("Skipping undecodable trial event at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), ex.getMessage());
      return null;
    }
    final ObjectNode d = json.createObjectNode();
    d.put("id", e.getTrialId());
    d.put("op", e.getOp().name());
    final TrialSnapshot after = e.getAfter();
    d.put("category", after.getCategory());
    d.put("title", after.getTitle());
    d.put("status", after.getStatus());
    d.put("phase", after.getPhase());
    d.put("registry", e.getRegistry());
    e.getChangedFields().forEach(d.putArray("changedFields")::add);
    d.set("before", snapshot(e.getBefore()));
    d.set("after", snapshot(after));
    e.getSameAs().forEach(d.putArray("sameAs")::add);
    d.put("ts", e.getTs().toEpochMilli());
    return d;
  }

  private ObjectNode snapshot(final TrialSnapshot s) {
    if (s == null) {
      return null;
    }
    final ObjectNode n = json.createObjectNode();
    n.put("title", s.getTitle());
    n.put("status", s.getStatus());
    n.put("phase", s.getPhase());
    n.put("category", s.getCategory());
    n.put("lastUpdatePosted", s.getLastUpdatePosted());
    return n;
  }

  private static void write(final OutputStream out, final String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every stream and refuses new ones. */
  @Override
  public void close() {
    closed = true;
    open.forEach(Consumer::wakeup);
  }
}
