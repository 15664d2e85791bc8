package io.levity.consensus.types;

import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes each signature covers. Every kind starts with its own tag and the chain id, so a
 * signature made for one purpose or one chain is never valid for another (domain separation).
 */
public record SigningDomain(long chainId) {
  private static final byte[] PROPOSAL = tag("LEVITY-BFT-PROPOSAL-V1");
  private static final byte[] VOTE = tag("LEVITY-BFT-VOTE-V1");
  private static final byte[] TIMEOUT = tag("LEVITY-BFT-TIMEOUT-V1");

  public byte[] proposal(long epoch, long round, Bytes32 blockId) {
    return inRound(PROPOSAL, epoch, round, Rlp.encodeBytes(blockId));
  }

  public byte[] vote(VoteData d) {
    return Rlp.encodeList(VOTE, Rlp.encodeLong(chainId), CanonicalEncoding.voteData(d));
  }

  public byte[] timeout(long epoch, long round, long highQcRound) {
    return inRound(TIMEOUT, epoch, round, Rlp.encodeLong(highQcRound));
  }

  /** [tag, chain id, epoch, round, what]: proposals and timeouts name their round. */
  private byte[] inRound(byte[] tag, long epoch, long round, byte[] what) {
    return Rlp.encodeList(
        tag, Rlp.encodeLong(chainId), Rlp.encodeLong(epoch), Rlp.encodeLong(round), what);
  }

  private static byte[] tag(String s) {
    return Rlp.encodeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
