package io.levity.consensus.types;

import io.levity.core.bytes.Bytes32;

/**
 * What a vote certifies: a block (id, round, height) and its parent (id, round). Carrying the
 * parent's round lets a node see the two-chain commit rule from a certificate alone: parentRound +
 * 1 == round commits the parent.
 */
public record VoteData(
    long epoch, long round, long height, Bytes32 blockId, Bytes32 parentId, long parentRound) {
  public VoteData {
    if (round < 0 || height < 0 || parentRound < 0 || epoch < 0)
      throw new IllegalArgumentException("negative field in " + this);
  }

  public static VoteData of(ConsensusBlock b) {
    return new VoteData(
        b.epoch(), b.round(), b.height(), b.id(), b.parentId(), b.parentQc().round());
  }

  /**
   * True when the certified block and its parent are in consecutive rounds, so the parent is
   * committed.
   */
  public boolean commitsParent() {
    return round > 0 && parentRound + 1 == round;
  }

  public BlockRef ref() {
    return new BlockRef(blockId, round, height);
  }
}
