package io.levity.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.testing.ManualScheduler;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MempoolTest extends MempoolFixture {
  @Test
  void selectsByTipAndKeepsNonceOrderPerSender() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(1);
    TransactionSigner b = signer(2);
    pool.add(tx(a, 1, 50, 100), 100); // waits behind nonce 0
    pool.add(tx(a, 0, 1, 100), 100);
    pool.add(tx(b, 0, 10, 100), 100);
    List<Mempool.Entry> block = pool.select(UInt256.valueOf(5), 30_000_000, 100);
    assertThat(block)
        .extracting(e -> e.sender().toString() + "#" + e.nonce())
        .containsExactly(b.address() + "#0", a.address() + "#0", a.address() + "#1");
    assertThat(pool.pendingNonce(a.address())).isEqualTo(2);
  }

  @Test
  void transactionsAlreadyInAnUncommittedBlockArePassedOverInNonceOrder() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(1);
    ValidatedTransaction a0 = tx(a, 0, 1, 100);
    pool.add(a0, 100);
    pool.add(tx(a, 1, 1, 100), 100);
    pool.add(tx(a, 2, 1, 100), 100);
    List<Mempool.Entry> next = pool.select(UInt256.valueOf(5), 42_000, 100, Set.of(a0.hash()));
    assertThat(next)
        .as("a#0 is proposed already; a#1 and a#2 follow it and fill the gas")
        .extracting(Mempool.Entry::nonce)
        .containsExactly(1L, 2L);
  }

  @Test
  void feeCapBelowBaseFeeWaits() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    pool.add(tx(signer(1), 0, 1, 7), 100);
    assertThat(pool.select(UInt256.valueOf(8), 30_000_000, 10)).isEmpty();
    assertThat(pool.select(UInt256.valueOf(7), 30_000_000, 10)).hasSize(1);
  }

  @Test
  void replacementNeedsAPriceBump() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(1);
    pool.add(tx(a, 0, 10, 100), 100);
    assertThatThrownBy(() -> pool.add(tx(a, 0, 10, 109), 100))
        .isInstanceOf(MempoolException.class)
        .extracting(e -> ((MempoolException) e).error())
        .isEqualTo(MempoolError.REPLACEMENT_UNDERPRICED);
    assertThat(pool.add(tx(a, 0, 11, 110), 100)).isEqualTo(Mempool.Added.REPLACED);
    assertThat(pool.size()).isEqualTo(1);
    assertThatThrownBy(() -> pool.add(tx(a, 0, 11, 110), 100))
        .hasMessageContaining("already known");
  }

  @Test
  void stateChecksAndLimits() throws Exception {
    Mempool pool =
        new Mempool(
            MempoolConfig.DEFAULT.withCounts(3, 2), state, 30_000_000, new ManualScheduler());
    TransactionSigner a = signer(1);
    nonces.put(a.address(), 5L);
    assertThatThrownBy(() -> pool.add(tx(a, 4, 1, 10), 100)).hasMessageContaining("nonce too low");
    assertThatThrownBy(() -> pool.add(tx(a, 7, 1, 10), 100)).hasMessageContaining("too far ahead");
    pool.add(tx(a, 5, 1, 10), 100);
    pool.add(tx(a, 6, 1, 10), 100);
    TransactionSigner poor = signer(3);
    balances.put(poor.address(), UInt256.valueOf(1000));
    assertThatThrownBy(() -> pool.add(tx(poor, 0, 1, 10), 100))
        .hasMessageContaining("insufficient funds");
    assertThatThrownBy(() -> pool.add(tx(signer(4), 0, 1, 10), 200_000))
        .hasMessageContaining("too large");
    // the pool holds 3: a fourth evicts the cheapest only if it pays more
    pool.add(tx(signer(5), 0, 5, 10), 100);
    assertThatThrownBy(() -> pool.add(tx(signer(6), 0, 1, 10), 100))
        .hasMessageContaining("pool is full");
    pool.add(tx(signer(7), 0, 9, 10), 100);
    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.bySender(a.address()))
        .extracting(Mempool.Entry::nonce)
        .containsExactly(5L); // highest nonce went
  }

  @Test
  void newStateDropsMinedAndUnaffordable() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(1);
    TransactionSigner b = signer(2);
    pool.add(tx(a, 0, 1, 10), 100);
    pool.add(tx(a, 1, 1, 10), 100);
    pool.add(tx(b, 0, 1, 10), 100);
    nonces.put(a.address(), 1L);
    balances.put(b.address(), UInt256.ZERO);
    pool.onNewState(state, 30_000_000);
    assertThat(pool.all())
        .extracting(e -> e.sender().toString() + "#" + e.nonce())
        .containsExactly(a.address() + "#1");
    assertThat(pool.contains(Bytes32.ZERO)).isFalse();
  }
}
