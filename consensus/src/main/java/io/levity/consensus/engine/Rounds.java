package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-round bookkeeping of the engine: the round, its timer, our timeout, proposals waiting for a
 * vote.
 */
final class Rounds {
  private static final int MAX_PENDING = 64;

  long round;
  long timerId;

  /** Rounds in a row that ended by TC; sets the timeout backoff, reset by a QC. */
  int consecutiveTimeouts;

  /** Our signed timeout for this round, kept for retransmission. */
  Timeout myTimeout;

  long proposedRound;

  /**
   * Proposals (by block id) whose block is not yet in the tree or that opened before their round
   * did.
   */
  final Map<Bytes32, Proposal> pending =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, Proposal> e) {
          return size() > MAX_PENDING;
        }
      };

  /**
   * Distinct blocks proposed per round: two prove equivocation, more are only a way to fill our
   * memory.
   */
  private final TreeMap<Long, List<Bytes32>> proposalSeen = new TreeMap<>();

  void enter(long r, boolean viaTc) {
    round = r;
    timerId++;
    myTimeout = null;
    consecutiveTimeouts = viaTc ? consecutiveTimeouts + 1 : 0;
    pending.values().removeIf(p -> p.block().round() < r);
    proposalSeen.headMap(r - 1).clear();
  }

  /**
   * What is known about a proposal's round: whether it is the second distinct block (equivocation),
   * or beyond.
   */
  record Note(Optional<Bytes32> equivocatesWith, boolean tooMany) {}

  Note noteProposal(ConsensusBlock b) {
    List<Bytes32> seen = proposalSeen.computeIfAbsent(b.round(), r -> new ArrayList<>(1));
    if (seen.contains(b.id())) return new Note(Optional.empty(), false);
    if (seen.size() >= 2) return new Note(Optional.empty(), true);
    seen.add(b.id());
    return new Note(seen.size() == 2 ? Optional.of(seen.get(0)) : Optional.empty(), false);
  }

  List<Proposal> pendingFor(long r) {
    List<Proposal> out = new ArrayList<>();
    for (Proposal p : pending.values()) if (p.block().round() == r) out.add(p);
    return out;
  }
}
