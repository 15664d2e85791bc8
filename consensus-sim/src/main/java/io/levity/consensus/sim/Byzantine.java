package io.levity.consensus.sim;

import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.TimeoutCollector;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A Byzantine validator's mischief around an otherwise real engine: it rewrites what the engine
 * sends and filters what it receives, per its {@link Behaviour}s. It signs only with its own key,
 * like a real attacker.
 */
final class Byzantine {
  private final Set<Behaviour> behaviours;
  private final int self;
  private final MessageSigner keys;
  private final SimWorld world;
  private final ValidatorSet validators;
  private final RandomGenerator rng;
  private final TreeMap<Long, QuorumCert> qcsByHeight = new TreeMap<>();
  private final TreeMap<Long, QuorumCert> qcsByRound = new TreeMap<>();

  /**
   * The lock attack under way: its round, the QC to fork from, the timeouts of the round before.
   */
  private long forkRound = -1;

  private QuorumCert forkBase;
  private Bytes forkPayload;
  private TimeoutCollector forkTimeouts;

  /**
   * Blocks on the fork; the attacker votes for every block that extends them, to carry the fork to
   * a commit.
   */
  private final Set<Bytes32> forkChain = new LinkedHashSet<>();

  private long forkVotedRound;
  private final List<byte[]> replay = new ArrayList<>();
  private byte[] oversized;

  /** Validator {@code self}, signing with its own key only. */
  Byzantine(Set<Behaviour> behaviours, int self, Signer signer, SimWorld world) {
    this.behaviours = Set.copyOf(behaviours);
    this.self = self;
    this.keys = new MessageSigner(signer, world.domain(), self);
    this.world = world;
    this.validators = world.validators();
    this.rng = world.rng();
  }

  Set<Behaviour> behaviours() {
    return behaviours;
  }

  private boolean does(Behaviour b) {
    return behaviours.contains(b);
  }

  /** Sees every incoming message; true to hide it from the engine. */
  boolean dropIncoming(ConsensusMessage m, byte[] wire, SimNode node) {
    switch (m) {
      case Proposal p -> {
        remember(p.block().parentQc());
        ConsensusBlock b = p.block();
        if (forkChain.contains(b.parentId()) && b.round() > forkVotedRound) {
          forkChain.add(b.id());
          forkVotedRound = b.round();
          VoteData d = VoteData.of(b);
          node.sendEncoded(validators.leader(b.round() + 1), ConsensusCodec.encode(keys.vote(d)));
        }
      }
      case Timeout t -> {
        remember(t.highQc());
        if (t.round() + 1 == forkRound && t.sender() != self) collectForkTimeout(t, node);
      }
      default -> {}
    }
    if (does(Behaviour.SPAM) && rng.nextInt(8) == 0) {
      if (replay.size() < 32) replay.add(wire);
      else replay.set(rng.nextInt(replay.size()), wire);
    }
    return false;
  }

  private void remember(QuorumCert qc) {
    if (qc.height() == 0) return;
    qcsByHeight.put(qc.height(), qc);
    qcsByRound.put(qc.round(), qc);
    while (qcsByHeight.size() > 64) qcsByHeight.pollFirstEntry();
    while (qcsByRound.size() > 64) qcsByRound.pollFirstEntry();
  }

  /**
   * Starts the lock attack with the engine's real proposal for round r (opened by the QC of r-1).
   */
  private boolean startFork(Proposal p, List<Action> out) {
    ConsensusBlock b = p.block();
    long r = b.round();
    remember(b.parentQc());
    QuorumCert prev = qcsByRound.get(r - 2);
    QuorumCert base = qcsByHeight.get(b.parentQc().height() - 2);
    if (prev == null || base == null || !b.parentQc().data().commitsParent()) return false;
    out.add(new Action.Send(target(), p)); // one validator commits the block of round r-2
    Timeout mine = keys.timeout(validators.epoch(), r - 1, prev, Optional.empty());
    out.add(new Action.Broadcast(mine)); // help the others give up on r-1
    forkRound = r;
    forkBase = base;
    forkPayload = tweak(b.payload());
    forkTimeouts = new TimeoutCollector(validators, world.scheme());
    forkTimeouts.add(mine);
    return true;
  }

