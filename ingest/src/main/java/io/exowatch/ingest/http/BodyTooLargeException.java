package io.exowatch.ingest.http;

import java.net.URI;

/**
 * A response body exceeded the configured maximum ({@code http.max-body-bytes}); reading stopped at
 * the limit. Not transient. {@link #partialBody()} holds what was read, so it can be dead-lettered.
 */
public class BodyTooLargeException extends FetchException {

  private static final long serialVersionUID = 1L;

  private final long limit;
  private final transient byte[] partialBody;

  /**
   * A body over {@code limit} bytes.
   *
   * @param url the URL requested
   * @param limit the limit in bytes
   * @param declaredLength the {@code Content-Length} when the server sent one, else -1
   * @param partialBody the bytes read before stopping (may be empty)
   */
  public BodyTooLargeException(final URI url, final long limit, final long declaredLength,
      final byte[] partialBody) {
    super(url, "Response body exceeds the limit of " + limit + " bytes"
        + (declaredLength >= 0 ? " (Content-Length " + declaredLength + ")" : ""), false, null);
    this.limit = limit;
    this.partialBody = partialBody.clone();
  }

  /** The limit in bytes. */
  public long limit() {
    return limit;
  }

  /** The bytes read before reading stopped. */
  public byte[] partialBody() {
    return partialBody == null ? new byte[0] : partialBody.clone();
  }
}
