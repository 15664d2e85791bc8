package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.seal.Seal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the outsourcing attack of issue 11: a node that keeps only roots and, when challenged,
 * gets the plain shard from its peers. Here it gets the shard at once, for free (strictly better
 * for it than any real fetch), and still has to seal what the challenge opens before {@link
 * EpochChallenger.Config#SEALED_ANSWER_TIMEOUT}; each challenged segment is sealed on a thread of
 * its own. Against plain challenges the same node passes every time. Trials per side: {@code
 * -Dlevity.seal.trials=N} (default 20; the figures in docs/storage-proofs.md are from 100).
 */
class SealedOutsourcingIT {
  private static final int TRIALS = Integer.getInteger("levity.seal.trials", 20);
  private static final long DEADLINE_NANOS = EpochChallenger.Config.SEALED_ANSWER_TIMEOUT.toNanos();
  private static final Ed25519.KeyPair KEY = ProofVerifierTest.key("outsourcer");
  private static final Bytes32 NODE = Bytes32.of32(KEY.publicKey());
  private static final int SHARD = 0;

  /** 6 + 3 over 24 segments: 4-segment (1 MiB) shards. */
  private static ShardFixture file;

  private static MerkleFile plain;
  private static MerkleFile replica;
  private static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    file = ShardFixture.of(24 * 262_144, 6, 3, 11);
    plain = MerkleFile.of(file.shards()[SHARD]);
    replica = MerkleFile.of(Seal.seal(key(), file.shards()[SHARD]));
    pool = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()));
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  private static Bytes32 key() {
    return Seal.key(NODE, file.submission().fileRoot(), SHARD);
  }

  private static Challenge challenge(int trial, boolean sealed) {
    Bytes32 r = ChallengeTest.h("outsourcing trial " + trial);
    return Challenge.forShard(file.submission(), SHARD, trial, r, NODE, Challenge.DEFAULT_SECTORS)
        .withSealed(sealed);
  }

  /** Replica sectors of segment {@code s} from its start to {@code last}, sealed from plain. */
  private static byte[][] sealPrefix(int s, int last, long deadline) throws InterruptedException {
    byte[][] out = new byte[last + 1][];
    byte[] previous = null;
    for (int i = 0; i <= last; i++) {
      if (System.nanoTime() > deadline) throw new InterruptedException("past the deadline");
      long index = (long) s * FileLayout.SECTORS_PER_SEGMENT + i;
      out[i] = Seal.unsealSector(key(), index, plain.sector(index), previous); // XOR is symmetric
      previous = out[i];
    }
    return out;
  }

  /**
   * Answers a sealed challenge without the replica: seals, per challenged segment (in parallel),
   * the sectors from the segment's start to {@code upTo(s, highest opened)}, then opens them. The
   * Merkle paths are taken from the real replica's tree: the adversary is granted the whole tree of
   * hashes for free and only has to make the sectors' bytes. Empty when it misses the deadline.
   */
  private static Optional<byte[]> outsource(Challenge c, boolean wholeSegments) throws Exception {
    long start = System.nanoTime();
    long deadline = start + DEADLINE_NANOS;
    Map<Integer, Integer> highest = new TreeMap<>();
    for (SealedProofs.Opening o : SealedProofs.openings(c)) {
      int s = (int) (o.index() / FileLayout.SECTORS_PER_SEGMENT);
      int in = (int) (o.index() % FileLayout.SECTORS_PER_SEGMENT);
      highest.merge(s, wholeSegments ? FileLayout.SECTORS_PER_SEGMENT - 1 : in, Math::max);
    }
    Map<Integer, Future<byte[][]>> work = new TreeMap<>();
    for (var e : highest.entrySet())
      work.put(e.getKey(), pool.submit(() -> sealPrefix(e.getKey(), e.getValue(), deadline)));
    Map<Integer, byte[][]> sealed = new TreeMap<>();
    try {
      for (var e : work.entrySet()) sealed.put(e.getKey(), e.getValue().get());
    } catch (ExecutionException e) {
      work.values().forEach(f -> f.cancel(true));
      return Optional.empty();
    }
    SealedProofs.Opener opener =
        (index, tree) -> {
          if (tree == SealedProofs.Tree.SHARD)
            return new Answer.Sector(Bytes.wrap(plain.sector(index)), plain.prove(index));
          byte[] data =
              sealed
                  .get((int) (index / FileLayout.SECTORS_PER_SEGMENT))[
                  (int) (index % FileLayout.SECTORS_PER_SEGMENT)];
          return new Answer.Sector(Bytes.wrap(data), replica.prove(index));
        };
    byte[] answer =
        SealedProofs.answer(c, file.roots(), opener, d -> KEY.sign(d.toArray())).encode();
    return System.nanoTime() <= deadline ? Optional.of(answer) : Optional.empty();
  }

  private static boolean passes(Challenge c, Optional<byte[]> answer) {
    return answer.isPresent()
        && SealedProofs.verify(file.submission(), c, replica.root(), answer.get()) == Verdict.PASS;
  }

  @Test
  void aNodeKeepingOnlyRootsFailsSealedChallengesButPassesPlainOnes() throws Exception {
    int plainPassed = 0;
    int rootsOnlyPassed = 0;
    int treeKeeperPassed = 0;
    for (int t = 0; t < TRIALS; t++) {
      Challenge p = challenge(t, false);
      Answer a = new Prover(KEY).answer(p, file.shards()[SHARD], file.roots()); // fetched at once
      if (ProofVerifier.verify(file.submission(), p, a.encode()) == Verdict.PASS) plainPassed++;
      Challenge c = challenge(t, true);
      if (passes(c, outsource(c, true))) rootsOnlyPassed++;
      if (passes(c, outsource(c, false))) treeKeeperPassed++;
    }
    System.out.printf(
        "outsourcing, %d trials, deadline %d ms, %d rounds a link: plain challenges passed %d;"
            + " sealed, roots only passed %d; sealed, keeping the replica's hash tree passed %d%n",
        TRIALS,
        Duration.ofNanos(DEADLINE_NANOS).toMillis(),
        Seal.ROUNDS,
        plainPassed,
        rootsOnlyPassed,
        treeKeeperPassed);
    assertThat(plainPassed)
        .as("plain challenges are answered from a fetched shard")
        .isEqualTo(TRIALS);
    assertThat(rootsOnlyPassed).as("a node keeping only roots").isLessThanOrEqualTo(TRIALS / 20);
    assertThat(treeKeeperPassed)
        .as("a node keeping the hash tree")
        .isLessThanOrEqualTo(TRIALS / 20);
  }

  @Test
  void sealingOneSegmentTakesAThousandLinks() {
    long t0 = System.nanoTime();
    Seal.sealSegment(key(), 0, Arrays.copyOf(file.shards()[SHARD], FileLayout.SEGMENT_SIZE));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println(
        "sealed one segment (1024 links of " + Seal.ROUNDS + " hashes) in " + ms + " ms");
    assertThat(ms).as("a link costs time: that is the point").isGreaterThan(50);
  }

  @Test
  void anHonestNodeAnswersFromItsReplicaWellInsideTheDeadline() {
    List<Long> micros = new ArrayList<>();
    for (int t = 0; t < TRIALS; t++) {
      Challenge c = challenge(t, true);
      long start = System.nanoTime();
      byte[] answer =
          SealedProofs.answer(
                  c, file.roots(), SealedProofs.opener(plain, replica), d -> KEY.sign(d.toArray()))
              .encode();
      micros.add((System.nanoTime() - start) / 1000);
      assertThat(SealedProofs.verify(file.submission(), c, replica.root(), answer))
          .isEqualTo(Verdict.PASS);
    }
    long worst = micros.stream().mapToLong(Long::longValue).max().orElseThrow();
    System.out.printf("honest sealed answers: %d trials, slowest %d us%n", TRIALS, worst);
    assertThat(worst).isLessThan(DEADLINE_NANOS / 1000);
  }
}
