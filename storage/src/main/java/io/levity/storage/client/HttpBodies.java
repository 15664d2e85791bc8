package io.levity.storage.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/** Request and response bodies of {@link HttpNodeClient} with the limits and counts it needs. */
final class HttpBodies {
  /**
   * Largest reply read into memory (JSON, errors, challenge answers): a node's list of shards for
   * one file, or an answer of at most 128 KiB, is far below it; a hostile node cannot make a client
   * or auditor buffer more.
   */
  static final int MAX_REPLY_BYTES = 4 << 20;

  private HttpBodies() {}

  /**
   * Collects at most {@link #MAX_REPLY_BYTES} of a body, then cancels the rest (a cut body fails to
   * parse or verify).
   */
  static HttpResponse.BodyHandler<byte[]> bounded() {
    return info -> new Bounded();
  }

  private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

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
      for (ByteBuffer b : items) {
        int n = Math.min(b.remaining(), MAX_REPLY_BYTES - buf.size());
        if (n <= 0) break;
        byte[] a = new byte[n];
        b.get(a);
        buf.write(a, 0, n);
      }
      if (buf.size() >= MAX_REPLY_BYTES) {
        subscription.cancel();
        result.complete(buf.toByteArray());
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buf.toByteArray());
    }
  }

  /** A publisher that reports how many bytes of {@code inner} were handed to the connection. */
  static BodyPublisher counting(BodyPublisher inner, LongConsumer sent) {
    return new BodyPublisher() {
      @Override
      public long contentLength() {
        return inner.contentLength();
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        inner.subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                s.onSubscribe(subscription);
              }

              @Override
              public void onNext(ByteBuffer item) {
                int n = item.remaining();
                s.onNext(item);
                sent.accept(n);
              }

              @Override
              public void onError(Throwable t) {
                s.onError(t);
              }

              @Override
              public void onComplete() {
                s.onComplete();
              }
            });
      }
    };
  }
}
