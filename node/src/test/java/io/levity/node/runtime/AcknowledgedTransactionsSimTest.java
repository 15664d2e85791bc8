package io.levity.node.runtime;

import static io.levity.node.runtime.TestNodes.minHead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.Genesis;
import io.levity.node.keys.DevAccounts;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerAddress;
import io.levity.testing.ManualScheduler;
import io.levity.testing.RpcCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a node acknowledges through eth_sendRawTransaction: never a transaction it can tell is free
 * spam or stale, and nothing answered from a head it knows is behind its peers. Four whole
 * validators in virtual time.
 */
class AcknowledgedTransactionsSimTest {
  private static final long BLOCK_MILLIS = 1_000;
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(1);
  private static final Genesis GENESIS =
      Devnet.genesis(Devnet.CHAIN_ID, List.of(ACCOUNTS.get(0).address()), 10);
  private static final List<Ed25519.KeyPair> KEYS = Devnet.validatorKeys(4);
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SimNetwork network = new SimNetwork(scheduler);
  private final List<ValidatorNode> nodes = new ArrayList<>();

  @BeforeEach
  void startValidators() throws InterruptedException {
    List<PeerAddress> addresses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nodes.add(
          new ValidatorNode(
              ValidatorConfig.of(i, null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3 * BLOCK_MILLIS),
              scheduler,
              network.factory()));
    }
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    for (ValidatorNode v : nodes) v.connect(addresses);
    runUntil(() -> minHead(nodes) >= 2, 10 * BLOCK_MILLIS, "height 2");
  }

  @AfterEach
  void close() {
    nodes.forEach(ValidatorNode::close);
  }

  private void runUntil(BooleanSupplier condition, long limitMillis, String what) {
    long start = scheduler.nowMillis();
    while (!condition.getAsBoolean()) {
      assertThat(scheduler.nowMillis() - start)
          .as("virtual ms waiting for " + what)
          .isLessThan(limitMillis);
      scheduler.advance(5);
    }
  }

  private static JsonNode send(ValidatorNode node, Transaction tx) {
    return RpcCalls.call(
        node.rpc()::handle,
        "eth_sendRawTransaction",
        "[\"" + Bytes.wrap(tx.encode()).toHex() + "\"]");
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
    scheduler.advance(100);
    for (ValidatorNode v : nodes) assertThat(v.mempool().size()).isZero();
  }

  @Test
  void aNodeBehindItsPeersAcknowledgesNothingFromItsStaleHead() {
    ValidatorNode behind = nodes.get(3);
    // Node 3 stops hearing consensus and gossip but still hears its peers announce their heads.
    network.deafen(
        behind.nodeId(),
        m -> m instanceof P2pMessage.ConsensusMessage || m instanceof P2pMessage.Transactions);
    TransactionSigner sender = new TransactionSigner(ACCOUNTS.get(0));
    Transaction first = transfer(sender, 0, 1);
    assertThat(send(nodes.get(1), first).has("result")).isTrue();
    List<ValidatorNode> rest = nodes.subList(0, 3);
    runUntil(
        () -> rest.stream().allMatch(v -> v.store().transactionLocation(first.hash()).isPresent()),
        // a round node 3 leads, and the one before, time out
        30 * BLOCK_MILLIS,
        "the first transfer on the three others");
    scheduler.advance(SyncRunner.STATUS_INTERVAL_MILLIS + 10); // their heads are announced
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
    runUntil(
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
