package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import java.util.List;

/**
 * What encoding a file yields besides the shard bytes: its root and length, the code, each shard's
 * root and the commitment to them.
 */
public record EncodedFile(
    Bytes32 fileRoot,
    long length,
    int dataShards,
    int parityShards,
    List<Bytes32> shardRoots,
    Bytes32 commitment) {
  public EncodedFile {
    shardRoots = List.copyOf(shardRoots);
    if (!ShardCommitment.matches(commitment, dataShards, parityShards, shardRoots)) {
      throw new IllegalArgumentException("shard roots do not match the commitment");
    }
  }

  public ShardLayout layout() {
    return new ShardLayout(dataShards, parityShards, length);
  }

  /** The chain record of this file, paid for by {@code submitter}. */
  public Submission submission(Bytes32 submitter) {
    return new Submission(fileRoot, length, dataShards, parityShards, commitment, submitter);
  }

  /**
   * True when {@code s} records exactly this file, code and commitment (the submitter may be
   * anyone).
   */
  public boolean matches(Submission s) {
    return s.fileRoot().equals(fileRoot)
        && s.length() == length
        && s.dataShards() == dataShards
        && s.parityShards() == parityShards
        && s.shardCommitment().equals(commitment);
  }
}
