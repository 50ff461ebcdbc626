package io.exowatch.sink.internal.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches of {@link Pending.Write}s as one {@code _bulk} request with external versioning
 * (STYLE.md 10 and 14: the buffer decides when, this class does the I/O).
 *
 * <p>Outcomes per item: 2xx is indexed or deleted; a delete answered 404 is a delete of something
 * already gone; 409 is a version conflict (a newer version is indexed) and not an error; 429 and
 * 5xx items are retried, alone, with backoff; any other status is a rejection for good (mapping
 * errors) and is returned for the dead-letter topic. A whole request answered 429/5xx or failing
 * with an I/O error is retried with backoff up to the policy's limit; other statuses fail at once.
 */
public final class BulkWriter {

  private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
  private static final String NDJSON = "application/x-ndjson";

  private final OpenSearchHttp http;
  private final ObjectMapper json;
  private final RetryPolicy retry;

  /** A writer sending through {@code http}, retrying per {@code retry}. */
  public BulkWriter(final OpenSearchHttp http, final RetryPolicy retry) {
    this.http = http;
    this.json = http.json();
    this.retry = retry;
  }

  /**
   * Writes {@code writes}; returns what happened to each.
   *
   * @throws BulkFailedException when OpenSearch stays unavailable after every retry, or refuses the request
   * @throws InterruptedException when interrupted while backing off
   */
  public BulkOutcome write(final List<Pending.Write> writes) throws BulkFailedException, InterruptedException {
    int indexed = 0;
    int deleted = 0;
    int conflicts = 0;
    final List<BulkOutcome.Rejected> rejected = new ArrayList<>();
    List<Pending.Write> todo = writes;
    int attempt = 0;
    while (!todo.isEmpty()) {
      final JsonNode items = send(todo, attempt);
      final List<Pending.Write> again = new ArrayList<>();
      String lastTransient = null;
      for (int i = 0; i < todo.size(); i++) {
        final Pending.Write w = todo.get(i);
        final JsonNode item = items.get(i).elements().next();
        final int status = item.path("status").asInt();
        if (status >= 200 && status < 300) {
          if (w.isDelete()) {
            deleted++;
          } else {
            indexed++;
          }
        } else if (status == 404 && w.isDelete()) {
          deleted++;
        } else if (status == 409) {
          conflicts++;
        } else if (status == 429 || status >= 500) {
          again.add(w);
          lastTransient = status + " " + item.path("error").path("reason").asText("");
        } else {
          final JsonNode error = item.path("error");
          rejected.add(new BulkOutcome.Rejected(w, status, error.path("type").asText("unknown"), reason(error)));
        }
      }
      if (!again.isEmpty()) {
        attempt++;
        if (attempt > retry.maxRetries()) {
          throw new BulkFailedException(again.size() + " of " + writes.size() + " bulk items to " + http.url()
              + " still failing after " + retry.maxRetries() + " retries, last: " + lastTransient, true, null);
        }
        LOG.warn("Bulk: {} items answered {}; retry {} of {}", again.size(), lastTransient, attempt, retry.maxRetries());
        retry.pause(attempt);
      }
      todo = again;
    }
    return new BulkOutcome(indexed, deleted, conflicts, List.copyOf(rejected));
  }

  /** Sends one request, retrying the whole of it on I/O errors, 429 and 5xx; returns its {@code items}. */
  private JsonNode send(final List<Pending.Write> writes, final int itemAttempts)
      throws BulkFailedException, InterruptedException {
    final byte[] body = body(writes);
    int attempt = 0;
    while (true) {
      String failure;
      Throwable cause = null;
      try {
        final OpenSearchHttp.Reply reply = http.send("POST", "/_bulk", body, NDJSON);
        if (reply.ok()) {
          final JsonNode root = json.readTree(reply.body());
          final JsonNode items = root.path("items");
          if (!items.isArray() || items.size() != writes.size()) {
            throw new BulkFailedException("Bulk response from " + http.url() + " has " + items.size()
                + " items for " + writes.size() + " operations", false, null);
          }
          return items;
        }
        failure = "HTTP " + reply.status() + ": " + abbreviate(reply.text());
        if (reply.status() != 429 && reply.status() < 500) {
          throw new BulkFailedException("Bulk request to " + http.url() + "/_bulk refused, " + failure, false, null);
        }
      } catch (final IOException e) {
        failure = e.toString();
        cause = e;
      }
      attempt++;
      if (attempt + itemAttempts > retry.maxRetries()) {
        throw new BulkFailedException("Bulk request to " + http.url() + "/_bulk failed after "
            + retry.maxRetries() + " retries: " + failure, true, cause);
      }
      LOG.warn("Bulk request to {} failed ({}); retry {} of {}", http.url(), failure, attempt, retry.maxRetries());
      retry.pause(attempt);
    }
  }

  private byte[] body(final List<Pending.Write> writes) throws BulkFailedException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(writes.size() * 512);
    try {
      for (final Pending.Write w : writes) {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
          g.writeStartObject();
          g.writeObjectFieldStart(w.isDelete() ? "delete" : "index");
          g.writeStringField("_index", w.index());
          g.writeStringField("_id", w.id());
          g.writeNumberField("version", w.version());
          g.writeStringField("version_type", "external");
          g.writeEndObject();
          g.writeEndObject();
        }
        out.write('\n');
        if (!w.isDelete()) {
          out.write(w.json());
          out.write('\n');
        }
      }
    } catch (final IOException e) {
      throw new BulkFailedException("Cannot write bulk body: " + e.getMessage(), false, e);
    }
    return out.toByteArray();
  }

  private static String reason(final JsonNode error) {
    final StringBuilder sb = new StringBuilder(error.path("reason").asText("no reason given"));
    final JsonNode cause = error.path("caused_by");
    if (!cause.isMissingNode()) {
      sb.append(" (caused by ").append(cause.path("type").asText()).append(": ")
          .append(cause.path("reason").asText()).append(')');
    }
    return sb.toString();
  }

  private static String abbreviate(final String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
