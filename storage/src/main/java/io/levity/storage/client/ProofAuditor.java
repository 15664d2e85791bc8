package io.levity.storage.client;

import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.proof.EpochChallenger;
import io.levity.storage.proof.EpochReport;
import io.levity.storage.proof.ShardHolders;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the proof-of-storage round of every epoch as the chain reaches it: challenges each stored
 * shard at the first node, in the placement's search order, that reports holding it (its primary
 * unless it fell back to a spare; the primary when nobody does), verifies the answers and records
 * the results on chain ({@link EpochChallenger}). One background thread; an epoch whose round fails
 * (chain unreachable) is retried on the next poll, and shards already recorded for it are skipped.
 */
public final class ProofAuditor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProofAuditor.class);

  private final StorageChain chain;
  private final EpochChallenger challenger;
  private final Consumer<EpochReport> reports;
  private final ScheduledExecutorService thread;
  private long nextEpoch;

  private ProofAuditor(StorageChain chain, Consumer<EpochReport> reports, Duration poll) {
    this.chain = chain;
    this.reports = reports;
    HttpNodeClient http = new HttpNodeClient();
    ShardHolders holders =
        (root, shard) -> {
          Submission s = chain.submission(root).orElse(null);
          if (s == null) return java.util.Optional.empty();
          FilePlacement placement =
              Placement.of(root, s.dataShards() + s.parityShards(), chain.nodes());
          for (StorageNodeRecord node : placement.searchOrder(shard)) {
            if (held(http, node, root).contains(shard)) return java.util.Optional.of(node);
          }
          return placement.primary(
              shard); // nobody reports it: its primary answers for it (and fails)
        };
    this.challenger =
        new EpochChallenger(
            chain, holders, new HttpAnswerTransport(http), EpochChallenger.Config.DEFAULT);
    this.nextEpoch = chain.currentEpoch();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "proof-auditor");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts auditing from the chain's current epoch, polling every second; reports go to the log.
   */
  public static ProofAuditor start(StorageChain chain, Object name) {
    return new ProofAuditor(
        chain,
        r -> {
          if (r.challenged() > 0) LOG.info("proof of storage ({}): {}", name, r);
        },
        Duration.ofSeconds(1));
  }

  /** Starts auditing with its own report consumer and poll interval. */
  public static ProofAuditor start(
      StorageChain chain, Consumer<EpochReport> reports, Duration poll) {
    return new ProofAuditor(chain, reports, poll);
  }

  /**
   * Which shards of a file a node reports holding, asked once per node and file per round: a shard
   * that fell back to a spare (its primary was down at upload) is challenged where it is, not at
   * its primary.
   */
  private java.util.Set<Integer> held(
      HttpNodeClient http, StorageNodeRecord node, io.levity.core.bytes.Bytes32 root) {
    return inventories.computeIfAbsent(
        node.endpoint() + "/" + root,
        k -> {
          try {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            for (HttpNodeClient.HeldShard h : http.list(node.endpoint(), root)) out.add(h.index());
            return out;
          } catch (NodeRequestException | RuntimeException e) {
            return java.util.Set.of();
          }
        });
  }

  private final java.util.Map<String, java.util.Set<Integer>> inventories =
      new java.util.concurrent.ConcurrentHashMap<>();

  private void poll() {
    inventories.clear();
    try {
      long current = chain.currentEpoch();
      while (nextEpoch <= current) {
        if (chain.epochRandomness(nextEpoch).isEmpty()) return;
        reports.accept(challenger.challenge(nextEpoch));
        nextEpoch++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("proof-of-storage round of epoch {} failed, retrying: {}", nextEpoch, e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
