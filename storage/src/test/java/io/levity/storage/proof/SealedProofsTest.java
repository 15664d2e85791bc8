package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.seal.Seal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sealed challenges: what an honest replica proves, and what each way of cheating runs into. */
class SealedProofsTest {
  private static final Ed25519.KeyPair KEY_A = ProofVerifierTest.key("a");
  private static final Ed25519.KeyPair KEY_B = ProofVerifierTest.key("b");
  private static final Bytes32 NODE_A = Bytes32.of32(KEY_A.publicKey());
  private static final Bytes32 NODE_B = Bytes32.of32(KEY_B.publicKey());
  private static final Bytes32 R = ChallengeTest.h("sealed epoch 9");
  private static final int SHARD = 1;

  /** 2 + 1 over four segments and a bit: 512 KiB shards, so openings cross segments. */
  private static ShardFixture file;

  private static MerkleFile plain;
  private static MerkleFile replicaOfA;

  @BeforeAll
  static void seal() {
    file = ShardFixture.of(4 * 262_144 + 5, 2, 1, 7);
    plain = MerkleFile.of(file.shards()[SHARD]);
    replicaOfA = MerkleFile.of(Seal.seal(key(NODE_A), file.shards()[SHARD]));
  }

  private static Bytes32 key(Bytes32 node) {
    return Seal.key(node, file.submission().fileRoot(), SHARD);
  }

  private static Challenge challenge(Bytes32 node, int count) {
    return Challenge.forShard(file.submission(), SHARD, 9, R, node, count).withSealed(true);
  }

  private static byte[] answer(
      Challenge c, Ed25519.KeyPair key, MerkleFile shard, MerkleFile replica) {
    return SealedProofs.answer(
            c, file.roots(), SealedProofs.opener(shard, replica), d -> key.sign(d.toArray()))
        .encode();
  }

  private static Verdict verify(Challenge c, Bytes32 replicaRoot, byte[] answer) {
    return SealedProofs.verify(file.submission(), c, replicaRoot, answer);
  }

  @Test
  void anHonestReplicaPassesEveryEpoch() {
    for (int count : new int[] {1, 4, Challenge.MAX_SEALED_SECTORS}) {
      Challenge c = challenge(NODE_A, count);
      assertThat(verify(c, replicaOfA.root(), answer(c, KEY_A, plain, replicaOfA)))
          .isEqualTo(Verdict.PASS);
    }
  }

  @Test
  void openingsAreTheSectorItsPredecessorAndThePlainSector() {
    Challenge c = challenge(NODE_A, 4);
    List<SealedProofs.Opening> o = SealedProofs.openings(c);
    long s = c.sectors().get(0);
    assertThat(o.get(0)).isEqualTo(new SealedProofs.Opening(s, SealedProofs.Tree.REPLICA));
    assertThat(o).hasSize(4 * 3 - (int) c.sectors().stream().filter(Seal::startsSegment).count());
  }

  @Test
  void aReplicaSealedForAnotherNodeDoesNotUnseal() {
    // Node A commits (and serves) the replica node B made: outsourcing to a peer's replica.
    MerkleFile replicaOfB = MerkleFile.of(Seal.seal(key(NODE_B), file.shards()[SHARD]));
    Challenge c = challenge(NODE_A, 4);
    Verdict v = verify(c, replicaOfB.root(), answer(c, KEY_A, plain, replicaOfB));
    assertThat(v).isInstanceOf(Verdict.Fail.class);
    assertThat(((Verdict.Fail) v).reason()).isEqualTo(FailureReason.BAD_SEAL);
  }

  @Test
  void aCommittedRootOfCheapBytesDoesNotUnseal() {
    // The node commits the root of bytes it can make at will (zeros, or the plain shard itself).
    byte[] zeros = new byte[file.shards()[SHARD].length];
    for (MerkleFile fake : List.of(MerkleFile.of(zeros), plain)) {
      Challenge c = challenge(NODE_A, 4);
      Verdict v = verify(c, fake.root(), answer(c, KEY_A, plain, fake));
      assertThat(((Verdict.Fail) v).reason()).isEqualTo(FailureReason.BAD_SEAL);
    }
  }

  @Test
  void sectorsNotFromTheCommittedReplicaFailTheirProof() {
    Challenge c = challenge(NODE_A, 4);
    byte[] tampered = new byte[file.shards()[SHARD].length];
    new Random(3).nextBytes(tampered); // another replica than the committed one
    Verdict v = verify(c, replicaOfA.root(), answer(c, KEY_A, plain, MerkleFile.of(tampered)));
    assertThat(((Verdict.Fail) v).reason()).isEqualTo(FailureReason.BAD_PROOF);
  }

  @Test
  void aPlainAnswerOrMissingOpeningsDoNotPass() {
    Challenge sealed = challenge(NODE_A, 4);
    Answer plainAnswer =
        new Prover(KEY_A).answer(sealed.withSealed(false), file.shards()[SHARD], file.roots());
    Verdict v = verify(sealed, replicaOfA.root(), plainAnswer.encode());
    assertThat(((Verdict.Fail) v).reason()).isEqualTo(FailureReason.WRONG_SECTOR_COUNT);

    Answer honest = Answer.decode(answer(sealed, KEY_A, plain, replicaOfA));
    List<Answer.Sector> swapped = new ArrayList<>(honest.sectors());
    Collections.swap(swapped, 0, 1);
    Answer reordered = Answer.signed(sealed, file.roots(), swapped, d -> KEY_A.sign(d.toArray()));
    assertThat(((Verdict.Fail) verify(sealed, replicaOfA.root(), reordered.encode())).reason())
        .isEqualTo(FailureReason.WRONG_SECTOR_INDEX);
  }

  @Test
  void anotherNodesSignatureOrEpochFails() {
    Challenge c = challenge(NODE_A, 4);
    Verdict byB = verify(c, replicaOfA.root(), answer(c, KEY_B, plain, replicaOfA));
    assertThat(((Verdict.Fail) byB).reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
    Challenge next =
        Challenge.forShard(file.submission(), SHARD, 10, ChallengeTest.h("e10"), NODE_A, 4)
            .withSealed(true);
    Verdict replayed = verify(next, replicaOfA.root(), answer(c, KEY_A, plain, replicaOfA));
    assertThat(((Verdict.Fail) replayed).reason()).isEqualTo(FailureReason.WRONG_EPOCH);
  }

  @Test
  void anOversizedOrMalformedAnswerIsRefusedBeforeAnyHashing() {
    Challenge c = challenge(NODE_A, 4);
    Verdict big = verify(c, replicaOfA.root(), new byte[Answer.MAX_ENCODED_BYTES + 1]);
    assertThat(((Verdict.Fail) big).reason()).isEqualTo(FailureReason.OVERSIZED);
    Verdict junk = verify(c, replicaOfA.root(), new byte[] {(byte) 0xc1, 0x01, 0x02});
    assertThat(((Verdict.Fail) junk).reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void aPlainChallengeIsNotVerifiedAsSealedNorTheOtherWay() {
    Challenge c = challenge(NODE_A, 1);
    byte[] a = answer(c, KEY_A, plain, replicaOfA);
    assertThatThrownBy(() -> verify(c.withSealed(false), replicaOfA.root(), a))
        .hasMessageContaining("not a sealed challenge");
    assertThatThrownBy(() -> ProofVerifier.verify(file.submission(), c, Answer.decode(a)))
        .hasMessageContaining("SealedProofs");
    assertThat(Bytes.wrap(a).size()).isLessThan(Answer.MAX_ENCODED_BYTES);
  }
}
