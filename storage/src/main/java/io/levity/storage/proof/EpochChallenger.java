package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs one epoch of proofs of storage: for every recorded file and every one of its shards,
 * challenges the node {@link ShardHolders placement} assigns, verifies the answer with {@link
 * ProofVerifier} and records a {@link ProofRecord} on the chain. Nodes are asked concurrently,
 * {@link Config#maxConcurrentAsks()} at a time, each cut off after {@link Config#answerTimeout()};
 * results are verified and recorded in a fixed order (files as the chain lists them, shards
 * ascending). Shards whose result the chain already holds for the epoch are skipped, so a run that
 * stopped halfway can simply be repeated. An error while recording propagates.
 *
 * <p>Every step of a run (reading the chain, judging, recording, the timeouts) happens on the
 * {@link Scheduler} given, one at a time; answers arrive as the transport completes them. A test
 * drives it with a deterministic scheduler in virtual time.
 */
public final class EpochChallenger {
  /**
   * Longest reason kept in a record (the registry contract accepts 512 bytes; details are ASCII).
   */
  static final int MAX_REASON_CHARS = 400;

  /**
   * How an epoch is challenged.
   *
   * @param sectorsPerChallenge sectors asked per shard, 1 to {@link Challenge#MAX_SECTORS}
   * @param answerTimeout how long a node may take to answer
   * @param maxConcurrentAsks how many nodes are asked at once
   * @param sealed whether nodes are asked for their sealed replicas ({@link SealedProofs}); a shard
   *     whose holder committed no replica then fails with {@link FailureReason#NO_REPLICA} without
   *     being asked, once the grace below has passed
   * @param sealGraceEpochs epochs after a file's submission epoch during which a holder without a
   *     replica is left alone (counted as sealing, nothing recorded): sealing takes time
   */
  public record Config(
      int sectorsPerChallenge,
      Duration answerTimeout,
      int maxConcurrentAsks,
      boolean sealed,
      int sealGraceEpochs) {
    /** Plain proofs of storage: 4 sectors, 10 s to answer, 16 nodes at once. */
    public static final Config DEFAULT =
        new Config(Challenge.DEFAULT_SECTORS, Duration.ofSeconds(10), 16, false, 0);

    /**
     * Deadline of a sealed answer: a node answering from its replica needs a few milliseconds; one
     * sealing on demand needs hundreds of links of {@link io.levity.storage.seal.Seal#ROUNDS}
     * hashes (docs/storage-proofs.md, "Sealed replicas").
     */
    public static final Duration SEALED_ANSWER_TIMEOUT = Duration.ofMillis(250);

    /**
     * Proofs of replication: 4 sealed sectors, {@link #SEALED_ANSWER_TIMEOUT}, 16 at once, 6 epochs
     * to seal a new file (a minute on the devnet; about 60 segments of one core each).
     */
    public static final Config SEALED =
        new Config(Challenge.DEFAULT_SECTORS, SEALED_ANSWER_TIMEOUT, 16, true, 6);

    /** A plain (unsealed) config. */
    public Config(int sectorsPerChallenge, Duration answerTimeout, int maxConcurrentAsks) {
      this(sectorsPerChallenge, answerTimeout, maxConcurrentAsks, false, 0);
    }

    public Config {
      int max = sealed ? Challenge.MAX_SEALED_SECTORS : Challenge.MAX_SECTORS;
      if (sectorsPerChallenge < 1 || sectorsPerChallenge > max) {
        throw new IllegalArgumentException(
            "sectors per challenge " + sectorsPerChallenge + " out of 1.." + max);
      }
      Objects.requireNonNull(answerTimeout, "answerTimeout");
      if (answerTimeout.isNegative() || answerTimeout.isZero())
        throw new IllegalArgumentException("answer timeout must be positive");
      if (maxConcurrentAsks < 1)
        throw new IllegalArgumentException("max concurrent asks must be at least 1");
      if (sealGraceEpochs < 0) throw new IllegalArgumentException("negative seal grace");
    }
  }

  private final StorageChain chain;
  private final ShardHolders holders;
  private final AnswerTransport transport;
  private final Config config;
  private final Scheduler scheduler;

  /**
   * A challenger whose runs take their steps on a daemon thread shared by every challenger made
   * this way.
   */
  public EpochChallenger(
      StorageChain chain, ShardHolders holders, AnswerTransport transport, Config config) {
    this(chain, holders, transport, config, SharedScheduler.INSTANCE);
  }

  /** A challenger whose runs take their steps on {@code scheduler}. */
  public EpochChallenger(
      StorageChain chain,
      ShardHolders holders,
      AnswerTransport transport,
      Config config,
      Scheduler scheduler) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.holders = Objects.requireNonNull(holders, "holders");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * Starts challenging every shard of every file for {@code epoch}, which must have started (its
   * randomness known); the future completes with the report, or with an {@link
   * IllegalStateException} when the epoch has no randomness yet, or with what recording threw.
   * Cancelling it stops the run after the step under way.
   */
  public CompletableFuture<EpochReport> start(long epoch) {
    EpochRun run = new EpochRun(epoch, this, scheduler);
    scheduler.execute(run::begin);
    return run.result();
  }

  /**
   * As {@link #start} and waits for the report. Must not be called on the scheduler's own thread.
   *
   * @throws IllegalStateException when the epoch has no randomness yet
   */
  public EpochReport challenge(long epoch) throws InterruptedException {
    CompletableFuture<EpochReport> run = start(epoch);
    try {
      return run.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      run.cancel(true);
      throw e;
    }
  }

  Config config() {
    return config;
  }

  AnswerTransport transport() {
    return transport;
  }

  StorageChain chain() {
    return chain;
  }

  /** What epoch {@code epoch} asks: the shards not yet recorded, and the counts of the others. */
  Plan plan(long epoch) {
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
    int sealing = 0;
    for (Submission file : chain.submissions()) {
      boolean inGrace = config.sealed() && inSealGrace(file, epoch);
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
                    file, shard, epoch, randomness, node.nodeId(), config.sectorsPerChallenge())
                .withSealed(config.sealed());
        Optional<Bytes32> replica =
            config.sealed()
                ? chain.replicaRoot(node.nodeId(), file.fileRoot(), shard)
                : Optional.empty();
        if (config.sealed() && replica.isEmpty() && inGrace) {
          sealing++;
          continue;
        }
        tasks.add(new Task(file, node, c, replica));
      }
    }
    return new Plan(tasks, unassigned, already, sealing);
  }

  /** Whether {@code epoch} is within the seal grace of the epoch that recorded {@code file}. */
  private boolean inSealGrace(Submission file, long epoch) {
    OptionalLong submitted = chain.submissionEpoch(file.fileRoot());
    return submitted.isPresent() && epoch - submitted.getAsLong() < config.sealGraceEpochs();
  }

  /** The scheduler of challengers made without one: one thread, started when first needed. */
  private static final class SharedScheduler {
    static final ThreadScheduler INSTANCE = new ThreadScheduler("epoch-challenger");
  }

  /**
   * One shard to challenge at one node; {@code replicaRoot} is what the node committed, for a
   * sealed challenge.
   */
  record Task(
      Submission file, StorageNodeRecord node, Challenge challenge, Optional<Bytes32> replicaRoot) {
    /** A sealed challenge of a shard whose holder committed no replica: failed without asking. */
    boolean unsealed() {
      return challenge.sealed() && replicaRoot.isEmpty();
    }
  }

  /**
   * The shards an epoch asks, and those it does not (no holder, recorded already, or not sealed yet
   * within the grace).
   */
  record Plan(List<Task> tasks, int unassigned, int alreadyRecorded, int sealing) {}

  private record Key(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {}
}