  private void collectForkTimeout(Timeout t, SimNode node) {
    if (forkTimeouts.add(t) < validators.quorumPower()) return;
    TimeoutCert tc = forkTimeouts.certificate(forkRound - 1);
    ConsensusBlock fork =
        ConsensusBlock.create(
            validators.epoch(), forkRound, self, forkBase, 0, Bytes32.ZERO, forkPayload);
    byte[] wire = ConsensusCodec.encode(keys.proposal(fork, Optional.of(tc)));
    for (int j = 0; j < validators.size(); j++) if (j != self) node.sendEncoded(j, wire);
    VoteData d = VoteData.of(fork);
    node.sendEncoded(validators.leader(forkRound + 1), ConsensusCodec.encode(keys.vote(d)));
    forkChain.clear();
    forkChain.add(fork.id());
    forkVotedRound = forkRound;
    forkRound = -1;
  }

  List<Action> outgoing(List<Action> actions) {
    List<Action> out = new ArrayList<>(actions.size());
    for (Action a : actions) {
      switch (a) {
        case Action.Broadcast(Proposal p) when p.block().author() == self -> propose(p, out);
        case Action.Send(int to, Vote v) -> vote(to, v, out);
        case Action.Broadcast(Timeout t)
            when does(Behaviour.FORK) -> {} // its timeouts would leak the hidden QC
        case Action.Broadcast(Timeout t)
            when does(Behaviour.INVALID_SIGNATURES) && rng.nextInt(3) == 0 ->
            out.add(
                new Action.Broadcast(
                    new Timeout(
                        t.epoch(),
                        t.round(),
                        t.sender(),
                        t.highQc(),
                        t.lastRoundTc(),
                        corrupt(t.signature()))));
        default -> out.add(a);
      }
    }
    return out;
  }

  private void propose(Proposal p, List<Action> out) {
    Proposal chosen = p;
    ConsensusBlock b = p.block();
    if (does(Behaviour.FORK) && p.lastRoundTc().isEmpty() && startFork(p, out)) return;
    if (does(Behaviour.INVALID_SIGNATURES) && rng.nextInt(3) == 0) {
      QuorumCert qc = chosen.block().parentQc();
      if (!qc.isGenesisShaped() && rng.nextBoolean()) {
        QuorumCert badQc =
            new QuorumCert(qc.data(), qc.signers(), corrupt(qc.aggregateSignature()));
        ConsensusBlock bad =
            ConsensusBlock.create(
                b.epoch(), b.round(), self, badQc, b.execHeight(), b.execRoot(), b.payload());
        out.add(new Action.Broadcast(keys.proposal(bad, chosen.lastRoundTc())));
      } else {
        out.add(
            new Action.Broadcast(
                new Proposal(chosen.block(), chosen.lastRoundTc(), corrupt(chosen.signature()))));
      }
      if (rng.nextBoolean()) return; // sometimes the leader never sends a valid proposal at all
    }
    if (does(Behaviour.EQUIVOCATE)) {
      ConsensusBlock cb = chosen.block();
      Proposal alt =
          keys.proposal(
              ConsensusBlock.create(
                  cb.epoch(),
                  cb.round(),
                  self,
                  cb.parentQc(),
                  cb.execHeight(),
                  cb.execRoot(),
                  tweak(cb.payload())),
              chosen.lastRoundTc());
      for (int j = 0; j < validators.size(); j++) {
        if (j == self) continue;
        switch (rng.nextInt(3)) {
          case 0 -> out.add(new Action.Send(j, chosen));
          case 1 -> out.add(new Action.Send(j, alt));
          default -> {
            boolean first = rng.nextBoolean();
            out.add(new Action.Send(j, first ? chosen : alt));
            out.add(new Action.Send(j, first ? alt : chosen));
          }
        }
      }
      return;
    }
    out.add(new Action.Broadcast(chosen));
  }

