package io.levity.node.runtime;

import static io.levity.node.runtime.SimCluster.BLOCK_MILLIS;
import static io.levity.node.runtime.SimCluster.GENESIS;
import static io.levity.node.runtime.SimCluster.KEYS;
import static io.levity.node.runtime.TestNodes.maxHead;
import static io.levity.node.runtime.TestNodes.minHead;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.node.p2p.DisconnectReason;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerAddress;
import io.levity.testing.ManualScheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers and validators that misbehave, against whole nodes in virtual time ({@link SimCluster}):
 * equivocation kept as evidence, false height claims, silence, request floods and forged votes each
 * cost the sender, and none of them stalls the honest validators.
 */
class PeerMisbehaviourSimTest {
  private final SimCluster sim = new SimCluster();
  private final ManualScheduler scheduler = sim.scheduler;
  private final SimNetwork network = sim.network;
  private final List<ValidatorNode> nodes = sim.nodes;
  private final List<PeerAddress> addresses = sim.addresses;

  @AfterEach
  void close() {
    sim.close();
  }

  private void startValidators() throws InterruptedException {
    sim.startValidators(4);
  }

  private long runUntil(BooleanSupplier condition, long limitMillis, String what) {
    return sim.runUntil(condition, limitMillis, what);
  }

  private List<ValidatorNode> validators() {
    return sim.validators();
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
      sim.node(cfgs.get(i));
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
    ValidatorNode full = sim.fullNode();
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
    ValidatorNode full = sim.fullNode();
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
      sim.node(SimCluster.validator(i));
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
}
