package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an upload stored.
 *
 * @param fileRoot the file's root (its identity, to download it with)
 * @param length file length in bytes
 * @param placed shard index to the endpoint that stored it (or already held it)
 * @param unplaced shard index to why no node took it; non-empty means reduced redundancy until a
 *     repair
 */
public record UploadResult(
    Bytes32 fileRoot, long length, Map<Integer, String> placed, Map<Integer, String> unplaced) {
  public UploadResult {
    placed = Collections.unmodifiableMap(new TreeMap<>(placed));
    unplaced = Collections.unmodifiableMap(new TreeMap<>(unplaced));
  }

  public boolean complete() {
    return unplaced.isEmpty();
  }
}
