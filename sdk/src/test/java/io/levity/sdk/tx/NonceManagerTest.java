package io.levity.sdk.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nonces are never handed out twice: across node restarts, client restarts and failed sends. */
class NonceManagerTest {
  private static final Address A = Address.fromHex("0x00000000000000000000000000000000000000aa");
  private static final Address B = Address.fromHex("0x00000000000000000000000000000000000000bb");

  /** The node's pending counts; a test sets them as a node would report them. */
  private final Map<Address, Long> node = new HashMap<>();

  private long pending(Address a) {
    return node.getOrDefault(a, 0L);
  }

  @TempDir Path dir;

  @Test
  void startsFromTheNodeAndCountsOnItself() {
    node.put(A, 5L);
    NonceManager m = NonceManager.inMemory(this::pending, NonceManager.Refresh.ON_FIRST_USE);
    assertThat(m.reserve(A)).isEqualTo(5);
    assertThat(m.reserve(A)).isEqualTo(6);
    assertThat(m.reserve(B)).isZero();
    assertThat(m.known(A)).hasValue(7);
  }

  @Test
  void aNodeThatForgotItsMempoolDoesNotMoveTheManagerBack() {
    node.put(A, 3L);
    NonceManager m = NonceManager.inMemory(this::pending, NonceManager.Refresh.EVERY_RESERVATION);
    for (long n = 3; n < 6; n++) {
      assertThat(m.reserve(A)).isEqualTo(n);
      m.markUsed(A, n);
      node.put(A, n + 1); // the node acknowledged it
    }
    node.put(A, 3L); // the node restarted and lost 3, 4, 5 from its mempool
    assertThat(m.reserve(A)).isEqualTo(6);
    assertThat(m.resync(A)).isEqualTo(7);
    node.put(A, 10L); // another client of the same key sent 7..9
    assertThat(m.reserve(A)).isEqualTo(10);
  }

  @Test
  void aClientRestartResumesFromTheStateFile() throws Exception {
    Path file = dir.resolve("nonces");
    node.put(A, 2L);
    NonceManager first =
        NonceManager.persistent(this::pending, NonceManager.Refresh.ON_FIRST_USE, file);
    assertThat(first.reserve(A)).isEqualTo(2);
    first.markUsed(A, 2);
    assertThat(first.reserve(A)).isEqualTo(3); // handed out, then the client crashed
    assertThat(Files.readString(file)).isEqualTo(A.toHex() + " 4\n");

    node.put(A, 2L); // and the node restarted too, forgetting both
    NonceManager second =
        NonceManager.persistent(this::pending, NonceManager.Refresh.ON_FIRST_USE, file);
    assertThat(second.known(A)).hasValue(4);
    assertThat(second.reserve(A)).isEqualTo(4);
    node.put(B, 8L);
    assertThat(second.reserve(B)).isEqualTo(8);

    NonceManager third =
        NonceManager.persistent(this::pending, NonceManager.Refresh.ON_FIRST_USE, file);
    assertThat(third.reserve(A)).isEqualTo(5);
    assertThat(third.reserve(B)).isEqualTo(9);

    Files.writeString(file, "not a nonce file\n");
    assertThatThrownBy(
            () -> NonceManager.persistent(this::pending, NonceManager.Refresh.ON_FIRST_USE, file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is damaged");
  }

  @Test
  void aReleasedNonceIsReusedOnlyIfNothingAfterItWasHandedOut() {
    NonceManager m = NonceManager.inMemory(this::pending, NonceManager.Refresh.ON_FIRST_USE);
    assertThat(m.reserve(A)).isZero();
    assertThat(m.release(A, 0)).isTrue();
    assertThat(m.reserve(A)).isZero(); // taken back: nothing after it

    assertThat(m.reserve(A)).isEqualTo(1);
    assertThat(m.reserve(A)).isEqualTo(2);
    m.markUsed(A, 0);
    m.markUsed(A, 2);
    assertThat(m.release(A, 1)).isFalse(); // 2 is out: 1 is a gap
    assertThat(m.gaps(A)).containsExactly(1L);
    assertThat(m.reserve(A)).isEqualTo(3); // never handed out again by itself
    assertThat(m.reclaimGap(A)).hasValue(1);
    assertThat(m.gaps(A)).isEmpty();
    m.markUsed(A, 1);
    assertThat(m.reclaimGap(A)).isEmpty();

    // released from the top down: both come back
    assertThat(m.reserve(A)).isEqualTo(4);
    assertThat(m.reserve(A)).isEqualTo(5);
    assertThat(m.release(A, 4)).isFalse();
    assertThat(m.release(A, 5)).isTrue();
    assertThat(m.gaps(A)).isEmpty();
    assertThat(m.reserve(A)).isEqualTo(4);
    assertThatThrownBy(() -> m.release(A, 1)).hasMessageContaining("not outstanding");
  }

  @Test
  void gapsTheNodeFilledAreForgottenOnResync() {
    NonceManager m = NonceManager.inMemory(this::pending, NonceManager.Refresh.ON_FIRST_USE);
    m.reserve(A);
    m.reserve(A);
    m.release(A, 0);
    assertThat(m.gaps(A)).containsExactly(0L);
    node.put(A, 2L); // someone else's transaction took nonce 0
    m.resync(A);
    assertThat(m.gaps(A)).isEmpty();
  }

  @Test
  void aFailedNodeLookupReservesNothing() {
    NonceManager m =
        NonceManager.inMemory(
            a -> {
              throw new IllegalStateException("node down");
            },
            NonceManager.Refresh.EVERY_RESERVATION);
    assertThatThrownBy(() -> m.reserve(A)).hasMessage("node down");
    assertThat(m.known(A)).hasValue(0);
  }
}
