package io.levity.consensus.message;

import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * Everything validators say to each other. Signed kinds carry the signer's index; the transport
 * sender is not trusted.
 */
public sealed interface ConsensusMessage {
  /**
   * The leader's block for its round, with the TC for the previous round when the parent QC is not
   * from it.
   */
  record Proposal(ConsensusBlock block, Optional<TimeoutCert> lastRoundTc, Bytes signature)
      implements ConsensusMessage {}

  /** A vote for a block, sent to the leader of the next round only (linear happy path). */
  record Vote(VoteData data, int voter, Bytes signature) implements ConsensusMessage {}

  /**
   * "I give up on this round": broadcast, carrying the sender's highest QC and, when that QC is not
   * from the previous round, the TC that got the sender into this round. The signature covers
   * (epoch, round, highQc.round).
   */
  record Timeout(
      long epoch,
      long round,
      int sender,
      QuorumCert highQc,
      Optional<TimeoutCert> lastRoundTc,
      Bytes signature)
      implements ConsensusMessage {}

  /** Asks for a block and up to {@code maxBlocks - 1} of its ancestors. */
  record BlockRequest(Bytes32 blockId, int maxBlocks) implements ConsensusMessage {}

  /**
   * Answers a {@link BlockRequest}: the requested block first, then its ancestors, newest first.
   */
  record BlockResponse(Bytes32 blockId, List<ConsensusBlock> blocks) implements ConsensusMessage {
    public BlockResponse {
      blocks = List.copyOf(blocks);
    }
  }

  /** The round a message speaks about, or -1 for sync messages. */
  default long round() {
    return switch (this) {
      case Proposal p -> p.block().round();
      case Vote v -> v.data().round();
      case Timeout t -> t.round();
      case BlockRequest r -> -1;
      case BlockResponse r -> -1;
    };
  }
}
