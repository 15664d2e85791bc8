package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.client.StorageNodeTransport.OutgoingShard;
import io.levity.storage.placement.FilePlacement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Puts shards on nodes by the placement rules (docs/storage.md, "Placement"): an upload's shards on
 * their primaries in parallel, then each shard whose primary failed on the first spare that takes
 * it; a repair's rebuilt shards on the first live node that holds nothing of the file.
 */
final class ShardPlacer {
  /** Where shards went: index to endpoint, and index to why no node took it. */
  record Outcome(Map<Integer, String> placed, Map<Integer, String> failed) {}

  private final StorageNodeTransport nodes;
  private final RetryingPut retrying;

  ShardPlacer(StorageNodeTransport nodes, RetryingPut retrying) {
    this.nodes = nodes;
    this.retrying = retrying;
  }

  /**
   * Places every shard of an upload ({@code shards.get(i)} is shard i's file); {@code sent} hears
   * the bytes sent to primaries.
   */
  Outcome placeUpload(
      Submission s,
      FilePlacement placement,
      List<Bytes32> roots,
      List<Path> shards,
      LongConsumer sent) {
    List<OutgoingShard> out = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++)
      out.add(new OutgoingShard(s.fileRoot(), i, roots, shards.get(i)));
    Map<Integer, CompletableFuture<String>> primaries = new LinkedHashMap<>();
    for (OutgoingShard shard : out)
      primaries.put(
          shard.index(), put(placement.primary(shard.index()).orElseThrow(), shard, sent));
    Map<Integer, String> placed = new TreeMap<>();
    Map<Integer, String> failures = new TreeMap<>();
    Set<Bytes32> taken = new HashSet<>();
    primaries.forEach(
        (i, f) -> {
          String error = awaitError(f);
          StorageNodeRecord node = placement.primary(i).orElseThrow();
          if (error == null) {
            placed.put(i, node.endpoint());
            taken.add(node.nodeId());
          } else {
            failures.put(i, error);
          }
        });
    // Shards whose primary failed go, in index order, to the first spare that takes them and
    // holds nothing else.
    Map<Integer, String> unplaced = new TreeMap<>();
    failures.forEach(
        (index, first) -> {
          List<String> why = new ArrayList<>(List.of(first));
          String where =
              firstTaker(
                  placement.spares(),
                  taken,
                  why,
                  n -> joinRethrowing(put(n, out.get(index), b -> {})));
          if (where != null) placed.put(index, where);
          else
            unplaced.put(
                index,
                String.join("; ", why)
                    + (placement.spares().isEmpty()
                        ? "; no spare nodes (there are only "
                            + placement.ranking().size()
                            + " nodes)"
                        : ""));
        });
    return new Outcome(placed, unplaced);
  }

  /**
   * Places rebuilt shards ({@code rebuilt.get(i)} is shard i's file), each on its primary if it is
   * up and holds nothing of the file, else the first such spare, else any other such node that is
   * not the primary of another shard being repaired. {@code taken} (nodes holding a shard of the
   * file) grows as shards are placed.
   */
  Outcome placeRebuilt(
      Submission s,
      FilePlacement placement,
      List<Bytes32> roots,
      Map<Integer, Path> rebuilt,
      Set<Bytes32> taken) {
    Set<Bytes32> otherPrimaries = new HashSet<>();
    for (int i : rebuilt.keySet())
      placement.primary(i).ifPresent(p -> otherPrimaries.add(p.nodeId()));
    Map<Integer, String> repaired = new TreeMap<>();
    Map<Integer, String> failed = new TreeMap<>();
    rebuilt.forEach(
        (index, file) -> {
          List<StorageNodeRecord> candidates = new ArrayList<>();
          candidates.add(placement.primary(index).orElseThrow());
          candidates.addAll(placement.spares());
          // Last resort: any other node not holding a shard of the file and not due one of the
          // shards being repaired.
          placement.ranking().stream()
              .filter(n -> !otherPrimaries.contains(n.nodeId()))
              .forEach(candidates::add);
          List<String> why = new ArrayList<>();
          String where =
              firstTaker(
                  candidates.stream().distinct().toList(),
                  taken,
                  why,
                  n -> putRepaired(n, new OutgoingShard(s.fileRoot(), index, roots, file)));
          if (where != null) repaired.put(index, where);
          else
            failed.put(
                index,
                why.isEmpty()
                    ? "no live node without a shard of this file"
                    : String.join("; ", why));
        });
    return new Outcome(repaired, failed);
  }

  /**
   * The endpoint of the first candidate not {@code taken} that accepts the shard ({@code put}
   * returns null), which is then taken; null when none does, with each refusal added to {@code
   * why}.
   */
  private static String firstTaker(
      List<StorageNodeRecord> candidates,
      Set<Bytes32> taken,
      List<String> why,
      Function<StorageNodeRecord, String> put) {
    for (StorageNodeRecord node : candidates) {
      if (taken.contains(node.nodeId())) continue;
      String error = put.apply(node);
      if (error == null) {
        taken.add(node.nodeId());
        return node.endpoint();
      }
      why.add(error);
    }
    return null;
  }

  private CompletableFuture<String> put(
      StorageNodeRecord node, OutgoingShard shard, LongConsumer sent) {
    return retrying.put(node.endpoint(), () -> nodes.put(node.endpoint(), shard, sent));
  }

  /** Null when the primary's put went through, else why not (also for an unexpected failure). */
  private static String awaitError(CompletableFuture<String> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      return "failed: " + e.getCause();
    }
  }

  /** The outcome of a put to a spare; an unexpected failure propagates as it was thrown. */
  private static String joinRethrowing(CompletableFuture<String> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw e;
    }
  }

  /**
   * Puts a rebuilt shard once; a node claiming to hold the shard already (yet did not serve it)
   * does not count.
   */
  private String putRepaired(StorageNodeRecord node, OutgoingShard shard) {
    try {
      StorageNodeTransport.PutResult r = nodes.put(node.endpoint(), shard, n -> {});
      return r.stored()
          ? null
          : node.endpoint() + ": says it holds the shard but did not serve a good copy";
    } catch (IOException e) {
      return node.endpoint()
          + ": "
          + (e instanceof NodeRequestException nre && nre.unreachable()
              ? "unreachable"
              : e.getMessage());
    }
  }
}
