package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import java.util.Optional;

/** What the engine asks the outside world to do, in order. */
public sealed interface Action {
  /** Send to validator {@code to} only. */
  record Send(int to, ConsensusMessage message) implements Action {}

  /** Send to every other validator. */
  record Broadcast(ConsensusMessage message) implements Action {}

  /** Fire {@link Event.TimerFired} after the delay; a later timer replaces earlier ones. */
  record SetTimer(long timerId, long round, long delayMillis) implements Action {}

  /** This node leads {@code round}: answer with {@link Event.PayloadReady}. */
  record RequestPayload(long round, Bytes32 parentId, long height) implements Action {}

  /**
   * The block is final: persist it, then execute it. Emitted in height order without gaps. {@code
   * proof} is the QC of a child in the next round (the two-chain commit certificate) of this block
   * or of a descendant committed in the same step.
   */
  record Commit(ConsensusBlock block, QuorumCert proof) implements Action {}

  /**
   * Evidence of misbehaviour or of a broken assumption; never changes what the engine does. An
   * equivocation carries both signed messages, for the host to keep.
   */
  record Alarm(Kind kind, String detail, Optional<Equivocation> evidence) implements Action {
    public Alarm(Kind kind, String detail) {
      this(kind, detail, Optional.empty());
    }

    /** What was observed. */
    public enum Kind {
      EQUIVOCATING_PROPOSER,
      DOUBLE_VOTE,
      /**
       * A commit certificate for a block that conflicts with this node's ledger: more than f
       * Byzantine power.
       */
      CONFLICTING_COMMIT,
      STATE_DIVERGENCE,
      /**
       * The host answered a payload request with more than {@link EngineConfig#maxPayloadBytes}:
       * the round is not proposed. A bug in the host, never caused by a peer.
       */
      OVERSIZE_PAYLOAD
    }
  }
}
