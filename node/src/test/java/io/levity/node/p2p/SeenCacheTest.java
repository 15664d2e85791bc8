package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import org.junit.jupiter.api.Test;

class SeenCacheTest {
  private static Bytes32 h(int i) {
    return Keccak.hash(new byte[] {(byte) i});
  }

  private final NodeId peer = new NodeId(h(100));

  @Test
  void duplicatesAreDroppedAndForwardedOnce() {
    SeenCache c = new SeenCache(10);
    assertThat(c.markReceived(h(1), peer)).isTrue();
    assertThat(c.markReceived(h(1), peer)).isFalse();
    assertThat(c.claimForward(h(1))).isEqualTo(new SeenCache.Claim(true, peer));
    assertThat(c.claimForward(h(1)).granted()).isFalse();
    // originated locally: forward once, and a later copy from a peer is a duplicate
    assertThat(c.claimForward(h(2))).isEqualTo(new SeenCache.Claim(true, null));
    assertThat(c.claimForward(h(2)).granted()).isFalse();
    assertThat(c.markReceived(h(2), peer)).isFalse();
  }

  @Test
  void isBoundedOldestFirst() {
    SeenCache c = new SeenCache(3);
    for (int i = 0; i < 5; i++) c.markReceived(h(i), peer);
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.markReceived(h(0), peer)).isTrue(); // evicted, so new again
    assertThat(c.markReceived(h(4), peer)).isFalse();
  }
}
