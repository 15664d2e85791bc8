package io.levity.storage.proof;

import io.levity.core.time.Scheduler;
import io.levity.storage.chain.ProofRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link EpochChallenger} over an epoch, as steps on its scheduler: plan, then per batch
 * of at most {@code maxConcurrentAsks} shards: ask every node of the batch, wait until all have
 * answered or the batch's timeout fires (whichever comes first; asks still pending are cancelled),
 * then judge and record the batch in order. Answers arriving after their batch was judged are
 * ignored. Not thread-safe: only the scheduler runs its steps.
 */
final class EpochRun {
  private static final Logger LOG = LoggerFactory.getLogger(EpochRun.class);

  private final long epoch;
  private final EpochChallenger challenger;
  private final Scheduler scheduler;
  private final CompletableFuture<EpochReport> result = new CompletableFuture<>();
  private final Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
  private EpochChallenger.Plan plan;
  private int passed;
  private int next;

  /** The batch being asked: its tasks, their asks, the verdicts of those answered so far. */
  private List<EpochChallenger.Task> batch = List.of();

  private final List<CompletableFuture<Optional<byte[]>>> asks = new ArrayList<>();
  private Verdict[] verdicts = new Verdict[0];
  private int outstanding;
  private Scheduler.Cancellable timeout;

  /** Counts batches, so that an answer or a timeout of an earlier batch is told apart. */
  private long batchNumber;

  EpochRun(long epoch, EpochChallenger challenger, Scheduler scheduler) {
    this.epoch = epoch;
    this.challenger = challenger;
    this.scheduler = scheduler;
  }

  CompletableFuture<EpochReport> result() {
    return result;
  }

  void begin() {
    step(
        () -> {
          plan = challenger.plan(epoch);
          askNextBatch();
        });
  }

  /** Runs one step; a failure ends the run with it. */
  private void step(Runnable body) {
    if (result.isDone()) {
      asks.forEach(a -> a.cancel(true)); // cancelled from outside
      return;
    }
    try {
      body.run();
    } catch (RuntimeException e) {
      asks.forEach(a -> a.cancel(true));
      result.completeExceptionally(e);
    }
  }

  private void askNextBatch() {
    List<EpochChallenger.Task> tasks = plan.tasks();
    if (next >= tasks.size()) {
      finish();
      return;
    }
    int size = Math.min(tasks.size() - next, challenger.config().maxConcurrentAsks());
    batch = tasks.subList(next, next + size);
    next += size;
    long number = ++batchNumber;
    verdicts = new Verdict[size];
    outstanding = size;
    asks.clear();
    timeout =
        scheduler.schedule(
            challenger.config().answerTimeout().toMillis(), () -> step(() -> timedOut(number)));
    for (int i = 0; i < size; i++) {
      int at = i;
      if (batch.get(i).unsealed()) {
        verdicts[i] =
            Verdict.fail(
                FailureReason.NO_REPLICA, "the node has committed no replica of this shard");
        outstanding--;
        asks.add(CompletableFuture.completedFuture(Optional.empty()));
        continue;
      }
      CompletableFuture<Optional<byte[]>> ask = ask(batch.get(i));
      asks.add(ask);
      CompletionStage<Optional<byte[]>> stage = ask; // a callback, not a result to wait for
      stage.whenComplete(
          (answer, error) ->
              scheduler.execute(() -> step(() -> answered(number, at, answer, error))));
    }
    if (outstanding == 0) { // every shard of the batch failed without being asked
      timeout.cancel();
      recordBatch();
    }
  }

  private CompletableFuture<Optional<byte[]>> ask(EpochChallenger.Task t) {
    try {
      return challenger.transport().askAsync(t.node(), t.challenge());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void answered(long number, int at, Optional<byte[]> answer, Throwable error) {
    if (number != batchNumber || verdicts[at] != null) return;
    verdicts[at] = judge(batch.get(at), answer, error);
    if (--outstanding == 0) {
      timeout.cancel();
      recordBatch();
    }
  }

  private void timedOut(long number) {
    if (number != batchNumber) return;
    for (int i = 0; i < verdicts.length; i++) {
      if (verdicts[i] == null) {
        verdicts[i] = Verdict.fail(FailureReason.NO_ANSWER, "timed out");
        asks.get(i).cancel(true);
      }
    }
    recordBatch();
  }

  private static Verdict judge(EpochChallenger.Task t, Optional<byte[]> answer, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      return Verdict.fail(
          FailureReason.NO_ANSWER,
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    if (answer == null || answer.isEmpty())
      return Verdict.fail(FailureReason.NO_ANSWER, "the node does not hold the shard");
    return t.challenge().sealed()
        ? SealedProofs.verify(t.file(), t.challenge(), t.replicaRoot().orElseThrow(), answer.get())
        : ProofVerifier.verify(t.file(), t.challenge(), answer.get());
  }

  private void recordBatch() {
    batchNumber++; // later answers of this batch are ignored
    for (int i = 0; i < batch.size(); i++) {
      EpochChallenger.Task t = batch.get(i);
      Verdict v = verdicts[i];
      String reason = v.describe();
      if (reason.length() > EpochChallenger.MAX_REASON_CHARS)
        reason = reason.substring(0, EpochChallenger.MAX_REASON_CHARS);
      challenger
          .chain()
          .recordProofResult(
              new ProofRecord(
                  epoch,
                  t.node().nodeId(),
                  t.file().fileRoot(),
                  t.challenge().shardIndex(),
                  v.passed(),
                  reason));
      if (v instanceof Verdict.Fail f) {
        failures.merge(f.reason(), 1, Integer::sum);
        LOG.debug(
            "epoch {}: node {} failed shard {} of {}: {}",
            epoch,
            t.node().nodeId(),
            t.challenge().shardIndex(),
            t.file().fileRoot(),
            reason);
      } else {
        passed++;
      }
    }
    askNextBatch();
  }

  private void finish() {
    int asked = plan.tasks().size();
    EpochReport report =
        new EpochReport(
            epoch,
            asked,
            passed,
            asked - passed,
            plan.unassigned(),
            plan.alreadyRecorded(),
            plan.sealing(),
            failures);
    LOG.info("proofs of storage, {}", report);
    result.complete(report);
  }
}
