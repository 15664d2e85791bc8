package io.levity.storage.chain;

import io.levity.core.bytes.Bytes32;

/**
 * A file as recorded on chain: its identity, its length, the erasure code it is stored with, and a
 * commitment to every shard (so a node can check a parity shard, which the file root alone does not
 * cover).
 *
 * @param fileRoot the file root of {@code io.levity.storage.layout} (the file's identity)
 * @param length file length in bytes
 * @param dataShards k
 * @param parityShards m
 * @param shardCommitment commitment to the k + m shards (definition: docs/storage.md)
 * @param submitter who paid for it (20-byte address as 32 bytes, left-padded with zeros; zero when
 *     unknown)
 */
public record Submission(
    Bytes32 fileRoot,
    long length,
    int dataShards,
    int parityShards,
    Bytes32 shardCommitment,
    Bytes32 submitter) {
  public Submission {
    if (length < 0) throw new IllegalArgumentException("negative length " + length);
    if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 255) {
      throw new IllegalArgumentException("bad code " + dataShards + "+" + parityShards);
    }
  }
}
