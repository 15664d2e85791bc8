package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.testing.ManualScheduler;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What peers send, taken in without a socket: gossiped transactions and their cost to the peer. */
class InboundMessagesTest {
  private static final long CHAIN = 1337;
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000aa");

  private final TestPeers peers = new TestPeers();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final SimNetwork sim = new SimNetwork(scheduler);
  private final SimNetwork.Peer net = sim.peer(TestPeers.id(42), new P2pMessageSink());
  private final TransactionSigner funded =
      new TransactionSigner(KeyPair.fromPrivate(Keccak.hash(new byte[] {1})));
  private final Mempool mempool =
      new Mempool(
          MempoolConfig.DEFAULT,
          TestTransactions.freshAccounts(
              a -> a.equals(funded.address()) ? UInt256.valueOf(Long.MAX_VALUE) : UInt256.ZERO),
          30_000_000,
          new ManualScheduler());
  private final InboundMessages inbound =
      new InboundMessages(
          new InboundMessages.Parts(
              net,
              Map.of(),
              null,
              null,
              mempool,
              new TransactionValidator(Fork.CANCUN, CHAIN),
              new TransactionRelay(net, scheduler, 64, 1 << 20),
              null,
              "test node"));

  /** A handler for the test's own end of the network, which nobody sends to. */
  private static final class P2pMessageSink implements MessageHandler {
    @Override
    public void onMessage(NodeId from, P2pMessage message) {}
  }

  private Transaction transfer(long nonce) {
    return funded.transfer(
        CHAIN, nonce, TO, UInt256.ONE, UInt256.ONE, UInt256.valueOf(10_000_000_000L));
  }

  private static Bytes raw(Transaction tx) {
    return Bytes.wrap(tx.encode());
  }

  /** The same transaction with the malleated (high-s) twin of its signature. */
  private static Bytes highS(Transaction tx) {
    Signature s = tx.signature();
    return raw(tx.withSignature(new Signature(s.r(), N.subtract(s.s()), s.recId() ^ 1)));
  }

  private void receive(NodeId from, Bytes... txs) {
    inbound.onMessage(from, new P2pMessage.Transactions(List.of(txs)));
  }

  @Test
  void aTransactionWithAnInvalidSignatureCostsThePeerAndFourBanIt() {
    for (int i = 0; i < 4; i++) receive(peers.full, highS(transfer(i)));
    assertThat(sim.penalties())
        .extracting(SimNetwork.Penalty::peer, SimNetwork.Penalty::why)
        .containsOnly(tuple(peers.full, Misbehavior.INVALID_DATA))
        .hasSize(4);
    assertThat(4 * Misbehavior.INVALID_DATA.penalty()).isGreaterThanOrEqualTo(SimNetwork.BAN_SCORE);
    assertThat(mempool.size()).isZero();
  }

  @Test
  void theRestOfABatchAfterAnInvalidTransactionIsNotVerified() {
    receive(peers.full, highS(transfer(0)), raw(transfer(0)), raw(transfer(1)));
    assertThat(sim.penalties()).hasSize(1);
    assertThat(mempool.size()).as("nothing after the bad one is decoded or recovered").isZero();
  }

  @Test
  void aForgedSignatureRecoveringAnUnfundedSenderCostsThePeer() {
    Transaction tx = transfer(0);
    Signature s = tx.signature();
    receive(peers.full, raw(tx.withSignature(new Signature(s.r().add(BigInteger.ONE), s.s(), 0))));
    assertThat(sim.penalties()).extracting(SimNetwork.Penalty::peer).containsExactly(peers.full);
  }

  @Test
  void validTransactionsAreTakenFreeOfCharge() {
    receive(peers.full, raw(transfer(0)), raw(transfer(1)));
    receive(peers.v1, raw(transfer(1))); // known already: skipped without a signature recovery
    assertThat(mempool.size()).isEqualTo(2);
    assertThat(sim.penalties()).isEmpty();
  }
}
