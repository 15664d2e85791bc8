package io.levity.sdk.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.FakeNode;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Receipt polling in virtual time: back-off, deadline, batches. */
class ReceiptWaiterTest {
  private static final Bytes32 H1 = Bytes32.fromHex32("0x" + "11".repeat(32));
  private static final Bytes32 H2 = Bytes32.fromHex32("0x" + "22".repeat(32));

  private final ManualScheduler clock = new ManualScheduler();
  private final List<Long> sleptMillis = new ArrayList<>();
  private final FakeNode node = new FakeNode();

  /** Receipts appear once virtual time reaches this (ms). */
  private long minedAtMillis = Long.MAX_VALUE;

  ReceiptWaiterTest() {
    node.on(
        "eth_getTransactionReceipt",
        p ->
            clock.nowMillis() < minedAtMillis
                ? null
                : FakeNode.json(
                    "{\"transactionHash\":\""
                        + p.get(0).asText()
                        + "\",\"blockNumber\":\"0x3\",\"blockHash\":\"0x"
                        + "33".repeat(32)
                        + "\",\"status\":\"0x0\",\"gasUsed\":\"0x1\",\"logs\":[]}"));
  }

  private ReceiptWaiter waiter(Duration timeout) {
    return new ReceiptWaiter(
        new EthRpc(node),
        timeout,
        Duration.ofMillis(100),
        Duration.ofMillis(400),
        clock,
        nanos -> {
          sleptMillis.add(nanos / 1_000_000);
          clock.advance(nanos / 1_000_000);
        });
  }

  @Test
  void pollsWithGrowingPausesUntilMined() {
    minedAtMillis = 1_000;
    TxReceipt r = waiter(Duration.ofSeconds(10)).await(H1);
    assertThat(r.transactionHash()).isEqualTo(H1);
    assertThat(r.succeeded()).isFalse();
    assertThat(sleptMillis).containsExactly(100L, 150L, 225L, 337L, 400L);
    assertThat(clock.nowMillis()).isEqualTo(1_212);
  }

  @Test
  void theDeadlineNamesTheTransaction() {
    assertThatThrownBy(() -> waiter(Duration.ofMillis(500)).await(H1))
        .isInstanceOfSatisfying(
            ReceiptWaitException.class,
            e -> {
              assertThat(e.pending()).containsExactly(H1);
              assertThat(e.interrupted()).isFalse();
            })
        .hasMessage("transaction " + H1 + " not mined within PT0.5S; it may still be mined later");
    assertThat(clock.nowMillis()).isEqualTo(500); // the last pause is cut to the deadline
  }

  @Test
  void manyAtOnceInOrder() {
    minedAtMillis = 0;
    Map<Bytes32, TxReceipt> got = waiter(Duration.ofSeconds(1)).awaitAll(List.of(H2, H1, H2));
    assertThat(got.keySet()).containsExactly(H2, H1);
    assertThat(sleptMillis).isEmpty();
    assertThat(node.count("eth_getTransactionReceipt")).isEqualTo(2);
  }
}
