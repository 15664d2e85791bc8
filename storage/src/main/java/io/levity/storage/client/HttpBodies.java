package io.levity.storage.client;

import io.levity.sdk.rpc.CappedBody;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
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
    return CappedBody.cut(MAX_REPLY_BYTES);
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
