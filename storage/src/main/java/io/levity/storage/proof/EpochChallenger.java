package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one epoch of proofs of storage: for every recorded file and every one of its shards,
 * challenges the node {@link ShardHolders placement} assigns, verifies the answer with {@link
 * ProofVerifier} and records a {@link ProofRecord} on the chain. Nodes are asked concurrently,
 * {@link Config#maxConcurrentAsks()} at a time, each cut off after {@link Config#answerTimeout()};
 * results are verified and recorded in a fixed order (files as the chain lists them, shards
 * ascending). Shards whose result the chain already holds for the epoch are skipped, so a run that
 * stopped halfway can simply be repeated. An error while recording propagates.
 */
public final class EpochChallenger {
  private static final Logger LOG = LoggerFactory.getLogger(EpochChallenger.class);

  /**
   * Longest reason kept in a record (the registry contract accepts 512 bytes; details are ASCII).
   */
  static final int MAX_REASON_CHARS = 400;

  /**
   * @param sectorsPerChallenge sectors asked per shard, 1 to {@link Challenge#MAX_SECTORS}
   * @param answerTimeout how long a node may take to answer
   * @param maxConcurrentAsks how many nodes are asked at once
   */
  public record Config(int sectorsPerChallenge, Duration answerTimeout, int maxConcurrentAsks) {
    public static final Config DEFAULT =
        new Config(Challenge.DEFAULT_SECTORS, Duration.ofSeconds(10), 16);

    public Config {
      if (sectorsPerChallenge < 1 || sectorsPerChallenge > Challenge.MAX_SECTORS) {
        throw new IllegalArgumentException(
            "sectors per challenge " + sectorsPerChallenge + " out of 1.." + Challenge.MAX_SECTORS);
      }
      Objects.requireNonNull(answerTimeout, "answerTimeout");
      if (answerTimeout.isNegative() || answerTimeout.isZero())
        throw new IllegalArgumentException("answer timeout must be positive");
      if (maxConcurrentAsks < 1)
        throw new IllegalArgumentException("max concurrent asks must be at least 1");
    }
  }

  private final StorageChain chain;
  private final ShardHolders holders;
  private final AnswerTransport transport;
  private final Config config;

  public EpochChallenger(
      StorageChain chain, ShardHolders holders, AnswerTransport transport, Config config) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.holders = Objects.requireNonNull(holders, "holders");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Challenges every shard of every file for {@code epoch}, which must have started (its randomness
   * known).
   *
   * @throws IllegalStateException when the epoch has no randomness yet
   */
  public EpochReport challenge(long epoch) throws InterruptedException {
    Bytes32 randomness =
        chain
            .epochRandomness(epoch)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "epoch " + epoch + " has not started: no randomness yet"));
    Set<Key> recorded = new HashSet<>();
    for (ProofRecord r : chain.proofResults(epoch))
      recorded.add(new Key(r.nodeId(), r.fileRoot(), r.shardIndex()));

    List<Task> tasks = new ArrayList<>();
    int unassigned = 0;
    int already = 0;
    for (Submission file : chain.submissions()) {
      for (int shard = 0; shard < file.dataShards() + file.parityShards(); shard++) {
        Optional<StorageNodeRecord> holder = holders.holderOf(file.fileRoot(), shard);
        if (holder.isEmpty()) {
          unassigned++;
          continue;
        }
        StorageNodeRecord node = holder.get();
        if (recorded.contains(new Key(node.nodeId(), file.fileRoot(), shard))) {
          already++;
          continue;
        }
        Challenge c =
            Challenge.forShard(
                file, shard, epoch, randomness, node.nodeId(), config.sectorsPerChallenge());
        tasks.add(new Task(file, node, c));
      }
    }

    int passed = 0;
    Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
    // Not closed with try-with-resources: close() would wait for a transport that ignores
    // interrupts.
    ExecutorService asks = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int from = 0; from < tasks.size(); from += config.maxConcurrentAsks()) {
        List<Task> batch =
            tasks.subList(from, Math.min(tasks.size(), from + config.maxConcurrentAsks()));
        List<Future<Optional<byte[]>>> pending = new ArrayList<>(batch.size());
        for (Task t : batch) pending.add(asks.submit(() -> transport.ask(t.node(), t.challenge())));
        long deadline = System.nanoTime() + config.answerTimeout().toNanos();
        for (int i = 0; i < batch.size(); i++) {
          Task t = batch.get(i);
          Verdict v = judge(t, pending.get(i), deadline);
          String reason = v.describe();
          if (reason.length() > MAX_REASON_CHARS) reason = reason.substring(0, MAX_REASON_CHARS);
          chain.recordProofResult(
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
      }
    } finally {
      asks.shutdownNow();
    }
    EpochReport report =
        new EpochReport(
            epoch, tasks.size(), passed, tasks.size() - passed, unassigned, already, failures);
    LOG.info("proofs of storage, {}", report);
    return report;
  }

  private static Verdict judge(Task t, Future<Optional<byte[]>> answer, long deadline)
      throws InterruptedException {
    Optional<byte[]> bytes;
    try {
      bytes = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      return Verdict.fail(FailureReason.NO_ANSWER, "timed out");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Verdict.fail(
          FailureReason.NO_ANSWER,
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    if (bytes == null || bytes.isEmpty())
      return Verdict.fail(FailureReason.NO_ANSWER, "the node does not hold the shard");
    return ProofVerifier.verify(t.file(), t.challenge(), bytes.get());
  }

  private record Task(Submission file, StorageNodeRecord node, Challenge challenge) {}

  private record Key(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {}
}
