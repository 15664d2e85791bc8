package io.levity.storage.client;

import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.proof.AnswerTransport;
import io.levity.storage.proof.EpochChallenger;
import io.levity.storage.proof.EpochReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the proof-of-storage round of every epoch as the chain reaches it: challenges each stored
 * shard at the first node, in the placement's search order, that reports holding it (its primary
 * unless it fell back to a spare; the primary when nobody does), verifies the answers and records
 * the results on chain ({@link EpochChallenger}). It polls the chain on a {@link Scheduler}, where
 * its rounds run too; an epoch whose round fails (chain unreachable) is retried on the next poll,
 * and shards already recorded for it are skipped.
 */
public final class ProofAuditor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProofAuditor.class);

  private final StorageChain chain;
  private final ReportedHolders holders;
  private final EpochChallenger challenger;
  private final Scheduler scheduler;
  private final Consumer<EpochReport> reports;
  private final ThreadScheduler ownScheduler;
  private final Scheduler.Cancellable polling;
  private long nextEpoch;
  private volatile CompletableFuture<EpochReport> round;

  private ProofAuditor(
      StorageChain chain,
      ReportedHolders holders,
      AnswerTransport answers,
      Scheduler scheduler,
      ThreadScheduler ownScheduler,
      Consumer<EpochReport> reports,
      Duration poll,
      EpochChallenger.Config config) {
    this.chain = chain;
    this.holders = holders;
    this.challenger = new EpochChallenger(chain, holders, answers, config, scheduler);
    this.scheduler = scheduler;
    this.reports = reports;
    this.ownScheduler = ownScheduler;
    this.nextEpoch = chain.currentEpoch();
    this.polling = scheduler.scheduleRepeating(poll.toMillis(), this::poll);
  }

  /**
   * Starts auditing over HTTP from the chain's current epoch with {@code config} (sealed or plain
   * challenges), polling every second; reports go to the log.
   */
  public static ProofAuditor start(StorageChain chain, Object name, EpochChallenger.Config config) {
    return start(
        chain,
        r -> {
          if (r.challenged() > 0) LOG.info("proof of storage ({}): {}", name, r);
        },
        Duration.ofSeconds(1),
        config);
  }

  /** Starts auditing over HTTP with its own report consumer, poll interval and config. */
  public static ProofAuditor start(
      StorageChain chain,
      Consumer<EpochReport> reports,
      Duration poll,
      EpochChallenger.Config config) {
    HttpNodeClient http = new HttpNodeClient();
    ThreadScheduler thread = new ThreadScheduler("proof-auditor");
    return new ProofAuditor(
        chain,
        new ReportedHolders(chain, http),
        new NodeAnswerTransport(http),
        thread,
        thread,
        reports,
        poll,
        config);
  }

  /**
   * Starts auditing: asks nodes over {@code nodes} which shards they hold, challenges them over
   * {@code answers}, polls and runs its rounds on {@code scheduler} (left open by {@link
   * #close()}).
   */
  public static ProofAuditor start(
      StorageChain chain,
      StorageNodeTransport nodes,
      AnswerTransport answers,
      Scheduler scheduler,
      Consumer<EpochReport> reports,
      Duration poll,
      EpochChallenger.Config config) {
    return new ProofAuditor(
        chain, new ReportedHolders(chain, nodes), answers, scheduler, null, reports, poll, config);
  }

  /** Starts the round of the next epoch due, unless one is running. */
  private void poll() {
    if (round != null) return;
    holders.forget();
    try {
      if (nextEpoch > chain.currentEpoch() || chain.epochRandomness(nextEpoch).isEmpty()) return;
      CompletableFuture<EpochReport> r = challenger.start(nextEpoch);
      round = r;
      CompletionStage<EpochReport> ended = r; // a callback, not a result to wait for
      ended.whenComplete((report, error) -> scheduler.execute(() -> roundEnded(report, error)));
    } catch (RuntimeException e) {
      LOG.warn("proof-of-storage round of epoch {} failed, retrying: {}", nextEpoch, e.toString());
    }
  }

  private void roundEnded(EpochReport report, Throwable error) {
    round = null;
    if (error != null) {
      LOG.warn(
          "proof-of-storage round of epoch {} failed, retrying: {}", nextEpoch, error.toString());
      return;
    }
    reports.accept(report);
    nextEpoch++;
    poll(); // the chain may be further ahead
  }

  @Override
  public void close() {
    polling.cancel();
    CompletableFuture<EpochReport> r = round;
    if (r != null) r.cancel(true);
    if (ownScheduler != null) ownScheduler.close();
  }
}
