package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.Objects;

/**
 * A proposed block: its position (epoch, round, height), its author, the certificate of its parent,
 * the latest execution result its author knew (height and state root, so a diverging node is
 * noticed within a block) and an opaque payload. Its id is the Keccak-256 of its canonical RLP
 * encoding. Immutable.
 */
public final class ConsensusBlock {
  private final long epoch;
  private final long round;
  private final long height;
  private final int author;
  private final QuorumCert parentQc;
  private final long execHeight;
  private final Bytes32 execRoot;
  private final Bytes payload;
  private final byte[] encoding;
  private final Bytes32 id;

  /**
   * From the fields and the exact bytes they were read from (strict RLP, so canonical): for {@link
   * #create} and the decoder.
   */
  ConsensusBlock(
      long epoch,
      long round,
      long height,
      int author,
      QuorumCert parentQc,
      long execHeight,
      Bytes32 execRoot,
      Bytes payload,
      byte[] encoding) {
    this.epoch = epoch;
    this.round = round;
    this.height = height;
    this.author = author;
    this.parentQc = Objects.requireNonNull(parentQc);
    this.execHeight = execHeight;
    this.execRoot = Objects.requireNonNull(execRoot);
    this.payload = Objects.requireNonNull(payload);
    this.encoding = encoding;
    this.id = Keccak.hash(encoding);
  }

  public static ConsensusBlock create(
      long epoch,
      long round,
      int author,
      QuorumCert parentQc,
      long execHeight,
      Bytes32 execRoot,
      Bytes payload) {
    long height = parentQc.height() + 1;
    byte[] enc =
        CanonicalEncoding.block(
            epoch, round, height, author, parentQc, execHeight, execRoot, payload);
    return new ConsensusBlock(
        epoch, round, height, author, parentQc, execHeight, execRoot, payload, enc);
  }

  public Bytes32 id() {
    return id;
  }

  public long epoch() {
    return epoch;
  }

  public long round() {
    return round;
  }

  public long height() {
    return height;
  }

  public int author() {
    return author;
  }

  public QuorumCert parentQc() {
    return parentQc;
  }

  public Bytes32 parentId() {
    return parentQc.blockId();
  }

  public long execHeight() {
    return execHeight;
  }

  public Bytes32 execRoot() {
    return execRoot;
  }

  public Bytes payload() {
    return payload;
  }

  /** The canonical encoding; do not modify. */
  public byte[] encoding() {
    return encoding;
  }

  public BlockRef ref() {
    return new BlockRef(id, round, height);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsensusBlock b && b.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Block{r="
        + round
        + " h="
        + height
        + " by="
        + author
        + " id="
        + id.toHex().substring(0, 8)
        + " parent="
        + parentId().toHex().substring(0, 8)
        + "@"
        + parentQc.round()
        + "}";
  }
}
