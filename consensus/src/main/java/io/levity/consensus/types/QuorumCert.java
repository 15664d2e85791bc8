package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;

/**
 * A quorum certificate: votes carrying more than two thirds of the voting power for the same {@link
 * VoteData}. The signer bitmap says who voted; the aggregate holds their signatures in index order.
 */
public record QuorumCert(VoteData data, SignerBitmap signers, Bytes aggregateSignature) {
  public long round() {
    return data.round();
  }

  public long height() {
    return data.height();
  }

  public Bytes32 blockId() {
    return data.blockId();
  }

  /** The certificate every epoch starts from: round 0, no signers. */
  public static QuorumCert genesis(ConsensusGenesis g, int validators) {
    return new QuorumCert(
        new VoteData(g.epoch(), 0, 0, g.id(), Bytes32.ZERO, 0),
        SignerBitmap.empty(validators),
        Bytes.EMPTY);
  }

  public boolean isGenesisShaped() {
    return data.round() == 0 && signers.count() == 0 && aggregateSignature.isEmpty();
  }
}
