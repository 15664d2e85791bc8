package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a repair did.
 *
 * @param fileRoot the file
 * @param repaired shard index to the endpoint it was rebuilt onto
 * @param failed shard index to why it could not be placed (no live node left, for example)
 */
public record RepairResult(
    Bytes32 fileRoot, Map<Integer, String> repaired, Map<Integer, String> failed) {
  public RepairResult {
    repaired = Collections.unmodifiableMap(new TreeMap<>(repaired));
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }
}
