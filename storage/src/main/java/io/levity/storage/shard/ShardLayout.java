package io.levity.storage.shard;

import io.levity.storage.layout.FileLayout;

/**
 * Sizes of the shard format for a file of {@code fileLength} bytes under a k + m code: S segments
 * of 256 KiB, grouped k at a time into G = max(1, ceil(S / k)) groups; every shard holds one
 * segment per group, so it is G * 256 KiB long.
 *
 * @param dataShards k
 * @param parityShards m
 * @param fileLength L, in bytes
 */
public record ShardLayout(int dataShards, int parityShards, long fileLength) {
  public static final int SEGMENT_SIZE = FileLayout.SEGMENT_SIZE;

  public ShardLayout {
    if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 255) {
      throw new IllegalArgumentException(
          "bad code "
              + dataShards
              + "+"
              + parityShards
              + ": need k >= 1, m >= 0,"
              + " k + m <= 255");
    }
    if (fileLength < 0) throw new IllegalArgumentException("negative file length " + fileLength);
  }

  public int totalShards() {
    return dataShards + parityShards;
  }

  /** S: segments of the file (the last may be short). */
  public long segments() {
    return FileLayout.segmentCount(fileLength);
  }

  /** G: groups of k segments, at least one (an empty file still has one all-zero group). */
  public long groups() {
    return Math.max(1, (segments() + dataShards - 1) / dataShards);
  }

  /** Bytes in every shard: G * 262144. */
  public long shardSize() {
    return groups() * SEGMENT_SIZE;
  }

  /** Bytes stored over all k + m shards. */
  public long storedBytes() {
    return shardSize() * totalShards();
  }

  /**
   * File offset of data segment {@code i} of group {@code g} (may lie past the end of the file:
   * zero padding).
   */
  public long fileOffset(long group, int dataShard) {
    return (group * dataShards + dataShard) * SEGMENT_SIZE;
  }

  /** Bytes of the file inside data segment {@code i} of group {@code g}: 0..262144. */
  public int fileBytesIn(long group, int dataShard) {
    long off = fileOffset(group, dataShard);
    return (int) Math.max(0, Math.min(SEGMENT_SIZE, fileLength - off));
  }
}
