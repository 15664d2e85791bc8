package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyRules.Decision;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Proposals in and out: checks a received proposal, notes an equivocating proposer, hands on the
 * certificates it carries, and votes for its block once the block is in the tree and its round has
 * begun; as leader, turns the payload the host supplies into this round's proposal.
 */
final class Proposals {
  private static final int MAX_PENDING = 64;

  private final EngineContext ctx;
  private final SafetyRules safety;
  private final Pacemaker pacemaker;
  private final Blocks blocks;
  private final ExecutedRoots executed;

  /**
   * Proposals (by block id) whose block is not yet in the tree or that arrived before their round
   * began.
   */
  private final Map<Bytes32, Proposal> pending =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, Proposal> e) {
          return size() > MAX_PENDING;
        }
      };

  /**
   * Verified proposals of distinct blocks per round: two prove equivocation (and are the evidence),
   * more are only a way to fill our memory.
   */
  private final TreeMap<Long, List<Proposal>> seen = new TreeMap<>();

  private long proposedRound;

  Proposals(
      EngineContext ctx,
      SafetyRules safety,
      Pacemaker pacemaker,
      Blocks blocks,
      ExecutedRoots executed) {
    this.ctx = ctx;
    this.safety = safety;
    this.pacemaker = pacemaker;
    this.blocks = blocks;
    this.executed = executed;
  }

  /**
   * Takes in a proposal. Returns its block when it connects to the tree, for the caller to insert
   * (then {@link #inserted} votes); a block whose parent is missing waits as an orphan while the
   * parent is fetched.
   */
  Optional<ConsensusBlock> onProposal(int from, Proposal p, boolean own) {
    ConsensusBlock b = p.block();
    Optional<Reject> bad = check(p, own);
    if (bad.isPresent()) {
      ctx.out().reject(bad.get());
      return Optional.empty();
    }
    pacemaker.observeQc(b.parentQc(), from);
    p.lastRoundTc().ifPresent(tc -> pacemaker.observeTc(tc, from));
    if (blocks.connects(b)) {
      pending.put(b.id(), p);
      return Optional.of(b);
    }
    if (b.height() > blocks.root().height()) {
      pending.put(b.id(), p);
      blocks.addOrphan(b);
      blocks.want(b.parentId(), b.height() - 1, from);
    }
    return Optional.empty();
  }

  /** Why a proposal is dropped, cheapest checks first; raises the alarm for a second block. */
  private Optional<Reject> check(Proposal p, boolean own) {
    ConsensusBlock b = p.block();
    if (blocks.known(b.id())) return Optional.of(Reject.DUPLICATE);
    if (b.round() < pacemaker.round() && !blocks.isWanted(b.id())) return Optional.of(Reject.STALE);
    if (!own) {
      Optional<Reject> bad = ctx.verifier().proposalWithCertificates(p);
      if (bad.isPresent()) return bad;
    }
    List<Proposal> same = seen.computeIfAbsent(b.round(), r -> new ArrayList<>(1));
    if (same.stream().anyMatch(x -> x.block().id().equals(b.id()))) return Optional.empty();
    if (same.size() >= 2)
      return Optional.of(Reject.DUPLICATE); // a third block adds no evidence, only memory use
    same.add(p);
    if (same.size() == 2) {
      Proposal first = same.get(0);
      ctx.out()
          .equivocation(
              Alarm.Kind.EQUIVOCATING_PROPOSER,
              "validator "
                  + b.author()
                  + " proposed "
                  + first.block().id()
                  + " and "
                  + b.id()
                  + " in round "
                  + b.round(),
              new Equivocation(first, p));
    }
    return Optional.empty();
  }

  /** A block entered the tree: vote for it if its proposal was waiting. */
  void inserted(ConsensusBlock b) {
    Proposal p = pending.remove(b.id());
    if (p != null) tryVote(p);
  }

  /**
   * Round {@code r} began: forget older proposals, vote for one of this round that arrived before
   * the certificate that opens it.
   */
  void enteredRound(long r) {
    pending.values().removeIf(p -> p.block().round() < r);
    seen.headMap(r - 1).clear();
    List<Proposal> ready = new ArrayList<>();
    for (Proposal p : pending.values()) if (p.block().round() == r) ready.add(p);
    for (Proposal p : ready) if (blocks.inTree(p.block().id())) tryVote(p);
  }

  private void tryVote(Proposal p) {
    ConsensusBlock b = p.block();
    if (b.round() != pacemaker.round()) return;
    if (!executed.matches(b)) return;
    switch (safety.vote(p, pacemaker.highQc(), pacemaker.highTc())) {
      case Decision.Signed<Vote> s -> {
        ctx.out().count(EngineStats.Counter.VOTES_SENT);
        ctx.out().send(ctx.validators().leader(b.round() + 1), s.value());
      }
      case Decision.Refused<Vote> r -> ctx.out().reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }

  /**
   * As leader of the current round, proposes a block with the payload the host supplied; a payload
   * over {@link EngineConfig#maxPayloadBytes} is refused with an {@link
   * Alarm.Kind#OVERSIZE_PAYLOAD} alarm (the round then times out).
   */
  void onPayload(Event.PayloadReady p) {
    long r = p.round();
    if (p.payload().size() > ctx.cfg().maxPayloadBytes()) {
      // The host broke its side of the contract; say so rather than let every round go silent.
      ctx.out().count(EngineStats.Counter.OVERSIZE_PAYLOADS);
      ctx.out()
          .alarm(
              Alarm.Kind.OVERSIZE_PAYLOAD,
              "payload for round "
                  + r
                  + " has "
                  + p.payload().size()
                  + " bytes, over the limit of "
                  + ctx.cfg().maxPayloadBytes()
                  + ": not proposed");
      return;
    }
    if (r != pacemaker.round() || !ctx.leads(r) || proposedRound >= r) return;
    QuorumCert highQc = pacemaker.highQc();
    Optional<TimeoutCert> highTc = pacemaker.highTc();
    Optional<TimeoutCert> tc = Optional.empty();
    if (highQc.round() + 1 != r) {
      if (highTc.isEmpty() || highTc.get().round() + 1 != r) return;
      tc = highTc;
    }
    ConsensusBlock b =
        ConsensusBlock.create(
            ctx.validators().epoch(),
            r,
            ctx.self(),
            highQc,
            executed.height(),
            executed.root(),
            p.payload());
    proposedRound = r;
    switch (safety.propose(b, tc)) {
      case Decision.Signed<Proposal> s -> {
        ctx.out().count(EngineStats.Counter.PROPOSALS_SENT);
        ctx.out().broadcast(s.value());
      }
      case Decision.Refused<Proposal> refused -> ctx.out().reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }
}
