package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a download used and found.
 *
 * @param fileRoot the file, verified
 * @param length bytes written
 * @param used shard index to the endpoint it came from (k of them)
 * @param bad shards that were tried and were missing or corrupt, with why
 * @param repair the repair of {@code bad} done after the download, or null when none was needed or
 *     repair was off
 */
public record DownloadResult(
    Bytes32 fileRoot,
    long length,
    Map<Integer, String> used,
    Map<Integer, String> bad,
    RepairResult repair) {
  public DownloadResult {
    used = Collections.unmodifiableMap(new TreeMap<>(used));
    bad = Collections.unmodifiableMap(new TreeMap<>(bad));
  }

  public Set<Integer> usedShards() {
    return used.keySet();
  }
}
