package io.levity.storage.client;

import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.Submission;
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
 * Runs the proof-of-storage round of every epoch as the chain reaches it: challenges each stored shard at the node
 * placement assigns it to (its primary), verifies the answers and records the results on chain
 * ({@link EpochChallenger}). One background thread; an epoch whose round fails (chain unreachable) is retried on the
 * next poll, and shards already recorded for it are skipped.
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
    ShardHolders holders = (root, shard) -> {
      Submission s = chain.submission(root).orElse(null);
      return s == null ? java.util.Optional.empty()
          : Placement.of(root, s.dataShards() + s.parityShards(), chain.nodes()).primary(shard);
    };
    this.challenger = new EpochChallenger(chain, holders, new HttpAnswerTransport(new HttpNodeClient()),
        EpochChallenger.Config.DEFAULT);
    this.nextEpoch = chain.currentEpoch();
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "proof-auditor");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::poll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts auditing from the chain's current epoch, polling every second; reports go to the log. */
  public static ProofAuditor start(StorageChain chain, Object name) {
    return new ProofAuditor(chain, r -> {
      if (r.challenged() > 0) LOG.info("proof of storage ({}): {}", name, r);
    }, Duration.ofSeconds(1));
  }

  /** Starts auditing with its own report consumer and poll interval. */
  public static ProofAuditor start(StorageChain chain, Consumer<EpochReport> reports, Duration poll) {
    return new ProofAuditor(chain, reports, poll);
  }

  private void poll() {
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
