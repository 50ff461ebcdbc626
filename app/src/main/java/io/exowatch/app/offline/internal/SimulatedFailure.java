package io.exowatch.app.offline.internal;

import java.nio.charset.StandardCharsets;

/**
 * A request the simulator answers with an error, in the format the real source would use: the
 * status, a content type and a body. Thrown by handlers and turned into the response by
 * {@link Exchanges#handle}.
 */
public final class SimulatedFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String contentType;
  private final String body;

  /**
   * A failure.
   *
   * @param status the HTTP status
   * @param contentType the response content type
   * @param body the response body
   */
  public SimulatedFailure(final int status, final String contentType, final String body) {
    super(status + ": " + body);
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  /** A {@code text/plain} failure, the way ClinicalTrials.gov and most sources report errors. */
  public static SimulatedFailure text(final int status, final String message) {
    return new SimulatedFailure(status, Exchanges.TEXT, message);
  }

  /** 400 with a plain-text message naming the bad parameter. */
  public static SimulatedFailure badRequest(final String message) {
    return text(400, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The content type of the body. */
  public String contentType() {
    return contentType;
  }

  /** The body as UTF-8 bytes. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
