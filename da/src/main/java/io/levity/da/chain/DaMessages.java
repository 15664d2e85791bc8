package io.levity.da.chain;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The digests the DataAvailability contract derives, computed here byte for byte as its {@code
 * abi.encodePacked} does: what a quorum signs for a blob, and what a node signs to prove it holds
 * its key.
 */
public final class DaMessages {
  private static final byte[] SIGNING_TAG = "levity-da-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POP_TAG = "levity-da-pop-v1".getBytes(StandardCharsets.US_ASCII);

  private DaMessages() {}

  /**
   * {@code keccak256("levity-da-v1" || uint256(chainId) || contract || blobId || uint64(epoch))}:
   * see {@link DaChain#signingMessage}.
   */
  public static Bytes32 signingMessage(long chainId, Address contract, Bytes32 blobId, long epoch) {
    if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch);
    return Keccak.hash(
        Bytes.concat(
            Bytes.wrap(SIGNING_TAG),
            word(chainId),
            contract,
            blobId,
            Bytes.wrap(ByteBuffer.allocate(8).putLong(epoch).array())));
  }

  /**
   * The proof-of-possession message of {@code operator} registering the key whose G1 half is {@code
   * pkG1} (64 bytes: x, y): {@code keccak256("levity-da-pop-v1" || uint256(chainId) || contract ||
   * operator || pkG1.x || pkG1.y)}. Binding the operator and the contract means a proof cannot be
   * replayed by another account or on another deployment.
   */
  public static Bytes32 popMessage(long chainId, Address contract, Address operator, Bytes pkG1) {
    if (pkG1.size() != 64)
      throw new IllegalArgumentException("a G1 key is 64 bytes, got " + pkG1.size());
    return Keccak.hash(Bytes.concat(Bytes.wrap(POP_TAG), word(chainId), contract, operator, pkG1));
  }

  private static Bytes32 word(long chainId) {
    if (chainId < 0) throw new IllegalArgumentException("negative chain id " + chainId);
    return Bytes32.fromBigInteger(BigInteger.valueOf(chainId));
  }
}
