package io.levity.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.num.UInt256;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.tx.ValidatedTransaction;
import org.junit.jupiter.api.Test;

/**
 * The spam limits: a minimum fee, whole-pool byte cap, the separate queued (nonce-gap) limits, the
 * funds a sender's waiting transactions need together, and the time-to-live.
 */
class MempoolLimitsTest extends MempoolFixture {
  private static final int BIG = 128 * 1024;

  private static long poolBytes(Mempool pool) {
    return pool.all().stream().mapToLong(Mempool.Entry::size).sum();
  }

  private static MempoolError refusal(Mempool pool, ValidatedTransaction tx, int size) {
    try {
      pool.add(tx, size);
      return null;
    } catch (MempoolException e) {
      return e.error();
    }
  }

  @Test
  void aFeeCapBelowTheMinimumIsUnderpricedInGethsWords() {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    pool.setMinFeePerGas(UInt256.valueOf(10));
    assertThatThrownBy(() -> pool.add(tx(signer(1), 0, 1, 9), 100))
        .hasMessageStartingWith("transaction underpriced");
  }

  @Test
  void anUnfundedKeyCannotPayForGasEvenAtTheMinimumFee() {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    pool.setMinFeePerGas(UInt256.valueOf(7));
    TransactionSigner poor = signer(2);
    balances.put(poor.address(), UInt256.ZERO);
    assertThatThrownBy(() -> pool.add(tx(poor, 0, 0, 7), 100))
        .hasMessageStartingWith("insufficient funds for gas * price + value");
  }

  @Test
  void aSendersWaitingTransactionsMustBeAffordableTogether() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(3);
    // one transfer costs 21000 * 10 + 1 wei: the balance pays for one, not two
    balances.put(a.address(), UInt256.valueOf(21_000 * 10 + 1 + 1000));
    pool.add(tx(a, 0, 1, 10), 100);
    assertThatThrownBy(() -> pool.add(tx(a, 1, 1, 10), 100))
        .hasMessageStartingWith("insufficient funds for gas * price + value");
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void thePoolHoldsAtMostItsByteCapAndEvictsTheCheapestForABetterPayer() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    long cap = MempoolConfig.DEFAULT.maxPoolBytes();
    int refused = 0;
    for (int i = 0; i < 600; i++) { // 600 x 128 KiB = 75 MiB offered
      if (refusal(pool, tx(signer(i), 0, 2, 100), BIG) != null) refused++;
    }
    assertThat(poolBytes(pool)).isLessThanOrEqualTo(cap);
    assertThat(refused).isEqualTo(600 - (int) (cap / BIG));
    assertThatThrownBy(() -> pool.add(tx(signer(900), 0, 2, 100), BIG))
        .hasMessageStartingWith("txpool is full");
    int before = pool.size();
    pool.add(tx(signer(901), 0, 3, 100), BIG); // pays more: evicts one paying 2
    assertThat(pool.size()).isEqualTo(before);
    assertThat(poolBytes(pool)).isLessThanOrEqualTo(cap);
  }

  @Test
  void evictionTakesASendersQueuedTransactionBeforeItsPendingOnes() throws Exception {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    long cap = MempoolConfig.DEFAULT.maxPoolBytes();
    TransactionSigner a = signer(4);
    pool.add(tx(a, 0, 1, 100), BIG); // pending, the cheapest
    pool.add(tx(a, 2, 1, 100), BIG); // queued behind a gap
    for (int i = 0; poolBytes(pool) + BIG <= cap; i++) pool.add(tx(signer(10 + i), 0, 5, 100), BIG);
    pool.add(tx(signer(2000), 0, 6, 100), BIG);
    assertThat(pool.bySender(a.address())).extracting(Mempool.Entry::nonce).containsExactly(0L);
    pool.add(tx(signer(2001), 0, 6, 100), BIG);
    assertThat(pool.bySender(a.address())).isEmpty();
  }

  @Test
  void queuedTransactionsHaveASmallerLimitPerSender() {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(5);
    int accepted = 0;
    for (long n = 1; n <= 100; n++) { // nonce 0 never comes: all of them wait behind a gap
      if (refusal(pool, tx(a, n, 1, 100), 100) == null) accepted++;
    }
    assertThat(accepted).isEqualTo(MempoolConfig.DEFAULT.maxQueuedPerSender());
  }

  @Test
  void queuedTransactionsHaveASmallerLimitInTotal() {
    Mempool pool = pool(MempoolConfig.DEFAULT);
    int accepted = 0;
    for (int i = 0; i < 1100; i++) {
      if (refusal(pool, tx(signer(i), 1, 1, 100), 100) == null) accepted++;
    }
    assertThat(accepted).isEqualTo(MempoolConfig.DEFAULT.maxQueued());
    assertThat(pool.size()).isEqualTo(MempoolConfig.DEFAULT.maxQueued());
    assertThat(pool.queued()).isEqualTo(MempoolConfig.DEFAULT.maxQueued());
  }

  @Test
  void aTransactionStillWaitingAfterItsTimeToLiveIsDropped() throws Exception {
    long ttl = MempoolConfig.DEFAULT.ttlMillis();
    Mempool pool = pool(MempoolConfig.DEFAULT);
    TransactionSigner a = signer(6);
    pool.add(tx(a, 1, 1, 100), 100); // behind a gap: it would wait for ever
    time.advance(ttl / 2);
    pool.add(tx(signer(7), 1, 1, 100), 100);
    time.advance(ttl / 2);
    pool.onNewState(state, GAS_LIMIT);
    assertThat(pool.size()).isEqualTo(2);
    time.advance(1);
    pool.onNewState(state, GAS_LIMIT);
    assertThat(pool.all()).extracting(Mempool.Entry::sender).containsExactly(signer(7).address());
    assertThat(pool.queued()).isEqualTo(1);
    assertThat(pool.bytes()).isEqualTo(100);
  }
}
