package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryWorldTest {
  static final Address A = Address.fromHex("0x00000000000000000000000000000000000000aa");

  @Test
  void nestedSnapshotsRevertInOrder() {
    InMemoryWorld w = new InMemoryWorld();
    w.put(A, UInt256.valueOf(10), 1, Bytes.EMPTY, Map.of(UInt256.ONE, UInt256.valueOf(5)));
    w.beginTransaction();
    int outer = w.snapshot();
    w.setStorage(A, UInt256.ONE, UInt256.valueOf(6));
    w.setBalance(A, UInt256.valueOf(11));
    int inner = w.snapshot();
    w.setStorage(A, UInt256.ONE, UInt256.ZERO);
    w.setCode(A, Bytes.fromHex("0x00"));
    w.revert(inner);
    assertThat(w.storage(A, UInt256.ONE)).isEqualTo(UInt256.valueOf(6));
    assertThat(w.code(A)).isEqualTo(Bytes.EMPTY);
    assertThat(w.codeHash(A)).isEqualTo(Keccak.EMPTY_HASH);
    assertThat(w.originalStorage(A, UInt256.ONE)).isEqualTo(UInt256.valueOf(5));
    w.commit(inner);
    w.revert(outer);
    assertThat(w.storage(A, UInt256.ONE)).isEqualTo(UInt256.valueOf(5));
    assertThat(w.balance(A)).isEqualTo(UInt256.valueOf(10));
  }

  @Test
  void createAccountKeepsBalanceAndClearsTheRest() {
    InMemoryWorld w = new InMemoryWorld();
    w.put(A, UInt256.valueOf(10), 3, Bytes.fromHex("0x00"), Map.of(UInt256.ONE, UInt256.ONE));
    int s = w.snapshot();
    w.createAccount(A);
    assertThat(w.balance(A)).isEqualTo(UInt256.valueOf(10));
    assertThat(w.nonce(A)).isZero();
    assertThat(w.hasStorage(A)).isFalse();
    assertThat(w.code(A).isEmpty()).isTrue();
    w.revert(s);
    assertThat(w.nonce(A)).isEqualTo(3);
    assertThat(w.hasStorage(A)).isTrue();
  }

  @Test
  void emptinessFollowsEip161() {
    InMemoryWorld w = new InMemoryWorld();
    assertThat(w.isDead(A)).isTrue();
    assertThat(w.isEmpty(A)).isFalse();
    w.setBalance(A, UInt256.ZERO);
    assertThat(w.exists(A)).isTrue();
    assertThat(w.isEmpty(A)).isTrue();
    w.setNonce(A, 1);
    assertThat(w.isDead(A)).isFalse();
  }
}
