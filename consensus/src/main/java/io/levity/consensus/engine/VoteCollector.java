package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SignerBitmap;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Votes addressed to this node as next leader, per round. Counts only a voter's first vote in a
 * round (a second, different one is reported as a double vote) and forms at most one QC per round,
 * once the voting power of one {@link VoteData} reaches quorum.
 */
final class VoteCollector {
  /** What became of a vote. */
  enum Outcome {
    ADDED,
    DUPLICATE,
    DOUBLE_VOTE
  }

  /** The outcome of adding a vote, and the QC it completed, if any. */
  record Added(Outcome outcome, Optional<QuorumCert> qc) {}

  private static final class RoundVotes {
    final Map<Integer, Vote> firstByVoter = new TreeMap<>();
    final Map<VoteData, Long> power = new LinkedHashMap<>();
    boolean certified;
  }

  private final ValidatorSet validators;
  private final SignatureScheme scheme;
  private final TreeMap<Long, RoundVotes> rounds = new TreeMap<>();

  VoteCollector(ValidatorSet validators, SignatureScheme scheme) {
    this.validators = validators;
    this.scheme = scheme;
  }

  /**
   * The vote this voter already cast in the round, if any; lets the caller skip verifying
   * duplicates.
   */
  Optional<Vote> existing(long round, int voter) {
    RoundVotes rv = rounds.get(round);
    return rv == null ? Optional.empty() : Optional.ofNullable(rv.firstByVoter.get(voter));
  }

  /** Adds a verified vote. */
  Added add(Vote v) {
    RoundVotes rv = rounds.computeIfAbsent(v.data().round(), r -> new RoundVotes());
    Vote first = rv.firstByVoter.get(v.voter());
    if (first != null) {
      return new Added(
          first.data().equals(v.data()) ? Outcome.DUPLICATE : Outcome.DOUBLE_VOTE,
          Optional.empty());
    }
    rv.firstByVoter.put(v.voter(), v);
    long p = rv.power.merge(v.data(), validators.get(v.voter()).power(), Long::sum);
    if (rv.certified || p < validators.quorumPower())
      return new Added(Outcome.ADDED, Optional.empty());
    rv.certified = true;
    BitSet signers = new BitSet();
    List<Bytes> sigs = new ArrayList<>();
    for (Vote x : rv.firstByVoter.values()) { // TreeMap: index order, as the bitmap expects
      if (x.data().equals(v.data())) {
        signers.set(x.voter());
        sigs.add(x.signature());
      }
    }
    QuorumCert qc =
        new QuorumCert(
            v.data(), SignerBitmap.of(validators.size(), signers), scheme.aggregate(sigs));
    return new Added(Outcome.ADDED, Optional.of(qc));
  }

  void pruneBelow(long round) {
    rounds.headMap(round).clear();
  }
}
