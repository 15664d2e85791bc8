package io.levity.consensus.safety;

import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import java.util.Optional;

/**
 * The only holder of the validator's signing key: it decides whether a proposal, vote or timeout
 * may be signed, remembers what it signed before the signature leaves, and signs. {@link
 * PersistentSafetyRules} is the real one; the engine takes a {@link Factory} so the simulator can
 * wrap it in deliberately broken rules that its checkers must catch.
 */
public interface SafetyRules {
  /** Outcome of a request to sign: a value, or the rule that refused. */
  sealed interface Decision<T> {
    /** Allowed, persisted and signed. */
    record Signed<T>(T value) implements Decision<T> {}

    /** Not allowed; {@code reason} names the rule. */
    record Refused<T>(String reason) implements Decision<T> {}
  }

  /** Builds the rules an engine signs with when it starts, from what its host persisted. */
  @FunctionalInterface
  interface Factory {
    SafetyRules create(SafetyStore store, MessageSigner signer, SafetyState initial);
  }

  /** What the rules remember now. */
  SafetyState state();

  /**
   * Signs a vote for the block of proposal {@code p} (whose TC, if any, justifies its round) if the
   * voting rule allows; {@code observedQc} and {@code observedTc} are the highest certificates the
   * node knows, persisted with the vote.
   */
  Decision<Vote> vote(Proposal p, QuorumCert observedQc, Optional<TimeoutCert> observedTc);

  /**
   * Signs a timeout for {@code round}, carrying {@code highQc}, which must be at least the lock;
   * {@code highTc} is the highest TC known, which justifies the round when the QC does not.
   */
  Decision<Timeout> timeout(long round, QuorumCert highQc, Optional<TimeoutCert> highTc);

  /** Signs a proposal for a round this node leads, at most once per round. */
  Decision<Proposal> propose(ConsensusBlock b, Optional<TimeoutCert> tc);
}
