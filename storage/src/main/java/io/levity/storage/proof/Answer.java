package io.levity.storage.proof;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.lang.Require;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.SectorProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A node's answer to a {@link Challenge}: per challenged sector its 256 bytes and its proof against
 * the shard's root, the file's k + m shard roots (which the verifier hashes against the recorded
 * shard commitment), and the node's Ed25519 signature over {@link #digest(Bytes32)}. Values are
 * structurally bounded (see the limits below) but not verified: that is {@link ProofVerifier}'s
 * job.
 *
 * <p>Wire form (RLP, strict): {@code [epoch, nodeId, fileRoot, shardIndex, [shardRoot...],
 * [[sectorIndex, sector, [segmentPath...], [filePath...]]...], signature]}; docs/storage-proofs.md
 * gives the byte layout.
 */
public record Answer(
    long epoch,
    Bytes32 nodeId,
    Bytes32 fileRoot,
    int shardIndex,
    List<Bytes32> shardRoots,
    List<Sector> sectors,
    Bytes signature) {
  /** Domain tag of the signed digest. */
  static final byte DIGEST_TAG = 0x05;

  public static final int MAX_SHARD_ROOTS = 255;

  /** Levels of a segment tree (1024 sectors). */
  public static final int MAX_SEGMENT_PATH = 10;

  /** Levels of a shard's tree over at most 2^22 segments ({@link Challenge#MAX_SHARD_LENGTH}). */
  public static final int MAX_FILE_PATH = 22;

  /**
   * Largest encoding accepted (128 KiB). The largest well-formed answer (255 roots, 64 sectors,
   * full paths) is about 95 KiB, so this never refuses one.
   */
  public static final int MAX_ENCODED_BYTES = 128 * 1024;

  /**
   * One challenged sector: its bytes (zero-padded past the shard's end, always 256) and its proof.
   */
  public record Sector(Bytes data, SectorProof proof) {
    public Sector {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(proof, "proof");
      if (data.size() != FileLayout.SECTOR_SIZE) {
        throw new IllegalArgumentException(
            "a sector is " + FileLayout.SECTOR_SIZE + " bytes, got " + data.size());
      }
      if (proof.segmentPath().size() > MAX_SEGMENT_PATH
          || proof.filePath().size() > MAX_FILE_PATH) {
        throw new IllegalArgumentException(
            "proof paths of "
                + proof.segmentPath().size()
                + " and "
                + proof.filePath().size()
                + " levels exceed "
                + MAX_SEGMENT_PATH
                + " and "
                + MAX_FILE_PATH);
      }
    }

    public long index() {
      return proof.sectorIndex();
    }
  }

  public Answer {
    Require.nonNull("nodeId", nodeId, "fileRoot", fileRoot, "signature", signature);
    shardRoots = List.copyOf(shardRoots);
    sectors = List.copyOf(sectors);
    if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch);
    if (shardIndex < 0 || shardIndex > 254)
      throw new IllegalArgumentException("shard index " + shardIndex + " out of 0..254");
    if (shardRoots.size() > MAX_SHARD_ROOTS) {
      throw new IllegalArgumentException(
          shardRoots.size() + " shard roots exceed " + MAX_SHARD_ROOTS);
    }
    if (sectors.size() > Challenge.MAX_SECTORS) {
      throw new IllegalArgumentException(
          sectors.size() + " sectors exceed " + Challenge.MAX_SECTORS);
    }
    if (signature.size() != 64)
      throw new IllegalArgumentException(
          "an Ed25519 signature is 64 bytes, got " + signature.size());
  }

  /**
   * What the node signs: {@code keccak256(0x05 || uint64(epoch) || randomness || nodeId || fileRoot
   * || uint32(shardIndex) || keccak256(shardRoot_0 || ...) || uint32(sectorCount) ||
   * (uint64(sectorIndex) || keccak256(0x00 || sector))...)}. The epoch's randomness is not carried
   * in the answer, the verifier supplies it.
   */
  public Bytes32 digest(Bytes32 randomness) {
    return digest(epoch, randomness, nodeId, fileRoot, shardIndex, shardRoots, sectors);
  }

  /**
   * The answer to {@code challenge} (by the node it names) with {@code sectors}, signed by {@code
   * signer} over its {@link #digest(Bytes32) digest}; the signer returns a 64-byte Ed25519
   * signature.
   */
  public static Answer signed(
      Challenge challenge,
      List<Bytes32> shardRoots,
      List<Sector> sectors,
      Function<Bytes32, byte[]> signer) {
    Bytes32 digest =
        digest(
            challenge.epoch(),
            challenge.randomness(),
            challenge.nodeId(),
            challenge.fileRoot(),
            challenge.shardIndex(),
            shardRoots,
            sectors);
    return new Answer(
        challenge.epoch(),
        challenge.nodeId(),
        challenge.fileRoot(),
        challenge.shardIndex(),
        shardRoots,
        sectors,
        Bytes.wrap(signer.apply(digest)));
  }

  static Bytes32 digest(
      long epoch,
      Bytes32 randomness,
      Bytes32 nodeId,
      Bytes32 fileRoot,
      int shardIndex,
      List<Bytes32> shardRoots,
      List<Sector> sectors) {
    byte[] roots = new byte[32 * shardRoots.size()];
    for (int i = 0; i < shardRoots.size(); i++)
      System.arraycopy(shardRoots.get(i).unsafeArray(), 0, roots, 32 * i, 32);
    byte[] head = new byte[1 + 8 + 32 * 3 + 4 + 32 + 4];
    head[0] = DIGEST_TAG;
    Challenge.putLong(head, 1, epoch);
    System.arraycopy(randomness.unsafeArray(), 0, head, 9, 32);
    System.arraycopy(nodeId.unsafeArray(), 0, head, 41, 32);
    System.arraycopy(fileRoot.unsafeArray(), 0, head, 73, 32);
    Challenge.putInt(head, 105, shardIndex);
    System.arraycopy(Keccak.hash256(roots), 0, head, 109, 32);
    Challenge.putInt(head, 141, sectors.size());
    Keccak.Hasher h = new Keccak.Hasher().update(head);
    byte[] leafIn = new byte[1 + FileLayout.SECTOR_SIZE];
    byte[] entry = new byte[8];
    for (Sector s : sectors) {
      Challenge.putLong(entry, 0, s.index());
      h.update(entry);
      System.arraycopy(s.data().unsafeArray(), 0, leafIn, 1, FileLayout.SECTOR_SIZE);
      h.update(Keccak.hash256(leafIn));
    }
    return Bytes32.wrap32(h.digest());
  }

  /** The wire form (see the class comment). */
  public byte[] encode() {
    byte[][] roots = new byte[shardRoots.size()][];
    for (int i = 0; i < roots.length; i++) roots[i] = Rlp.encodeBytes(shardRoots.get(i));
    byte[][] items = new byte[sectors.size()][];
    for (int i = 0; i < items.length; i++) {
      Sector s = sectors.get(i);
      items[i] =
          new Rlp.Writer()
              .number(s.index())
              .bytes(s.data())
              .raw(hashList(s.proof().segmentPath()))
              .raw(hashList(s.proof().filePath()))
              .toList();
    }
    return new Rlp.Writer()
        .number(epoch)
        .bytes(nodeId)
        .bytes(fileRoot)
        .number(shardIndex)
        .raw(Rlp.encodeList(roots))
        .raw(Rlp.encodeList(items))
        .bytes(signature)
        .toList();
  }

  /**
   * Strict inverse of {@link #encode()}. Refuses, with {@link ProofFormatException}, input over
   * {@link #MAX_ENCODED_BYTES}, non-canonical or trailing RLP, wrong field sizes and lists over
   * their limits.
   */
  public static Answer decode(byte[] in) {
    return ProofCodec.decodeList(in, MAX_ENCODED_BYTES, "answer", Answer::readFields);
  }

  private static Answer readFields(RlpReader r) {
    long epoch = r.readLong();
    Bytes32 nodeId = Bytes32.wrap32(r.readFixed(32, "node id"));
    Bytes32 fileRoot = Bytes32.wrap32(r.readFixed(32, "file root"));
    long shardIndex = r.readLong();
    if (shardIndex < 0 || shardIndex > 254)
      throw new ProofFormatException("shard index " + shardIndex + " out of 0..254");
    List<Bytes32> roots = readHashes(r, MAX_SHARD_ROOTS, "shard roots");
    List<Sector> sectors = new ArrayList<>();
    r.enterList();
    while (r.hasNext()) {
      if (sectors.size() == Challenge.MAX_SECTORS)
        throw new ProofFormatException("more than " + Challenge.MAX_SECTORS + " sectors");
      r.enterList();
      long index = r.readLong();
      if (index < 0) throw new ProofFormatException("sector index out of range");
      Bytes data = Bytes.wrap(r.readFixed(FileLayout.SECTOR_SIZE, "sector"));
      List<Bytes32> segmentPath = readHashes(r, MAX_SEGMENT_PATH, "segment path");
      List<Bytes32> filePath = readHashes(r, MAX_FILE_PATH, "file path");
      r.exitList();
      sectors.add(new Sector(data, new SectorProof(index, segmentPath, filePath)));
    }
    r.exitList();
    Bytes signature = Bytes.wrap(r.readFixed(64, "signature"));
    return new Answer(epoch, nodeId, fileRoot, (int) shardIndex, roots, sectors, signature);
  }

  private static byte[] hashList(List<Bytes32> hashes) {
    byte[][] items = new byte[hashes.size()][];
    for (int i = 0; i < items.length; i++) items[i] = Rlp.encodeBytes(hashes.get(i));
    return Rlp.encodeList(items);
  }

  private static List<Bytes32> readHashes(RlpReader r, int max, String what) {
    List<Bytes32> out = new ArrayList<>();
    r.enterList();
    while (r.hasNext()) {
      if (out.size() == max) throw new ProofFormatException(what + " longer than " + max);
      out.add(Bytes32.wrap32(r.readFixed(32, what)));
    }
    r.exitList();
    return out;
  }
}
