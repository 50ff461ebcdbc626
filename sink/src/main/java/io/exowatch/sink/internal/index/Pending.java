package io.exowatch.sink.internal.index;

import java.util.Map;

/** One consumed Kafka record waiting in a batch: a document write, a delete, or a record that could not be decoded. */
public sealed interface Pending permits Pending.Write, Pending.Undecodable {

  /** Where the record came from, and its raw bytes for the dead-letter topic. */
  record Origin(String topic, int partition, long offset, String key, byte[] value) {
    /** {@code topic-partition@offset}, for messages. */
    public String position() {
      return topic + "-" + partition + "@" + offset;
    }
  }

  /** Where the record came from. */
  Origin origin();

  /**
   * Index {@code document} (or delete when it is {@code null}) under {@code id}, with external
   * {@code version} so an older record never replaces a newer one.
   *
   * @param json the document serialised once, {@code null} for a delete
   */
  record Write(Origin origin, String index, String id, long version, Map<String, Object> document, byte[] json)
      implements Pending {
    /** Whether this deletes the document (a tombstone). */
    public boolean isDelete() {
      return json == null;
    }

    /** Bytes this adds to a bulk request, roughly. */
    public long bytes() {
      return (json == null ? 0 : json.length) + 128L;
    }
  }

  /** A record whose key or value cannot be read; it goes to the dead-letter topic as is. */
  record Undecodable(Origin origin, String reason, String errorClass) implements Pending {}
}
