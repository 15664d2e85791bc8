package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * Checks, outside a running engine, that a chain of blocks was committed by the validator set: what
 * a node syncing from a peer it does not trust needs. A chain is committed if it is hash-linked
 * from a block already known to be committed (or the epoch's genesis), and its last block is the
 * parent named by a verified quorum certificate whose certified block is in the next round (the
 * two-chain rule): every ancestor of a committed block is committed. Not thread-safe (certificates
 * verified once are cached).
 */
public final class CommitVerifier {
  private final ValidatorSet validators;
  private final MessageVerifier verifier;
  private final ConsensusGenesis genesis;

  public CommitVerifier(EngineConfig cfg, ValidatorSet validators, SignatureScheme scheme) {
    this.validators = validators;
    this.genesis = ConsensusGenesis.of(cfg.chainId(), validators.epoch());
    this.verifier = new MessageVerifier(cfg, validators, scheme);
  }

  /** The id of the implicit block at height 0 (the parent of height 1). */
  public Bytes32 genesisId() {
    return genesis.id();
  }

  /**
   * Whether {@code qc} is a valid certificate of this validator set (structure, quorum and
   * signatures).
   */
  public boolean quorumCert(QuorumCert qc) {
    return verifier.quorumCert(qc);
  }

  /**
   * Whether {@code proof} shows {@code block} committed: it certifies a child of it in the next
   * round.
   */
  public boolean commits(QuorumCert proof, ConsensusBlock block) {
    return proof.data().commitsParent()
        && proof.data().parentId().equals(block.id())
        && proof.data().height() == block.height() + 1
        && proof.data().parentRound() == block.round()
        && quorumCert(proof);
  }

  /**
   * Checks {@code chain} (ascending heights) against the committed block {@code parentId} at {@code
   * parentHeight}: returns the reason it is not acceptable, or empty when every block is linked and
   * of this epoch. Commitment of the chain's top still has to be shown with {@link #commits}.
   */
  public Optional<String> linked(Bytes32 parentId, long parentHeight, List<ConsensusBlock> chain) {
    Bytes32 prev = parentId;
    long h = parentHeight;
    for (ConsensusBlock b : chain) {
      if (b.epoch() != validators.epoch())
        return Optional.of("block " + b.id() + " is of epoch " + b.epoch());
      if (b.height() != h + 1)
        return Optional.of("block at height " + b.height() + " where " + (h + 1) + " was due");
      if (!b.parentId().equals(prev))
        return Optional.of("block " + b.id() + " does not extend " + prev);
      prev = b.id();
      h = b.height();
    }
    return Optional.empty();
  }
}
