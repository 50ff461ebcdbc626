package io.exowatch.ingest.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;

/**
 * Reads a response body into memory up to a limit. A {@code Content-Length} over the limit fails
 * before reading; a body that grows past the limit stops reading (the subscription is cancelled, so
 * the rest is never downloaded). Either way the future fails with {@link LimitExceeded}.
 */
public final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

  private final long limit;

  /** A handler accepting at most {@code limit} bytes. */
  public BoundedBodyHandler(final long limit) {
    this.limit = limit;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(final HttpResponse.ResponseInfo info) {
    final long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
    return new Subscriber(limit, declared);
  }

  /**
   * Decompresses a gzip body, failing with {@link LimitExceeded} once the output passes
   * {@code limit} (a small compressed body can inflate to gigabytes).
   */
  public static byte[] gunzip(final byte[] compressed, final long limit) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, 1 << 20));
      final byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > limit) {
          out.write(buf, 0, (int) Math.max(0, limit - out.size()));
          throw new LimitExceeded(-1, out.toByteArray());
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** The body passed the limit; carries what was read and the declared length (-1 if none). */
  public static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long declaredLength;
    private final transient byte[] partial;

    LimitExceeded(final long declaredLength, final byte[] partial) {
      super("body over limit", null, false, false);
      this.declaredLength = declaredLength;
      this.partial = partial;
    }

    /** The {@code Content-Length} the server declared, or -1. */
    public long declaredLength() {
      return declaredLength;
    }

    /** The bytes read before stopping. */
    public byte[] partial() {
      return partial == null ? new byte[0] : partial;
    }
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer;
    private Flow.Subscription subscription;

    Subscriber(final long limit, final long declared) {
      this.limit = limit;
      this.declared = declared;
      this.buffer = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), Math.min(limit, 1 << 20)));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(final Flow.Subscription s) {
      this.subscription = s;
      if (declared > limit) {
        s.cancel();
        result.completeExceptionally(new LimitExceeded(declared, new byte[0]));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (final ByteBuffer b : items) {
        final int n = b.remaining();
        if (buffer.size() + (long) n > limit) {
          final byte[] rest = new byte[(int) (limit - buffer.size())];
          b.get(rest);
          buffer.write(rest, 0, rest.length);
          subscription.cancel();
          result.completeExceptionally(new LimitExceeded(declared, buffer.toByteArray()));
          return;
        }
        final byte[] chunk = new byte[n];
        b.get(chunk);
        buffer.write(chunk, 0, n);
      }
    }

    @Override
    public void onError(final Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(Arrays.copyOf(buffer.toByteArray(), buffer.size()));
    }
  }
}
