package io.exowatch.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Server-Sent-Events client over {@code java.net.http}, read line by line on a daemon thread as
 * the text/event-stream format says: {@code event:}, {@code id:} and {@code data:} fields, a blank
 * line ends an event, lines starting with {@code :} are comments. Keeps every event and comment it
 * saw; {@link #close()} ends the connection.
 */
final class SseStream implements AutoCloseable {

  /** One dispatched event. */
  record Event(String name, String id, String data) {}

  private final InputStream body;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private volatile Throwable failure;
  private volatile boolean ended;

  private SseStream(final InputStream body) {
    this.body = body;
    final Thread reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects (headers within 30 s, status 200 and {@code text/event-stream} or an AssertionError). */
  static SseStream open(final HttpClient http, final URI uri) {
    final HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Accept", "text/event-stream").GET().build();
    final HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot open " + uri, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted opening " + uri, e);
    }
    final String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
      try (InputStream in = response.body()) {
        throw new AssertionError("GET " + uri + " answered " + response.statusCode() + " " + type + ": "
            + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SseStream(response.body());
  }

  /** Whether the server wrote its first comment (the relay's {@code : connected at <position>}). */
  boolean connected() {
    return !comments.isEmpty();
  }

  /** The first event matching {@code test}. */
  Optional<Event> find(final Predicate<Event> test) {
    return events.stream().filter(test).findFirst();
  }

  /** Every event so far. */
  List<Event> events() {
    return List.copyOf(events);
  }

  /** What was received, and how the stream ended if it did, for assertion messages. */
  String describe() {
    return "SSE stream " + (ended ? "ended" + (failure == null ? "" : " with " + failure) : "open")
        + "; comments " + comments + "; events " + events;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = null;
      String id = null;
      final List<String> data = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name == null ? "message" : name, id, String.join("\n", data)));
          }
          name = null;
          data.clear();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
        } else {
          final int colon = line.indexOf(':');
          final String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "event" -> name = value;
            case "id" -> id = value;
            case "data" -> data.add(value);
            default -> { } // retry: and unknown fields change nothing here
          }
        }
      }
    } catch (final IOException | RuntimeException e) {
      failure = e;
    } finally {
      ended = true;
    }
  }
}