  private void vote(int to, Vote v, List<Action> out) {
    if (does(Behaviour.WITHHOLD_VOTES)) return;
    Vote real = v;
    if (does(Behaviour.INVALID_SIGNATURES) && rng.nextInt(3) == 0)
      real = new Vote(v.data(), v.voter(), corrupt(v.signature()));
    if (does(Behaviour.DOUBLE_VOTE)) {
      VoteData d = v.data();
      VoteData other =
          new VoteData(d.epoch(), d.round(), d.height(), randomId(), d.parentId(), d.parentRound());
      Vote second = keys.vote(other);
      boolean first = rng.nextBoolean();
      out.add(new Action.Send(to, first ? real : second));
      out.add(new Action.Send(to, first ? second : real));
      return;
    }
    out.add(new Action.Send(to, real));
  }

  /**
   * Noise on every timer: stale replays, far-future rounds, garbage, oversized blocks, bogus sync
   * requests.
   */
  void spam(Engine engine, SimNode node) {
    if (!does(Behaviour.SPAM) || engine == null) return;
    int to = target();
    long r = engine.currentRound();
    QuorumCert hqc = engine.highQc();
    switch (rng.nextInt(6)) {
      case 0 -> {
        if (!replay.isEmpty()) node.sendEncoded(to, replay.get(rng.nextInt(replay.size())));
      }
      case 1 -> {
        long far = r + 1_000 + rng.nextInt(1_000_000);
        Timeout t = keys.timeout(validators.epoch(), far, hqc, Optional.empty());
        node.sendEncoded(to, ConsensusCodec.encode(t));
      }
      case 2 -> {
        long far = r + 100_000 + rng.nextInt(1_000_000);
        VoteData d =
            new VoteData(
                validators.epoch(), far, hqc.height() + 5, randomId(), hqc.blockId(), hqc.round());
        node.sendEncoded(validators.leader(far + 1), ConsensusCodec.encode(keys.vote(d)));
      }
      case 3 -> {
        byte[] junk = new byte[1 + rng.nextInt(300)];
        rng.nextBytes(junk);
        node.sendEncoded(to, junk);
      }
      case 4 -> {
        if (oversized
            == null) { // built once: hashing a large block on every tick would dominate the run
          // time
          ConsensusBlock b =
              ConsensusBlock.create(
                  validators.epoch(),
                  r,
                  self,
                  hqc,
                  0,
                  Bytes32.ZERO,
                  Bytes.wrap(new byte[world.codec().limits().maxPayloadBytes() + 1]));
          oversized = ConsensusCodec.encode(keys.proposal(b, Optional.empty()));
        }
        node.sendEncoded(to, oversized);
      }
      default -> node.sendEncoded(to, ConsensusCodec.encode(new BlockRequest(randomId(), 64)));
    }
  }

  private int target() {
    int t = rng.nextInt(validators.size() - 1);
    return t >= self ? t + 1 : t;
  }

  private Bytes corrupt(Bytes sig) {
    if (sig.isEmpty()) return Bytes.wrap(new byte[] {1});
    byte[] c = sig.toArray();
    c[rng.nextInt(c.length)] ^= (byte) (1 << rng.nextInt(8));
    return Bytes.wrap(c);
  }

  private Bytes tweak(Bytes payload) {
    byte[] p = new byte[payload.size() + 1];
    System.arraycopy(payload.unsafeArray(), 0, p, 0, payload.size());
    p[payload.size()] = (byte) rng.nextInt(256);
    return Bytes.wrap(p);
  }

  private Bytes32 randomId() {
    byte[] b = new byte[32];
    rng.nextBytes(b);
    return Bytes32.wrap32(b);
  }
}
