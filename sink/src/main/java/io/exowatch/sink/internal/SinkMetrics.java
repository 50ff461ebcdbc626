package io.exowatch.sink.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The sink's counters, shared by the indexer and the HTTP server and rendered as Prometheus text
 * (exposition format 0.0.4) on {@code /metrics}. Lock-free; every counter only grows.
 */
public final class SinkMetrics {

  /** Documents created or replaced. */
  public final LongAdder indexed = new LongAdder();
  /** Documents deleted by tombstones. */
  public final LongAdder deleted = new LongAdder();
  /** Writes skipped because a newer version is indexed. */
  public final LongAdder conflicts = new LongAdder();
  /** Documents OpenSearch rejected for good (sent to the dead-letter topic). */
  public final LongAdder rejected = new LongAdder();
  /** Records that could not be decoded (sent to the dead-letter topic). */
  public final LongAdder undecodable = new LongAdder();
  /** Bulk requests completed. */
  public final LongAdder bulkRequests = new LongAdder();
  /** Batches that failed after every retry and were re-read from Kafka. */
  public final LongAdder bulkFailures = new LongAdder();
  /** Nanoseconds spent in bulk requests. */
  public final LongAdder bulkNanos = new LongAdder();
  /** Trial events sent to SSE clients. */
  public final LongAdder sseEventsSent = new LongAdder();
  /** SSE clients connected now. */
  public final AtomicInteger sseClients = new AtomicInteger();

  private final Map<String, LongAdder> httpRequests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> httpNanos = new ConcurrentHashMap<>();
  private volatile Supplier<Map<String, Long>> lag = Map::of;

  /** Counts one HTTP request to {@code route} answered with {@code status} after {@code nanos}. */
  public void httpRequest(final String route, final int status, final long nanos) {
    httpRequests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    httpNanos.computeIfAbsent(route, k -> new LongAdder()).add(nanos);
  }

  /** Where the consumer lag per partition comes from (records behind the log end). */
  public void lagSupplier(final Supplier<Map<String, Long>> supplier) {
    this.lag = supplier;
  }

  /** The Prometheus text. */
  public String render() {
    final StringBuilder sb = new StringBuilder(2048);
    counter(sb, "exowatch_sink_documents_indexed_total", "Documents created or replaced in OpenSearch.", indexed.sum());
    counter(sb, "exowatch_sink_documents_deleted_total", "Documents deleted by tombstones.", deleted.sum());
    counter(sb, "exowatch_sink_version_conflicts_total", "Writes skipped because a newer version is indexed.", conflicts.sum());
    counter(sb, "exowatch_sink_documents_rejected_total", "Documents OpenSearch rejected, sent to the dead-letter topic.", rejected.sum());
    counter(sb, "exowatch_sink_records_undecodable_total", "Records that could not be decoded, sent to the dead-letter topic.", undecodable.sum());
    counter(sb, "exowatch_sink_bulk_requests_total", "Bulk requests completed.", bulkRequests.sum());
    counter(sb, "exowatch_sink_bulk_failures_total", "Batches that failed after every retry and were re-read from Kafka.", bulkFailures.sum());
    sb.append("# HELP exowatch_sink_bulk_seconds_total Time spent in bulk requests.\n# TYPE exowatch_sink_bulk_seconds_total counter\n")
        .append("exowatch_sink_bulk_seconds_total ").append(bulkNanos.sum() / 1e9).append('\n');
    counter(sb, "exowatch_sink_sse_events_sent_total", "Trial events sent to SSE clients.", sseEventsSent.sum());
    sb.append("# HELP exowatch_sink_sse_clients SSE clients connected.\n# TYPE exowatch_sink_sse_clients gauge\n")
        .append("exowatch_sink_sse_clients ").append(sseClients.get()).append('\n');
    sb.append("# HELP exowatch_sink_consumer_lag Records behind the log end, per partition.\n# TYPE exowatch_sink_consumer_lag gauge\n");
    lag.get().forEach((tp, n) -> sb.append("exowatch_sink_consumer_lag{partition=\"").append(escape(tp)).append("\"} ").append(n).append('\n'));
    sb.append("# HELP exowatch_http_requests_total HTTP requests by route and status.\n# TYPE exowatch_http_requests_total counter\n");
    httpRequests.forEach((k, v) -> {
      final int sep = k.indexOf('\u0000');
      sb.append("exowatch_http_requests_total{route=\"").append(escape(k.substring(0, sep))).append("\",status=\"")
          .append(k.substring(sep + 1)).append("\"} ").append(v.sum()).append('\n');
    });
    sb.append("# HELP exowatch_http_request_seconds_total Time spent answering HTTP requests, by route.\n# TYPE exowatch_http_request_seconds_total counter\n");
    httpNanos.forEach((k, v) -> sb.append("exowatch_http_request_seconds_total{route=\"").append(escape(k)).append("\"} ")
        .append(v.sum() / 1e9).append('\n'));
    return sb.toString();
  }

  private static void counter(final StringBuilder sb, final String name, final String help, final long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }

  private static String escape(final String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
