package io.levity.sdk.rpc;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit; past it, stops reading (the connection is dropped) and
 * yields null instead of holding an unbounded answer in memory.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBody(int limit) {
    this.limit = limit;
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
      int n = b.remaining();
      if ((long) buffer.size() + n > limit) {
        subscription.cancel();
        result.complete(null);
        return;
      }
      if (b.hasArray()) {
        buffer.write(b.array(), b.arrayOffset() + b.position(), n);
      } else {
        byte[] chunk = new byte[n];
        b.get(chunk);
        buffer.write(chunk, 0, n);
      }
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
