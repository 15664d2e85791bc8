package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProofVerifierTest {
  private static final Ed25519.KeyPair KEY_A = key("a");
  private static final Ed25519.KeyPair KEY_B = key("b");
  private static final Prover A = new Prover(KEY_A);
  private static final Prover B = new Prover(KEY_B);
  private static final Bytes32 R5 = ChallengeTest.h("epoch 5");
  private static final Bytes32 R6 = ChallengeTest.h("epoch 6");

  /** 6 + 3, three segments of data: one segment group, 256 KiB shards. */
  private static ShardFixture six;

  /** 2 + 1 over four segments and a bit: two groups, 512 KiB shards (a proof crosses segments). */
  private static ShardFixture two;

  static Ed25519.KeyPair key(String label) {
    return Ed25519.KeyPair.fromSeed(
        Keccak.hash(("storage node " + label).getBytes(StandardCharsets.UTF_8)).toArray());
  }

  @BeforeAll
  static void files() {
    six = ShardFixture.of(700_000, 6, 3, 1);
    two = ShardFixture.of(4 * 262_144 + 5, 2, 1, 2);
  }

  private static Challenge challenge(
      ShardFixture f, int shard, long epoch, Bytes32 r, Prover node) {
    return Challenge.forShard(
        f.submission(), shard, epoch, r, node.nodeId(), Challenge.DEFAULT_SECTORS);
  }

  private static Answer honest(ShardFixture f, int shard, long epoch, Bytes32 r, Prover node) {
    return node.answer(challenge(f, shard, epoch, r, node), f.shards()[shard], f.roots());
  }

  private static Answer.Sector sectorOf(MerkleFile shard, long index) {
    return new Answer.Sector(Bytes.wrap(shard.sector(index)), shard.prove(index));
  }

  /** An answer with the given parts, signed over its own digest by {@code key}. */
  private static Answer signed(
      Ed25519.KeyPair key,
      long epoch,
      Bytes32 r,
      Bytes32 nodeId,
      Bytes32 fileRoot,
      int shard,
      List<Bytes32> roots,
      List<Answer.Sector> sectors) {
    Bytes32 digest = Answer.digest(epoch, r, nodeId, fileRoot, shard, roots, sectors);
    return new Answer(
        epoch, nodeId, fileRoot, shard, roots, sectors, Bytes.wrap(key.sign(digest.toArray())));
  }

  /** An answer by node A for epoch 5 about shard {@code shard} of {@code f}, signed by A. */
  private static Answer byA(
      ShardFixture f, int shard, List<Bytes32> roots, List<Answer.Sector> sectors) {
    return signed(KEY_A, 5, R5, A.nodeId(), f.submission().fileRoot(), shard, roots, sectors);
  }

  /** Why {@code answer} to {@code c} about a shard of {@code f} fails. */
  private static FailureReason failure(ShardFixture f, Challenge c, Answer answer) {
    return reason(ProofVerifier.verify(f.submission(), c, answer));
  }

  private static FailureReason reason(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Fail.class);
    return ((Verdict.Fail) v).reason();
  }

  @Test
  void honestAnswersPassForEveryShardAndOverTheWire() {
    for (ShardFixture f : List.of(six, two)) {
      for (int shard = 0; shard < f.roots().size(); shard++) {
        Challenge c = challenge(f, shard, 5, R5, A);
        Answer a = A.answer(c, f.shards()[shard], f.roots());
        assertThat(ProofVerifier.verify(f.submission(), c, a)).isEqualTo(Verdict.PASS);
        byte[] wire = a.encode();
        assertThat(Answer.decode(wire)).isEqualTo(a);
        assertThat(ProofVerifier.verify(f.submission(), c, wire).passed()).isTrue();
      }
    }
    assertThat(Verdict.PASS.describe()).isEmpty();
  }

  @Test
  void aTamperedSectorFailsItsProof() {
    Challenge c = challenge(two, 1, 5, R5, A);
    Answer a = A.answer(c, two.shards()[1], two.roots());
    Answer.Sector s = a.sectors().get(2);
    byte[] data = s.data().toArray();
    data[17] ^= 1;
    List<Answer.Sector> sectors = new ArrayList<>(a.sectors());
    sectors.set(2, new Answer.Sector(Bytes.wrap(data), s.proof()));
    Answer tampered = byA(two, 1, two.roots(), sectors);
    Verdict v = ProofVerifier.verify(two.submission(), c, tampered);
    assertThat(reason(v)).isEqualTo(FailureReason.BAD_PROOF);
    assertThat(v.describe()).startsWith("bad proof: sector " + s.index() + " (position 2)");
  }

  @Test
  void sectorsOfAnotherShardFailTheirProofs() {
    Challenge c = challenge(six, 0, 5, R5, A);
    MerkleFile other = MerkleFile.of(six.shards()[1]);
    List<Answer.Sector> sectors = c.sectors().stream().map(i -> sectorOf(other, i)).toList();
    Answer a = byA(six, 0, six.roots(), sectors);
    assertThat(failure(six, c, a)).isEqualTo(FailureReason.BAD_PROOF);
    // And the prover refuses to sign it: the shard it holds does not match the root recorded for
    // shard 0.
    assertThatThrownBy(() -> A.answer(c, six.shards()[1], six.roots()))
        .hasMessageContaining("has root");
  }

  @Test
  void anAnswerMadeForAnotherNodeFails() {
    Challenge forA = challenge(six, 4, 5, R5, A);
    Answer byB = honest(six, 4, 5, R5, B);
    assertThat(ProofVerifier.verify(six.submission(), challenge(six, 4, 5, R5, B), byB).passed())
        .isTrue();
    assertThat(failure(six, forA, byB)).isEqualTo(FailureReason.WRONG_NODE);

    // B relabels its own answer as A's: B's sectors are not A's.
    Answer relabelled =
        signed(
            KEY_B, 5, R5, A.nodeId(), six.submission().fileRoot(), 4, six.roots(), byB.sectors());
    assertThat(failure(six, forA, relabelled)).isEqualTo(FailureReason.WRONG_SECTOR_INDEX);
    // B computes A's challenge from public data and answers it: only A's key can sign for A.
    MerkleFile shard = MerkleFile.of(six.shards()[4]);
    List<Answer.Sector> sectors = forA.sectors().stream().map(i -> sectorOf(shard, i)).toList();
    Answer forged =
        signed(KEY_B, 5, R5, A.nodeId(), six.submission().fileRoot(), 4, six.roots(), sectors);
    Verdict v = ProofVerifier.verify(six.submission(), forA, forged);
    assertThat(reason(v)).isEqualTo(FailureReason.BAD_SIGNATURE);
    assertThat(v.describe()).isEqualTo("bad signature: not signed by " + A.nodeId());
    // The same answer signed by A passes, so the signature was the only fault.
    Answer genuine = byA(six, 4, six.roots(), sectors);
    assertThat(ProofVerifier.verify(six.submission(), forA, genuine).passed()).isTrue();
  }

  @Test
  void aProverRefusesAChallengeForAnotherNode() {
    assertThatThrownBy(() -> B.answer(challenge(six, 0, 5, R5, A), six.shards()[0], six.roots()))
        .hasMessageContaining("challenge for node " + A.nodeId());
  }

  @Test
  void anAnswerReplayedInTheNextEpochFails() {
    Answer epoch5 = honest(six, 2, 5, R5, A);
    Challenge epoch6 = challenge(six, 2, 6, R6, A);
    assertThat(failure(six, epoch6, epoch5)).isEqualTo(FailureReason.WRONG_EPOCH);
    // Relabelled as epoch 6, its sectors are epoch 5's...
    Answer relabelled =
        new Answer(
            6,
            epoch5.nodeId(),
            epoch5.fileRoot(),
            2,
            epoch5.shardRoots(),
            epoch5.sectors(),
            epoch5.signature());
    assertThat(failure(six, epoch6, relabelled)).isEqualTo(FailureReason.WRONG_SECTOR_INDEX);
    // ...and an epoch 5 answer presented with epoch 6's number and the same randomness has a stale
    // signature.
    Challenge sameRandomness = challenge(six, 2, 6, R5, A);
    assertThat(failure(six, sameRandomness, relabelled)).isEqualTo(FailureReason.BAD_SIGNATURE);
  }

  @Test
  void shardRootsMustHashToTheCommitment() {
    Challenge c = challenge(six, 3, 5, R5, A);
    Answer a = A.answer(c, six.shards()[3], six.roots());
    List<Bytes32> missing = six.roots().subList(0, 8);
    Answer fewer = byA(six, 3, missing, a.sectors());
    Verdict v = ProofVerifier.verify(six.submission(), c, fewer);
    assertThat(reason(v)).isEqualTo(FailureReason.ROOTS_MISMATCH);
    assertThat(v.describe()).contains("8 shard roots, the file has 9 shards");

    List<Bytes32> swapped = new ArrayList<>(six.roots());
    Collections.swap(swapped, 7, 8);
    Answer wrong = byA(six, 3, swapped, a.sectors());
    assertThat(failure(six, c, wrong)).isEqualTo(FailureReason.ROOTS_MISMATCH);
  }

  @Test
  void aMissingShardGivesAWrongProofEvenWithMadeUpRoots() {
    // A node that lost shard 2 makes up a shard and claims its root: the roots no longer hash to
    // the commitment. (Not shards 3-5: this file has three segments, so those data shards are all
    // zeros and anyone can prove them.)
    byte[] madeUp = new byte[262_144];
    new Random(99).nextBytes(madeUp);
    List<Bytes32> roots = new ArrayList<>(six.roots());
    roots.set(2, MerkleFile.root(madeUp));
    Challenge c = challenge(six, 2, 5, R5, A);
    Answer a = A.answer(c, madeUp, roots);
    assertThat(failure(six, c, a)).isEqualTo(FailureReason.ROOTS_MISMATCH);
    // With the true roots, the made-up sectors do not verify.
    MerkleFile fake = MerkleFile.of(madeUp);
    List<Answer.Sector> sectors = c.sectors().stream().map(i -> sectorOf(fake, i)).toList();
    Answer b = byA(six, 2, six.roots(), sectors);
    assertThat(failure(six, c, b)).isEqualTo(FailureReason.BAD_PROOF);
  }

  @Test
  void sectorCountAndIndicesMustBeTheChallengedOnes() {
    Challenge c = challenge(two, 0, 5, R5, A);
    Answer a = A.answer(c, two.shards()[0], two.roots());
    Answer fewer = byA(two, 0, two.roots(), a.sectors().subList(0, 3));
    assertThat(failure(two, c, fewer)).isEqualTo(FailureReason.WRONG_SECTOR_COUNT);
    List<Answer.Sector> reordered = new ArrayList<>(a.sectors());
    Collections.reverse(reordered);
    Answer shuffled = byA(two, 0, two.roots(), reordered);
    assertThat(failure(two, c, shuffled)).isEqualTo(FailureReason.WRONG_SECTOR_INDEX);
  }

  @Test
  void theAnswerMustNameTheChallengedFileAndShard() {
    Challenge c = challenge(six, 1, 5, R5, A);
    Answer otherShard = honest(six, 2, 5, R5, A);
    assertThat(failure(six, c, otherShard)).isEqualTo(FailureReason.WRONG_SHARD);
    Answer otherFile = honest(two, 1, 5, R5, A);
    assertThat(failure(six, c, otherFile)).isEqualTo(FailureReason.WRONG_FILE);
    assertThatThrownBy(
            () -> ProofVerifier.verify(six.submission(), challenge(two, 1, 5, R5, A), otherFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("challenge for file");
  }

  @Test
  void oversizedAndMalformedBytesFailWithoutThrowing() {
    Challenge c = challenge(six, 0, 5, R5, A);
    byte[] wire = honest(six, 0, 5, R5, A).encode();
    assertThat(
            reason(
                ProofVerifier.verify(six.submission(), c, new byte[Answer.MAX_ENCODED_BYTES + 1])))
        .isEqualTo(FailureReason.OVERSIZED);
    assertThat(
            reason(ProofVerifier.verify(six.submission(), c, Arrays.copyOf(wire, wire.length - 1))))
        .isEqualTo(FailureReason.MALFORMED);
    assertThat(
            reason(ProofVerifier.verify(six.submission(), c, Arrays.copyOf(wire, wire.length + 1))))
        .isEqualTo(FailureReason.MALFORMED);
    assertThat(reason(ProofVerifier.verify(six.submission(), c, new byte[0])))
        .isEqualTo(FailureReason.MALFORMED);
    // Every single-byte corruption is caught: a format error, a failed check, never a pass or an
    // exception.
    for (int i = 0; i < wire.length; i += 7) {
      byte[] bad = wire.clone();
      bad[i] ^= 0x40;
      assertThat(ProofVerifier.verify(six.submission(), c, bad).passed())
          .as("byte %d flipped", i)
          .isFalse();
    }
  }

  @Test
  void theLargestWellFormedAnswerFitsTheLimit() {
    List<Bytes32> roots = Collections.nCopies(255, Bytes32.ZERO);
    SectorProof proof =
        new SectorProof(
            Long.MAX_VALUE,
            Collections.nCopies(Answer.MAX_SEGMENT_PATH, Bytes32.ZERO),
            Collections.nCopies(Answer.MAX_FILE_PATH, Bytes32.ZERO));
    Answer.Sector s = new Answer.Sector(Bytes.wrap(new byte[256]), proof);
    Answer big =
        new Answer(
            Long.MAX_VALUE,
            A.nodeId(),
            Bytes32.ZERO,
            254,
            roots,
            Collections.nCopies(Challenge.MAX_SECTORS, s),
            Bytes.wrap(new byte[64]));
    byte[] wire = big.encode();
    assertThat(wire.length).isLessThan(Answer.MAX_ENCODED_BYTES).isGreaterThan(90_000);
    assertThat(Answer.decode(wire)).isEqualTo(big);
    assertThatThrownBy(
            () ->
                new Answer.Sector(
                    Bytes.wrap(new byte[256]),
                    new SectorProof(
                        0,
                        Collections.nCopies(Answer.MAX_SEGMENT_PATH + 1, Bytes32.ZERO),
                        List.of())))
        .hasMessageContaining("exceed");
  }
}
