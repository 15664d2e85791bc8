package io.levity.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.num.UInt256;
import io.levity.core.tx.TransactionSigner;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A sender's queue keeps its gap and its summed cost as entries come and go: both must always equal
 * what walking and adding up the whole queue gives.
 */
class SenderQueueTest extends MempoolFixture {
  private static final TransactionSigner S = signer(1);

  /** Each op: nonce 0..15; even: put (fee from the op), odd: remove; then ask at a base 0..3. */
  @Property(tries = 200)
  void gapAndCostMatchAFullWalk(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 127) Integer> ops) {
    SenderQueue q = new SenderQueue();
    TreeMap<Long, Mempool.Entry> model = new TreeMap<>();
    long seq = 0;
    for (int op : ops) {
      long nonce = op % 16;
      if ((op / 16) % 2 == 0) {
        Mempool.Entry e = new Mempool.Entry(tx(S, nonce, 1, 1_000 + op), 100, seq++, 0);
        q.put(e);
        model.put(nonce, e);
      } else {
        q.remove(nonce);
        model.remove(nonce);
      }
      long base = (op / 32) % 4;
      long gap = base;
      while (model.containsKey(gap)) gap++;
      assertThat(q.gapAt(base)).as("gap from %d", base).isEqualTo(gap);
      assertThat(q.countQueued(base)).isEqualTo(model.size() - (int) (gap - base));
      BigInteger sum = BigInteger.ZERO;
      for (Mempool.Entry e : model.values()) {
        if (e.nonce() != base) sum = sum.add(e.maxCost().toBigInteger());
      }
      assertThat(q.maxCost(base)).isEqualTo(UInt256.valueOf(sum));
      BigInteger total = BigInteger.ZERO;
      for (Mempool.Entry e : model.values()) total = total.add(e.maxCost().toBigInteger());
      assertThat(q.totalCost()).isEqualTo(UInt256.valueOf(total));
    }
  }
}
