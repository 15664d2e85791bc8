package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Vote;

/**
 * Proof that validator {@code validator} signed two different proposals, or two different votes,
 * for one round: both signed messages as they arrived, each verified before the engine kept it.
 * Anyone holding the validator set can check it again; the node keeps it on disk.
 */
public record Equivocation(ConsensusMessage first, ConsensusMessage second) {
  /** What was signed twice. */
  public enum Kind {
    PROPOSAL,
    VOTE
  }

  public Equivocation {
    boolean sameKind =
        (first instanceof Proposal && second instanceof Proposal)
            || (first instanceof Vote && second instanceof Vote);
    if (!sameKind) throw new IllegalArgumentException("not two proposals or two votes");
    if (first.equals(second) || first.round() != second.round() || signer(first) != signer(second))
      throw new IllegalArgumentException("not two different messages of one signer and round");
  }

  public Kind kind() {
    return first instanceof Proposal ? Kind.PROPOSAL : Kind.VOTE;
  }

  /** The validator that signed both. */
  public int validator() {
    return signer(first);
  }

  public long round() {
    return first.round();
  }

  private static int signer(ConsensusMessage m) {
    return switch (m) {
      case Proposal p -> p.block().author();
      case Vote v -> v.voter();
      default -> -1;
    };
  }
}
