package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.lang.Require;
import io.levity.core.rlp.Rlp;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.FileLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One proof-of-storage challenge: which sectors of which shard a node must show in an epoch. The
 * sectors are not carried but derived ({@link #sectors()}), so every challenge value is honest by
 * construction and anyone holding the same inputs (all public on chain once the epoch has started)
 * computes the same sectors: {@code sector_j = keccak256(0x04 || randomness || nodeId || fileRoot
 * || uint32(shardIndex) || uint32(j)) mod (shardLength / 256)} for {@code j = 0 .. count-1}.
 * Indices may repeat; each is answered in order.
 *
 * @param epoch the proof-of-storage epoch
 * @param randomness that epoch's randomness ({@code StorageChain.epochRandomness})
 * @param nodeId the challenged node's Ed25519 public key
 * @param fileRoot the file whose shard is challenged
 * @param shardIndex the shard, {@code 0 <= shardIndex < k + m}
 * @param shardLength the shard's length in bytes (a whole number of 256 KiB segments)
 * @param count how many sectors are asked for, 1 to {@link #MAX_SECTORS} ({@link
 *     #MAX_SEALED_SECTORS} when sealed)
 * @param sealed whether the sectors are asked of the node's sealed replica (io.levity.storage.seal)
 *     rather than of the plain shard; see {@link SealedProofs}
 */
public record Challenge(
    long epoch,
    Bytes32 randomness,
    Bytes32 nodeId,
    Bytes32 fileRoot,
    int shardIndex,
    long shardLength,
    int count,
    boolean sealed) {
  /** Domain tag of the sector derivation. */
  static final byte SECTOR_TAG = 0x04;

  public static final int DEFAULT_SECTORS = 4;
  public static final int MAX_SECTORS = 64;

  /**
   * Most sectors a sealed challenge asks: each is answered with up to three openings, and an answer
   * holds at most {@link #MAX_SECTORS}.
   */
  public static final int MAX_SEALED_SECTORS = MAX_SECTORS / 3;

  /**
   * Largest shard a challenge may name: 2^22 segments (1 TiB), so file paths have at most 22
   * levels.
   */
  public static final long MAX_SHARD_LENGTH = (long) FileLayout.SEGMENT_SIZE << 22;

  /**
   * Longest wire encoding ({@link #encode()}); a decoder refuses anything longer before parsing.
   */
  public static final int MAX_ENCODED_BYTES = 256;

  public Challenge {
    Require.nonNull("randomness", randomness, "nodeId", nodeId, "fileRoot", fileRoot);
    if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch);
    if (shardIndex < 0 || shardIndex > 254)
      throw new IllegalArgumentException("shard index " + shardIndex + " out of 0..254");
    if (shardLength <= 0
        || shardLength % FileLayout.SEGMENT_SIZE != 0
        || shardLength > MAX_SHARD_LENGTH) {
      throw new IllegalArgumentException(
          "shard length "
              + shardLength
              + " is not a positive whole number of "
              + FileLayout.SEGMENT_SIZE
              + "-byte segments up to "
              + MAX_SHARD_LENGTH);
    }
    int max = sealed ? MAX_SEALED_SECTORS : MAX_SECTORS;
    if (count < 1 || count > max)
      throw new IllegalArgumentException("sector count " + count + " out of 1.." + max);
  }

  /** A challenge of the plain shard. */
  public Challenge(
      long epoch,
      Bytes32 randomness,
      Bytes32 nodeId,
      Bytes32 fileRoot,
      int shardIndex,
      long shardLength,
      int count) {
    this(epoch, randomness, nodeId, fileRoot, shardIndex, shardLength, count, false);
  }

  /** The same challenge asked of the sealed replica ({@code sealed = true}) or of the shard. */
  public Challenge withSealed(boolean sealed) {
    return new Challenge(
        epoch, randomness, nodeId, fileRoot, shardIndex, shardLength, count, sealed);
  }

  /** The challenge for shard {@code shardIndex} of a recorded file. */
  public static Challenge forShard(
      Submission file, int shardIndex, long epoch, Bytes32 randomness, Bytes32 nodeId, int count) {
    int shards = file.dataShards() + file.parityShards();
    if (shardIndex < 0 || shardIndex >= shards) {
      throw new IllegalArgumentException(
          "file " + file.fileRoot() + " has " + shards + " shards, not " + shardIndex);
    }
    return new Challenge(
        epoch,
        randomness,
        nodeId,
        file.fileRoot(),
        shardIndex,
        ShardGeometry.shardLength(file),
        count);
  }

  /** Sectors in the challenged shard. */
  public long sectorCount() {
    return shardLength / FileLayout.SECTOR_SIZE;
  }

  /** The challenged sector indices, in answer order (see the class comment for the rule). */
  public List<Long> sectors() {
    byte[] in = new byte[1 + 32 * 3 + 4 + 4];
    in[0] = SECTOR_TAG;
    System.arraycopy(randomness.unsafeArray(), 0, in, 1, 32);
    System.arraycopy(nodeId.unsafeArray(), 0, in, 33, 32);
    System.arraycopy(fileRoot.unsafeArray(), 0, in, 65, 32);
    putInt(in, 97, shardIndex);
    BigInteger modulus = BigInteger.valueOf(sectorCount());
    List<Long> out = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      putInt(in, 101, j);
      out.add(new BigInteger(1, Keccak.hash256(in)).mod(modulus).longValueExact());
    }
    return List.copyOf(out);
  }

  /**
   * Wire form: RLP {@code [epoch, randomness, nodeId, fileRoot, shardIndex, shardLength, count]},
   * with a trailing {@code 1} when sealed.
   */
  public byte[] encode() {
    Rlp.Writer w =
        new Rlp.Writer()
            .number(epoch)
            .bytes(randomness)
            .bytes(nodeId)
            .bytes(fileRoot)
            .number(shardIndex)
            .number(shardLength)
            .number(count);
    if (sealed) w.number(1);
    return w.toList();
  }

  /** Strict inverse of {@link #encode()}; any other input throws {@link ProofFormatException}. */
  public static Challenge decode(byte[] in) {
    Fields f =
        ProofCodec.decodeList(
            in,
            MAX_ENCODED_BYTES,
            "challenge",
            r ->
                new Fields(
                    r.readLong(),
                    Bytes32.wrap32(r.readFixed(32, "randomness")),
                    Bytes32.wrap32(r.readFixed(32, "node id")),
                    Bytes32.wrap32(r.readFixed(32, "file root")),
                    r.readLong(),
                    r.readLong(),
                    r.readLong(),
                    r.hasNext() ? r.readLong() : -1));
    if (f.sealed != -1 && f.sealed != 1)
      throw new ProofFormatException("the sealed flag is 1 or absent, got " + f.sealed);
    if (f.shardIndex < 0 || f.shardIndex > 254 || f.count < 0 || f.count > MAX_SECTORS) {
      throw new ProofFormatException(
          "shard index " + f.shardIndex + " or sector count " + f.count + " out of range");
    }
    try {
      return new Challenge(
          f.epoch,
          f.randomness,
          f.nodeId,
          f.fileRoot,
          (int) f.shardIndex,
          f.shardLength,
          (int) f.count,
          f.sealed == 1);
    } catch (IllegalArgumentException e) {
      throw new ProofFormatException("malformed challenge: " + e.getMessage(), e);
    }
  }

  /** The fields of an encoded challenge, before their ranges are checked. */
  private record Fields(
      long epoch,
      Bytes32 randomness,
      Bytes32 nodeId,
      Bytes32 fileRoot,
      long shardIndex,
      long shardLength,
      long count,
      long sealed) {}

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (56 - 8 * i));
  }
}
