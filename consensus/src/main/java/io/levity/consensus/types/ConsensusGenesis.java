package io.levity.consensus.types;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.nio.charset.StandardCharsets;

/** The implicit block at height 0 of an epoch, which every first proposal extends. */
public record ConsensusGenesis(long chainId, long epoch, Bytes32 id) {
  public static ConsensusGenesis of(long chainId, long epoch) {
    byte[] enc =
        Rlp.encodeList(
            Rlp.encodeBytes("LEVITY-BFT-GENESIS-V1".getBytes(StandardCharsets.US_ASCII)),
            Rlp.encodeLong(chainId),
            Rlp.encodeLong(epoch));
    return new ConsensusGenesis(chainId, epoch, Keccak.hash(enc));
  }

  public BlockRef ref() {
    return new BlockRef(id, 0, 0);
  }
}
