package io.levity.compute.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay guard remembers each user's highest nonce across a restart. */
class DurableNonceGuardTest {
  @TempDir Path dir;

  @Test
  void aServedNonceStaysServedAfterARestart() throws IOException {
    Address alice = ServingFixture.ALICE.address();
    Address bob = ServingFixture.MALLORY.address();
    DurableNonceGuard g = new DurableNonceGuard(dir.resolve("nonces"));
    assertThat(g.accept(alice, 5)).isTrue();
    assertThat(g.accept(alice, 5)).isFalse();
    assertThat(g.accept(alice, 4)).isFalse();
    assertThat(g.accept(bob, 1)).isTrue();
    assertThat(g.accept(alice, -1L)).as("unsigned: 2^64-1 is above 5").isTrue();

    DurableNonceGuard again = new DurableNonceGuard(dir.resolve("nonces"));
    assertThat(again.fresh(alice, -1L)).isFalse();
    assertThat(again.fresh(bob, 1)).isFalse();
    assertThat(again.fresh(bob, 2)).isTrue();
    assertThat(again.highest(ServingFixture.PROVIDER.address())).isEqualTo(-1);
  }
}
