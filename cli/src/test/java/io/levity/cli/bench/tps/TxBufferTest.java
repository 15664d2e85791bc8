package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.sdk.tx.SignedTx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Pre-signed buffers: handed out by nonce, signed on the spot where they do not fit. */
class TxBufferTest {
  private static String body(SignedTx tx) {
    return new String(tx.raw().toArray(), StandardCharsets.UTF_8);
  }

  private static TxBuffer presigned(long start, int count) throws InterruptedException {
    List<TxBuffer> buffers =
        Presigner.sign(
            List.of(SenderLaneTest::tx),
            new long[] {start},
            count,
            "[test]",
            new PrintWriter(new StringWriter()));
    return buffers.get(0);
  }

  @Test
  void theWindowGetsThePreSignedTransactionsInNonceOrder() throws InterruptedException {
    TxBuffer b = presigned(10, 4);
    assertThat(LongStream.range(10, 14).mapToObj(n -> body(b.next(n))))
        .containsExactly("10:0", "11:1", "12:2", "13:3");
    assertThat(b.signedLate()).isZero();
    assertThat(b.remaining()).isZero();
    // ran out: signed on the spot, continuing the sequence (fresh recipients)
    assertThat(body(b.next(14))).isEqualTo("14:4");
    assertThat(b.signedLate()).isEqualTo(1);
  }

  @Test
  void aFreedNonceIsSignedOnTheSpotAndTheBufferGoesOn() throws InterruptedException {
    TxBuffer b = presigned(10, 4);
    assertThat(body(b.next(10))).isEqualTo("10:0");
    assertThat(body(b.next(11))).isEqualTo("11:1");
    // 11 was refused for good: a new transaction takes the nonce, with a sequence number no
    // pre-signed one has
    assertThat(body(b.next(11))).isEqualTo("11:4");
    assertThat(body(b.next(12))).isEqualTo("12:2");
    assertThat(b.signedLate()).isEqualTo(1);
    assertThat(b.remaining()).isEqualTo(1);
  }

  @Test
  void aResyncDropsThePassedNonces() throws InterruptedException {
    TxBuffer b = presigned(10, 6);
    assertThat(body(b.next(10))).isEqualTo("10:0");
    assertThat(body(b.next(13))).isEqualTo("13:3"); // the node's nonce jumped to 13
    assertThat(b.dropped()).isEqualTo(2);
    assertThat(b.signedLate()).isZero();
    assertThat(body(b.next(20))).isEqualTo("20:6");
    assertThat(b.dropped()).isEqualTo(4);
  }

  @Test
  void presigningCoversEverySenderOnAllCoresWithTheirOwnNonces() throws InterruptedException {
    int perSender = 700; // several chunks per sender
    long[] starts = {0, 5, 1_000};
    List<SenderLane.TxMaker> makers =
        List.of(SenderLaneTest::tx, SenderLaneTest::tx, SenderLaneTest::tx);
    StringWriter log = new StringWriter();
    List<TxBuffer> buffers =
        Presigner.sign(makers, starts, perSender, "[t]", new PrintWriter(log, true));
    for (int s = 0; s < 3; s++) {
      TxBuffer b = buffers.get(s);
      for (int k = 0; k < perSender; k++)
        assertThat(body(b.next(starts[s] + k))).isEqualTo((starts[s] + k) + ":" + k);
      assertThat(b.signedLate()).isZero();
    }
    assertThat(log.toString()).contains("pre-signed 2100 transactions");
  }

  @Test
  void theDefaultBufferCoversTheWindowAtTheCeilingRate() {
    // 20 s at 4000 tx/s over 20 senders, plus a window of 128
    assertThat(Presigner.defaultPerSender(20, 0, 20, 128, 4000, 20_000)).isEqualTo(4128);
    // an offered rate sizes it instead
    assertThat(Presigner.defaultPerSender(20, 200, 20, 128, 4000, 20_000)).isEqualTo(328);
    assertThat(Presigner.defaultPerSender(600, 0, 1, 128, 4000, 20_000)).isEqualTo(20_000);
  }
}
