package io.levity.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The head deadline in Netty's embedded channel, whose clock the test moves (no sleeping). */
class HeadDeadlineTest {
  private static EmbeddedChannel channel() {
    HeadDeadline d = new HeadDeadline(1000);
    EmbeddedChannel c = new EmbeddedChannel(d.beforeCodec(), new HttpServerCodec(), d.afterCodec());
    c.freezeTime();
    return c;
  }

  private static void send(EmbeddedChannel c, String s) {
    c.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
  }

  private static void advance(EmbeddedChannel c, long millis) {
    c.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    c.runScheduledPendingTasks();
  }

  @Test
  void aHeadStillArrivingAtTheDeadlineClosesTheConnection() {
    EmbeddedChannel c = channel();
    send(c, "POST / HTTP/1.1\r\nHost: x\r\n");
    advance(c, 600);
    send(c, "X-Slow: a"); // a byte now and then does not restart the clock
    advance(c, 399);
    assertThat(c.isOpen()).isTrue();
    advance(c, 2);
    assertThat(c.isOpen()).isFalse();
  }

  @Test
  void aCompleteHeadStopsTheClockAndAnIdleConnectionIsNotTimed() {
    EmbeddedChannel c = channel();
    send(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    advance(c, 60_000);
    assertThat(c.isOpen()).isTrue();
    send(c, "GET /next HTTP/1.1\r\n"); // the next request's head starts a new clock
    advance(c, 1001);
    assertThat(c.isOpen()).isFalse();
  }

  @Test
  void aSlowBodyIsLeftToTheOtherLimits() {
    EmbeddedChannel c = channel();
    send(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
    advance(c, 5000);
    assertThat(c.isOpen()).isTrue();
  }
}
