package io.levity.da.node;

import io.levity.da.encoding.BlobLayout;

/**
 * A DA node's limits and retention.
 *
 * @param maxBlobBytes the largest blob whose share it takes (its header's length)
 * @param retentionEpochs how many epochs past a blob's epoch it keeps the blob: a blob of epoch
 *     {@code e} is deleted once the chain's epoch passes {@code e + retentionEpochs}
 * @param pruneIntervalMillis how often it looks for blobs to delete
 * @param maxIdsPerRequest the most cell ids one read may ask for
 */
public record DaNodeLimits(
    long maxBlobBytes, long retentionEpochs, long pruneIntervalMillis, int maxIdsPerRequest) {
  /** Checks the ranges. */
  public DaNodeLimits {
    if (maxBlobBytes < 1) throw new IllegalArgumentException("max blob bytes must be > 0");
    if (retentionEpochs < 0) throw new IllegalArgumentException("retention must be >= 0 epochs");
    if (pruneIntervalMillis < 1) throw new IllegalArgumentException("prune interval must be > 0");
    if (maxIdsPerRequest < 1) throw new IllegalArgumentException("max ids per request must be > 0");
  }

  /** 16 MiB blobs, kept 14 epochs, pruned every minute, 1024 cell ids per read. */
  public static DaNodeLimits defaults() {
    return new DaNodeLimits(BlobLayout.DEFAULT_MAX_BLOB, 14, 60_000, 1024);
  }

  /** These limits with another retention. */
  public DaNodeLimits withRetentionEpochs(long epochs) {
    return new DaNodeLimits(maxBlobBytes, epochs, pruneIntervalMillis, maxIdsPerRequest);
  }

  /** These limits with another largest blob. */
  public DaNodeLimits withMaxBlobBytes(long bytes) {
    return new DaNodeLimits(bytes, retentionEpochs, pruneIntervalMillis, maxIdsPerRequest);
  }
}
