package io.levity.sdk.rpc;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of the JDK HTTP client up to a limit, so a broken or hostile server
 * cannot make a client hold an unbounded answer in memory. Past the limit it stops reading (the
 * connection is dropped) and yields null ({@link #orNull}) or the bytes up to the limit ({@link
 * #cut}), as the caller prefers to notice an oversized answer.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final boolean keepHead;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(int limit, boolean keepHead) {
    if (limit < 0) throw new IllegalArgumentException("negative limit " + limit);
    this.limit = limit;
    this.keepHead = keepHead;
  }

  /** Bodies of at most {@code limit} bytes; a longer one is null. */
  public static HttpResponse.BodyHandler<byte[]> orNull(int limit) {
    return info -> new CappedBody(limit, false);
  }

  /**
   * The first {@code limit} bytes of a body: a longer one is cut there (and then fails to parse or
   * verify where that matters).
   */
  public static HttpResponse.BodyHandler<byte[]> cut(int limit) {
    return info -> new CappedBody(limit, true);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) return;
    for (ByteBuffer b : items) {
      int room = limit - buffer.size();
      if (b.remaining() > room) {
        if (keepHead) write(b, room);
        subscription.cancel();
        result.complete(keepHead ? buffer.toByteArray() : null);
        return;
      }
      write(b, b.remaining());
    }
  }

  private void write(ByteBuffer b, int n) {
    if (b.hasArray()) {
      buffer.write(b.array(), b.arrayOffset() + b.position(), n);
    } else {
      byte[] chunk = new byte[n];
      b.get(chunk);
      buffer.write(chunk, 0, n);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }
}
