package io.levity.sdk.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** Bodies up to the limit arrive whole; past it reading stops and the body is null or cut. */
class CappedBodyTest {
  /** Records whether the subscriber gave up on the rest of the body. */
  private static final class Subscription implements Flow.Subscription {
    boolean cancelled;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static byte[] feed(
      HttpResponse.BodyHandler<byte[]> handler, Subscription s, byte[]... chunks) {
    HttpResponse.BodySubscriber<byte[]> body = handler.apply(null);
    body.onSubscribe(s);
    for (byte[] c : chunks) {
      // a read-only buffer has no accessible array: the copying branch
      ByteBuffer b = c.length % 2 == 0 ? ByteBuffer.wrap(c) : ByteBuffer.wrap(c).asReadOnlyBuffer();
      body.onNext(List.of(b));
    }
    if (!s.cancelled) body.onComplete();
    return body.getBody().toCompletableFuture().join();
  }

  @Test
  void aBodyOfExactlyTheLimitArrivesWholeInBothModes() {
    for (HttpResponse.BodyHandler<byte[]> h : List.of(CappedBody.orNull(5), CappedBody.cut(5))) {
      Subscription s = new Subscription();
      assertThat(feed(h, s, new byte[] {1, 2}, new byte[] {3, 4, 5}))
          .containsExactly(1, 2, 3, 4, 5);
      assertThat(s.cancelled).isFalse();
    }
  }

  @Test
  void pastTheLimitOrNullYieldsNullAndStopsReading() {
    Subscription s = new Subscription();
    assertThat(feed(CappedBody.orNull(4), s, new byte[] {1, 2}, new byte[] {3, 4, 5})).isNull();
    assertThat(s.cancelled).isTrue();
  }

  @Test
  void pastTheLimitCutKeepsTheFirstBytesAndStopsReading() {
    Subscription s = new Subscription();
    assertThat(feed(CappedBody.cut(4), s, new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7}))
        .containsExactly(1, 2, 3, 4);
    assertThat(s.cancelled).isTrue();
  }
}
