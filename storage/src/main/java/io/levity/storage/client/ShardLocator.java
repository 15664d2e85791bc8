package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Finds and fetches the shards of one file for one operation: a shard is first asked of its primary
 * node; only if that fails are the other nodes' inventories of the file consulted (each node asked
 * once per operation), and every node claiming the shard tried in placement search order. Every
 * copy returned is verified. Thread-safe: shards may be fetched in parallel.
 */
final class ShardLocator {
  /** A verified copy of a shard, in a local file. */
  record Found(
      int index,
      StorageNodeRecord node,
      Path file,
      List<Bytes32> roots,
      List<Bytes32> segmentRoots) {}

  /**
   * Why a shard could not be fetched: no copy anywhere reachable, or only copies that failed
   * verification.
   */
  record NotFound(int index, boolean corrupt, String detail) {}

  /** Either outcome. */
  record Lookup(Found found, NotFound notFound) {}

  private final Submission submission;
  private final FilePlacement placement;
  private final StorageNodeTransport client;
  private final Map<Bytes32, Optional<Set<Integer>>> inventories = new ConcurrentHashMap<>();

  ShardLocator(Submission submission, FilePlacement placement, StorageNodeTransport client) {
    this.submission = submission;
    this.placement = placement;
    this.client = client;
  }

  FilePlacement placement() {
    return placement;
  }

  /** The shard indexes {@code node} says it holds of this file; empty when it cannot be reached. */
  Optional<Set<Integer>> inventory(StorageNodeRecord node) {
    return inventories.computeIfAbsent(
        node.nodeId(),
        id -> {
          try {
            Set<Integer> held = new HashSet<>();
            for (StorageNodeTransport.HeldShard h :
                client.list(node.endpoint(), submission.fileRoot())) held.add(h.index());
            return Optional.of(held);
          } catch (NodeRequestException e) {
            return Optional.empty();
          }
        });
  }

  /** Fetches and verifies shard {@code index} into {@code dir/shard-<index>}. */
  Lookup fetch(int index, Path dir) throws IOException {
    return fetch(index, dir, n -> {});
  }

  /**
   * As {@link #fetch(int, Path)}, telling {@code received} of shard bytes as they arrive (failed
   * attempts too).
   */
  Lookup fetch(int index, Path dir, LongConsumer received) throws IOException {
    Path out = dir.resolve("shard-" + index);
    List<String> tried = new ArrayList<>();
    boolean corrupt = false;
    StorageNodeRecord primary = placement.primary(index).orElse(null);
    List<StorageNodeRecord> order = placement.searchOrder(index);
    for (int pos = 0; pos < order.size(); pos++) {
      StorageNodeRecord node = order.get(pos);
      boolean isPrimary = node.equals(primary);
      if (!isPrimary && !inventory(node).map(s -> s.contains(index)).orElse(false)) continue;
      try {
        StorageNodeTransport.Fetched f =
            client.fetch(node.endpoint(), submission, index, out, received);
        return new Lookup(new Found(index, node, out, f.shardRoots(), f.segmentRoots()), null);
      } catch (NodeRequestException e) {
        corrupt |= e.status() == 410;
        tried.add(describe(node, isPrimary, e.unreachable() ? "unreachable" : e.code()));
      } catch (ShardVerificationException e) {
        corrupt = true;
        tried.add(describe(node, isPrimary, "sent bad data: " + e.getMessage()));
      } catch (IOException e) {
        tried.add(describe(node, isPrimary, e.getMessage()));
      }
    }
    Files.deleteIfExists(out);
    String detail = tried.isEmpty() ? "no node holds it" : String.join("; ", tried);
    return new Lookup(null, new NotFound(index, corrupt, detail));
  }

  private static String describe(StorageNodeRecord node, boolean primary, String what) {
    return node.endpoint() + (primary ? " (primary)" : "") + ": " + what;
  }
}
