package io.levity.node.runtime;

import static io.levity.node.runtime.SimCluster.ACCOUNTS;
import static io.levity.node.runtime.SimCluster.BLOCK_MILLIS;
import static io.levity.node.runtime.SimCluster.send;
import static io.levity.node.runtime.TestNodes.minHead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.node.p2p.P2pMessage;
import io.levity.testing.RpcCalls;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a node acknowledges through eth_sendRawTransaction: never a transaction it can tell is free
 * spam or stale, and nothing answered from a head it knows is behind its peers. Four whole
 * validators in virtual time.
 */
class AcknowledgedTransactionsSimTest {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final SimCluster sim = new SimCluster();
  private final List<ValidatorNode> nodes = sim.nodes;

  @BeforeEach
  void startValidators() throws InterruptedException {
    sim.startValidators(4);
    sim.runUntil(() -> minHead(nodes) >= 2, 10 * BLOCK_MILLIS, "height 2");
  }

  @AfterEach
  void close() {
    sim.close();
  }

  private static JsonNode pendingCount(ValidatorNode node, Address account) {
    return RpcCalls.call(
        node.rpc()::handle, "eth_getTransactionCount", "[\"" + account + "\",\"pending\"]");
  }

  /** 1 wei from {@code sender} to recipient {@code to}, paying well above the base fee. */
  private static Transaction transfer(TransactionSigner sender, long nonce, int to) {
    return sender.transfer(
        Devnet.CHAIN_ID,
        nonce,
        recipient(to),
        UInt256.ONE,
        GWEI,
        GWEI.multiply(UInt256.valueOf(100)));
  }

  private static Address recipient(int i) {
    return Address.fromHex("0x" + String.format("%040x", i));
  }

  @Test
  void aZeroFeeTransactionFromAnUnfundedKeyIsRefusedAndNotGossiped() {
    Secp256k1.KeyPair unfunded = Secp256k1.KeyPair.fromPrivate(Keccak.hash(new byte[] {42}));
    Transaction free =
        new TransactionSigner(unfunded)
            .transfer(Devnet.CHAIN_ID, 0, recipient(1), UInt256.ZERO, UInt256.ZERO, UInt256.ZERO);
    JsonNode sent = send(nodes.get(1), free);
    assertThat(sent.has("result")).as("acknowledged: " + sent).isFalse();
    assertThat(sent.path("error").path("message").asText()).startsWith("transaction underpriced");
    sim.scheduler.advance(100);
    for (ValidatorNode v : nodes) assertThat(v.mempool().size()).isZero();
  }

  @Test
  void aNodeBehindItsPeersAcknowledgesNothingFromItsStaleHead() {
    ValidatorNode behind = nodes.get(3);
    // Node 3 stops hearing consensus and gossip but still hears its peers announce their heads.
    sim.network.deafen(
        behind.nodeId(),
        m -> m instanceof P2pMessage.ConsensusMessage || m instanceof P2pMessage.Transactions);
    TransactionSigner sender = new TransactionSigner(ACCOUNTS.get(0));
    Transaction first = transfer(sender, 0, 1);
    assertThat(send(nodes.get(1), first).has("result")).isTrue();
    List<ValidatorNode> rest = nodes.subList(0, 3);
    sim.runUntil(
        () -> rest.stream().allMatch(v -> v.store().transactionLocation(first.hash()).isPresent()),
        // a round node 3 leads, and the one before, time out
        30 * BLOCK_MILLIS,
        "the first transfer on the three others");
    sim.scheduler.advance(SyncRunner.STATUS_INTERVAL_MILLIS + 10); // their heads are announced
    assertThat(behind.head().number()).as("node 3 is behind").isLessThan(minHead(rest));
    assertThat(minHead(rest) - behind.head().number())
        .as("too few blocks behind to pause and sync")
        .isLessThanOrEqualTo(ValidatorNode.SYNC_GAP);

    JsonNode count = pendingCount(behind, sender.address());
    assertThat(count.path("result").asText())
        .as("the pending nonce from a stale head: " + count)
        .isNotEqualTo("0x0");
    assertThat(count.path("error").path("message").asText()).startsWith("node is syncing");

    Transaction stale = transfer(sender, 0, 2);
    JsonNode sent = send(behind, stale);
    assertThat(sent.has("result")).as("acknowledged a stale nonce: " + sent).isFalse();
    assertThat(sent.path("error").path("message").asText()).startsWith("node is syncing");
    assertThat(behind.mempool().contains(stale.hash())).isFalse();
  }

  @Test
  void aNodeThatCaughtUpAnswersAgainAndRefusesAUsedNonceAsTooLow() {
    TransactionSigner sender = new TransactionSigner(ACCOUNTS.get(0));
    Transaction first = transfer(sender, 0, 1);
    assertThat(send(nodes.get(1), first).has("result")).isTrue();
    sim.runUntil(
        () -> nodes.stream().allMatch(v -> v.store().transactionLocation(first.hash()).isPresent()),
        3 * BLOCK_MILLIS,
        "the first transfer everywhere");
    Transaction reused = transfer(sender, 0, 2);
    JsonNode sent = send(nodes.get(3), reused);
    assertThat(sent.path("error").path("message").asText()).startsWith("nonce too low");
    JsonNode count = pendingCount(nodes.get(3), sender.address());
    assertThat(count.path("result").asText()).isEqualTo("0x1");
  }
}
