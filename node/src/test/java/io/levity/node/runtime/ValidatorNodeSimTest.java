package io.levity.node.runtime;

import static io.levity.node.runtime.TestNodes.assertSameChain;
import static io.levity.node.runtime.TestNodes.maxHead;
import static io.levity.node.runtime.TestNodes.minHead;
import static io.levity.node.runtime.TestTransactions.withCalldata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.engine.Equivocation;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.Genesis;
import io.levity.node.keys.DevAccounts;
import io.levity.node.p2p.DisconnectReason;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.p2p.PeerNetwork;
import io.levity.testing.ManualScheduler;
import io.levity.testing.RpcCalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole nodes (engine, pacing, execution, sync, in-memory stores) on an in-memory network in
 * virtual time: deterministic, no socket, no sleep. The socket-level twin is ValidatorNodeIT.
 */
class ValidatorNodeSimTest {
  private static final long BLOCK_MILLIS = 1_000;
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(1);
  private static final Genesis GENESIS =
      Devnet.genesis(Devnet.CHAIN_ID, List.of(ACCOUNTS.get(0).address()), 10);
  private static final List<Ed25519.KeyPair> KEYS = Devnet.validatorKeys(4);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SimNetwork network = new SimNetwork(scheduler);
  private final List<ValidatorNode> nodes = new ArrayList<>();
  private final List<PeerAddress> addresses = new ArrayList<>();

  @AfterEach
  void close() {
    nodes.forEach(ValidatorNode::close);
  }

  private ValidatorNode node(ValidatorConfig cfg) {
    ValidatorNode n = new ValidatorNode(cfg, scheduler, network.factory());
    nodes.add(n);
    return n;
  }

