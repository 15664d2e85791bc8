package io.levity.da.client;

import io.levity.da.encoding.BlobLayout;
import java.time.Duration;

/**
 * The client's limits and pacing.
 *
 * @param maxBlob the largest blob it encodes or rebuilds (default 16 MiB)
 * @param encodeThreads threads for encoding (default: available processors)
 * @param nodeTimeout how long one node may take to answer one request (default 60 s)
 * @param grace once the signatures meet the threshold, how long to wait for the remaining nodes so
 *     the certificate carries more of the quorum (default 1 s)
 * @param cellsPerRequest the most cell ids asked of a node in one request (default 256)
 */
public record DaClientSettings(
    long maxBlob, int encodeThreads, Duration nodeTimeout, Duration grace, int cellsPerRequest) {
  /** Checks the ranges. */
  public DaClientSettings {
    if (maxBlob <= 0) throw new IllegalArgumentException("maxBlob must be positive");
    if (encodeThreads < 1) throw new IllegalArgumentException("encodeThreads must be >= 1");
    if (cellsPerRequest < 1) throw new IllegalArgumentException("cellsPerRequest must be >= 1");
  }

  /** The defaults. */
  public static DaClientSettings defaults() {
    return new DaClientSettings(
        BlobLayout.DEFAULT_MAX_BLOB,
        Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1),
        256);
  }

  /** These settings with another largest blob. */
  public DaClientSettings withMaxBlob(long bytes) {
    return new DaClientSettings(bytes, encodeThreads, nodeTimeout, grace, cellsPerRequest);
  }
}