  private void startValidators() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      node(ValidatorConfig.of(i, null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3 * BLOCK_MILLIS));
    }
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    for (ValidatorNode v : nodes) v.connect(addresses);
  }

  private ValidatorNode fullNode() {
    return node(
        new ValidatorConfig(
            Ed25519.KeyPair.fromSeed(new byte[32]),
            ValidatorConfig.publicKeys(KEYS),
            null,
            GENESIS,
            0,
            BLOCK_MILLIS,
            3 * BLOCK_MILLIS,
            Address.ZERO,
            ValidatorConfig.DEFAULT_P2P_HOST));
  }

  /** Runs virtual time until {@code condition} holds; returns the virtual milliseconds it took. */
  private long runUntil(BooleanSupplier condition, long limitMillis, String what) {
    long start = scheduler.nowMillis();
    while (!condition.getAsBoolean()) {
      assertThat(scheduler.nowMillis() - start)
          .as("virtual ms waiting for " + what)
          .isLessThan(limitMillis);
      scheduler.advance(5);
    }
    return scheduler.nowMillis() - start;
  }

  private List<ValidatorNode> validators() {
    return nodes.subList(0, 4);
  }

  @Test
  void anIdleNetworkFinalizesOneChainAtAboutTheBlockInterval() throws Exception {
    startValidators();
    scheduler.advance(20 * BLOCK_MILLIS);
    long low = minHead(validators());
    long high = maxHead(validators());
    assertThat(low).as("blocks in 20 idle block intervals").isBetween(15L, 21L);
    assertThat(high - low).isLessThanOrEqualTo(1);
    assertSameChain(validators(), low);
    for (ValidatorNode v : validators()) assertThat(v.isSyncing()).isFalse();
  }

  @Test
  void aTransactionIsFinalizedWithinAFewShortIntervalsNotBlockIntervals() throws Exception {
    startValidators();
    scheduler.advance(3 * BLOCK_MILLIS + 300); // between two idle blocks
    Transaction tx =
        new TransactionSigner(ACCOUNTS.get(0))
            .transfer(
                Devnet.CHAIN_ID,
                0,
                Address.fromHex("0x" + "ab".repeat(20)),
                Devnet.ONE_ETHER,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(100_000_000_000L));
    JsonNode sent =
        RpcCalls.call(
            nodes.get(1).rpc()::handle,
            "eth_sendRawTransaction",
            "[\"" + Bytes.wrap(tx.encode()).toHex() + "\"]");
    assertThat(sent.get("result").asText()).isEqualTo(tx.hash().toHex());
    long took =
        runUntil(
            () ->
                validators().stream()
                    .anyMatch(v -> v.store().transactionLocation(tx.hash()).isPresent()),
            BLOCK_MILLIS,
            "the transfer in a block");
    // Proposed as soon as it arrives (the leader sleeps until the mempool wakes it), then one more
    // short round to certify its child: well under one block interval of an idle chain. (The other
    // validators see the commit with the next proposal, which an idle chain makes a block interval
    // later.)
    assertThat(took).isLessThan(BLOCK_MILLIS / 4);
    runUntil(
        () ->
            validators().stream()
                .allMatch(v -> v.store().transactionLocation(tx.hash()).isPresent()),
        2 * BLOCK_MILLIS,
        "the transfer on every validator");
  }

  private static final TransactionSigner ALICE = new TransactionSigner(ACCOUNTS.get(0));
  private static final Address BOB = Address.fromHex("0x" + "ab".repeat(20));

  /** Sends {@code tx} to validator 1 over JSON-RPC and checks it was acknowledged. */
  private void send(Transaction tx) {
    JsonNode sent =
        RpcCalls.call(
            nodes.get(1).rpc()::handle,
            "eth_sendRawTransaction",
            "[\"" + Bytes.wrap(tx.encode()).toHex() + "\"]");
    assertThat(sent.get("result").asText()).as("%s", sent).isEqualTo(tx.hash().toHex());
  }

  @Test
  void nineTransactionsOfAlmost128KibDoNotHaltTheChainAndAllLand() throws Exception {
    startValidators();
    runUntil(() -> minHead(validators()) >= 2, 5 * BLOCK_MILLIS, "height 2");
    List<Transaction> big = new ArrayList<>();
    for (int n = 0; n < 9; n++)
      big.add(withCalldata(ALICE, n, BOB, 127 * 1024, UInt256.valueOf(100_000_000_000L)));
    long gas = big.stream().mapToLong(Transaction::gasLimit).sum();
    assertThat(gas).as("well under the block gas limit").isLessThan(Devnet.GAS_LIMIT / 5);
    for (Transaction tx : big) send(tx);
    long from = minHead(validators());
    runUntil(
        () ->
            validators().stream()
                .allMatch(
                    v ->
                        big.stream()
                            .allMatch(tx -> v.store().transactionLocation(tx.hash()).isPresent())),
        10 * BLOCK_MILLIS,
        "all nine transactions on every validator");
    runUntil(() -> minHead(validators()) >= from + 5, 10 * BLOCK_MILLIS, "five more blocks");
    assertSameChain(validators(), minHead(validators()));
  }

  @Test
  void aTransactionThatCanNeverBeIncludedLeavesTheIdleBlockInterval() throws Exception {
    startValidators();
    // Nonce 3 while the account's next nonce is 0: a gap nothing fills.
    send(
        ALICE.transfer(
            Devnet.CHAIN_ID,
            3,
            BOB,
            UInt256.ONE,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(100_000_000_000L)));
    scheduler.advance(20 * BLOCK_MILLIS);
    assertThat(minHead(validators()))
        .as("blocks in 20 block intervals, as on an idle chain")
        .isBetween(15L, 21L);
  }

  /** The engine's current round, read from the node's metrics. */
  private static long round(ValidatorNode n) {
    return n.metrics()
        .render()
        .lines()
        .filter(l -> l.startsWith("levity_consensus_round "))
        .mapToLong(l -> Long.parseLong(l.substring("levity_consensus_round ".length())))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDoubleVoteIsKeptAsEvidenceThatSurvivesARestart(@TempDir Path dir) throws Exception {
    // Validator 3 is Byzantine: the test holds its key, connects as it and votes twice in a round.
    SimNetwork.Peer byzantine =
        network.peer(
            NodeId.of(KEYS.get(3)),
            new MessageHandler() {
              @Override
              public void onMessage(NodeId from, P2pMessage m) {}
            });
    PeerAddress byzantineAddress = new PeerAddress("127.0.0.1", byzantine.start());
    List<ValidatorConfig> cfgs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cfgs.add(
          ValidatorConfig.of(
              i, i == 0 ? dir : null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3 * BLOCK_MILLIS));
      node(cfgs.get(i));
    }
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    for (ValidatorNode v : nodes) v.connect(addresses);
    for (ValidatorNode v : nodes) v.connect(List.of(byzantineAddress));
    runUntil(() -> minHead(nodes) >= 2, 30 * BLOCK_MILLIS, "height 2 without validator 3");
    ValidatorNode victim = nodes.get(0);
    assertThat(victim.metrics().render()).contains("levity_consensus_equivocation_evidence 0\n");

    List<Validator> members = new ArrayList<>();
    for (Bytes k : ValidatorConfig.publicKeys(KEYS)) members.add(new Validator(k, 1));
    ValidatorSet set = new ValidatorSet(ValidatorConfig.CONSENSUS_EPOCH, members);
    long r = round(victim) + 2;
    while (set.leader(r + 1) != 0) r++; // votes of round r go to the leader of r + 1
    MessageSigner keys =
        new MessageSigner(
            Ed25519Scheme.INSTANCE.signer(KEYS.get(3).secretKey()),
            new SigningDomain(Devnet.CHAIN_ID),
            3);
    for (byte b = 1; b <= 2; b++) {
      VoteData d =
          new VoteData(
              ValidatorConfig.CONSENSUS_EPOCH, r, 1, Keccak.hash(new byte[] {b}), Bytes32.ZERO, 0);
      byzantine.send(
          victim.nodeId(),
          new P2pMessage.ConsensusMessage(Bytes.wrap(ConsensusCodec.encode(keys.vote(d)))));
    }
    scheduler.advance(50);
    assertThat(victim.metrics().render()).contains("levity_consensus_equivocation_evidence 1\n");

    victim.close();
    nodes.remove(victim);
    try (ValidatorNode again = new ValidatorNode(cfgs.get(0), scheduler, network.factory())) {
      assertThat(again.metrics().render())
          .as("kept on disk")
          .contains("levity_consensus_equivocation_evidence 1\n");
      long votedRound = r;
      assertThat(again.equivocations())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(Equivocation.Kind.VOTE);
                assertThat(e.validator()).isEqualTo(3);
                assertThat(e.round()).isEqualTo(votedRound);
              });
    }
  }

  @Test
  void aValidatorCutOffCatchesUpByBlockSyncAndRejoinsConsensus() throws Exception {
    startValidators();
    runUntil(() -> minHead(validators()) >= 3, 10 * BLOCK_MILLIS, "height 3");
    ValidatorNode cut = nodes.get(3);
    network.cutOff(cut.nodeId());
    long stoppedAt = cut.head().number();
    List<ValidatorNode> rest = nodes.subList(0, 3);
    runUntil(
        () -> minHead(rest) >= stoppedAt + 3 * ValidatorNode.SYNC_GAP,
        // A dead leader costs its round and the one before it (its votes go to the dead node):
        // two timeouts per four rounds.
        120 * BLOCK_MILLIS,
        "three validators finalizing without the fourth");
    assertThat(cut.head().number()).isLessThanOrEqualTo(stoppedAt + 1);

    network.reconnect(cut.nodeId());
    long target = maxHead(rest) + 2;
    runUntil(() -> cut.head().number() >= target, 10 * BLOCK_MILLIS, "the cut-off validator");
    assertThat(cut.metrics().render()).doesNotContain("levity_synced_blocks_total 0\n");
    runUntil(() -> minHead(validators()) >= target + 3, 20 * BLOCK_MILLIS, "all four again");
    assertThat(cut.isSyncing()).isFalse();
    assertSameChain(validators(), target + 3);
  }

  @Test
  void aFullNodeWithAnEmptyDiskFollowsTheChainBySync() throws Exception {
    startValidators();
    runUntil(
        () -> minHead(validators()) >= 2 * ValidatorNode.SYNC_GAP,
        20 * BLOCK_MILLIS,
        "a few blocks");
    ValidatorNode full = fullNode();
    full.start();
    full.connect(addresses);
    long target = maxHead(validators()) + 2;
    runUntil(() -> full.head().number() >= target, 10 * BLOCK_MILLIS, "the full node");
    assertSameChain(nodes, minHead(nodes));
  }

  /** A peer that announces a height far ahead; {@code serves} says whether it answers requests. */
  private SimNetwork.Peer liar(boolean answers) throws InterruptedException {
    NodeId id = NodeId.of(Ed25519.KeyPair.fromSeed(Keccak.hash(new byte[] {7}).toArray()));
    SimNetwork.Peer[] self = new SimNetwork.Peer[1];
    self[0] =
        network.peer(
            id,
            new MessageHandler() {
              @Override
              public void onMessage(NodeId from, P2pMessage m) {
                if (answers && m instanceof P2pMessage.GetBlocks) {
                  self[0].send(from, new P2pMessage.Blocks(List.of()));
                }
              }
            });
    self[0].start();
    scheduler.scheduleRepeating(
        SyncRunner.STATUS_INTERVAL_MILLIS,
        () -> self[0].broadcast(new P2pMessage.Status(1_000_000, Bytes32.ZERO)));
    return self[0];
  }

  @Test
  void aPeerAnnouncingBlocksItCannotServeIsPenalisedAndCannotPauseConsensus() throws Exception {
    SimNetwork.Peer liar = liar(true);
    startValidators();
    ValidatorNode full = fullNode();
    full.start();
    // One validator only: fewer than f + 1 claims, so the full node also hears the liar out.
    full.connect(List.of(liar.address(), addresses.get(0)));
    for (ValidatorNode v : validators()) v.connect(List.of(liar.address()));
    runUntil(() -> full.head().number() >= 6, 30 * BLOCK_MILLIS, "the full node at height 6");
    assertThat(network.penalties())
        .contains(new SimNetwork.Penalty(full.nodeId(), liar.nodeId(), Misbehavior.FALSE_CLAIM));
    for (ValidatorNode v : validators()) assertThat(v.isSyncing()).as("f + 1 rule").isFalse();
  }

  @Test
  void aPeerThatNeverAnswersIsGivenUpAfterFiveSeconds() throws Exception {
    SimNetwork.Peer silent = liar(false);
    startValidators();
    runUntil(() -> minHead(validators()) >= 3, 10 * BLOCK_MILLIS, "height 3");
    ValidatorNode full = fullNode();
    full.start();
    full.connect(List.of(silent.address()));
    scheduler.advance(1_000);
    full.connect(addresses);
    SimNetwork.Penalty timedOut =
        new SimNetwork.Penalty(full.nodeId(), silent.nodeId(), Misbehavior.UNANSWERED_REQUEST);
    scheduler.advance(4_000);
    assertThat(network.penalties()).doesNotContain(timedOut);
    runUntil(() -> network.penalties().contains(timedOut), 2_000, "the request to time out");
    long target = maxHead(validators());
    runUntil(() -> full.head().number() >= target, 2 * BLOCK_MILLIS, "the full node");
  }

  @Test
  void aPeerFloodingBlockRequestsIsDisconnectedAsRateLimited() throws Exception {
    startValidators();
    runUntil(() -> minHead(validators()) >= 4, 10 * BLOCK_MILLIS, "height 4");
    NodeId id = NodeId.of(Ed25519.KeyPair.fromSeed(Keccak.hash(new byte[] {8}).toArray()));
    SimNetwork.Peer greedy = network.peer(id, (from, m) -> {});
    greedy.start();
    ValidatorNode v0 = nodes.get(0);
    v0.connect(List.of(greedy.address()));
    assertThat(greedy.isConnected(v0.nodeId())).isTrue();
    for (int i = 0; i < 5_000; i++) greedy.send(v0.nodeId(), new P2pMessage.GetBlocks(1, 64));
    scheduler.advance(100);
    assertThat(network.disconnects())
        .containsExactly(new SimNetwork.Disconnect(v0.nodeId(), id, DisconnectReason.RATE_LIMITED));
  }

  @Test
  void aValidatorSendingVotesThatDoNotVerifyIsPenalised() throws Exception {
    for (int i = 0; i < 3; i++) {
      node(ValidatorConfig.of(i, null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3 * BLOCK_MILLIS));
    }
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    NodeId forger = NodeId.of(KEYS.get(3));
    ConsensusCodec codec = new ConsensusCodec(DecodeLimits.DEFAULT);
    SimNetwork.Peer[] self = new SimNetwork.Peer[1];
    self[0] =
        network.peer(
            forger,
            (from, m) -> {
              if (!(m instanceof P2pMessage.ConsensusMessage c)) return;
              try {
                if (codec.decode(c.payload().toArray()) instanceof ConsensusMessage.Proposal p) {
                  ConsensusMessage.Vote forged =
                      new ConsensusMessage.Vote(
                          VoteData.of(p.block()), 3, Bytes.wrap(new byte[64]));
                  self[0].broadcast(
                      new P2pMessage.ConsensusMessage(Bytes.wrap(ConsensusCodec.encode(forged))));
                }
              } catch (MalformedMessageException e) {
                throw new IllegalStateException(e);
              }
            });
    addresses.add(new PeerAddress("127.0.0.1", self[0].start()));
    for (ValidatorNode v : nodes) v.connect(addresses);
    runUntil(
        () ->
            network.penalties().stream()
                .anyMatch(p -> p.peer().equals(forger) && p.why() == Misbehavior.INVALID_DATA),
        20 * BLOCK_MILLIS,
        "the forger penalised");
  }

  @Test
  void theP2pListenHostIsASetting() throws Exception {
    List<String> hosts = new ArrayList<>();
    PeerNetwork.Factory recording =
        (config, key, handler) -> {
          hosts.add(config.host());
          return network.factory().open(config, key, handler);
        };
    ValidatorConfig cfg = ValidatorConfig.of(0, null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3_000);
    nodes.add(new ValidatorNode(cfg, scheduler, recording));
    nodes.add(new ValidatorNode(cfg.withP2pHost("0.0.0.0"), scheduler, recording));
    assertThat(hosts).containsExactly("127.0.0.1", "0.0.0.0");
  }
}
