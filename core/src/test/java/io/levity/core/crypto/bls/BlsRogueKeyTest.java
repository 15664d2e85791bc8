package io.levity.core.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rogue-key attack on plain BLS aggregation, and the proof of possession that stops it. The
 * attacker knows only {@code sk_a} and announces {@code pk_rogue = sk_a * G - pk_victim}; the sum
 * of the victim's and the rogue key is then {@code sk_a * G}, so the attacker alone signs for both.
 */
class BlsRogueKeyTest {
  private static final Bytes32 MESSAGE = Keccak.hash(Bytes.of((byte) 9));
  private static final Bytes32 POP_MESSAGE = Keccak.hash(Bytes.of((byte) 10));

  private final BlsKeyPair victim = Bls.fromSeed(Keccak.hash(Bytes.of((byte) 1)));
  private final BlsKeyPair attacker = Bls.fromSeed(Keccak.hash(Bytes.of((byte) 2)));

  @Test
  void withoutPossessionProofsTheAttackerSignsForTheVictim() {
    BlsPublicKey rogue =
        new BlsPublicKey(
            g1Minus(attacker.publicKey().g1(), victim.publicKey().g1()),
            g2Minus(attacker.publicKey().g2(), victim.publicKey().g2()));
    BlsPublicKey apk = Bls.aggregateKeys(List.of(victim.publicKey(), rogue));
    BlsSignature forged = Bls.sign(attacker.secret(), MESSAGE); // the victim never signed

    assertThat(Bls.verify(apk, MESSAGE, forged)).isTrue();
    // the halves match, so even the contract's aggregate check passes: only PoP can stop this
    assertThat(Bls.verifyAggregate(apk, MESSAGE, forged)).isTrue();

    // the attacker cannot prove possession of the rogue key: its secret is sk_a - sk_victim
    BlsSignature attempt = Bls.provePossession(attacker, POP_MESSAGE);
    assertThat(Bls.verifyPossession(rogue, POP_MESSAGE, attempt)).isFalse();
    assertThat(Bls.verifyPossession(rogue, POP_MESSAGE, Bls.sign(attacker.secret(), MESSAGE)))
        .isFalse();
    // while an honest key's proof passes
    assertThat(
            Bls.verifyPossession(
                victim.publicKey(), POP_MESSAGE, Bls.provePossession(victim, POP_MESSAGE)))
        .isTrue();
  }

  /**
   * The subtler variant: the attacker owns the G2 half ({@code sk_a * G2}, so a G2-only proof would
   * pass) but announces a rogue G1 half {@code sk_a * G1 - pk_victim.g1}, which would cancel the
   * victim's G1 half in an on-chain sum. The proof of possession checks both halves.
   */
  @Test
  void aPossessionProofTiesTheG1HalfToo() {
    BlsPublicKey rogueG1 =
        new BlsPublicKey(
            g1Minus(attacker.publicKey().g1(), victim.publicKey().g1()), attacker.publicKey().g2());
    BlsSignature proof = Bls.provePossession(attacker, POP_MESSAGE);
    assertThat(Bls.verify(rogueG1, POP_MESSAGE, proof)).isTrue(); // G2 half only: fooled
    assertThat(Bls.verifyPossession(rogueG1, POP_MESSAGE, proof)).isFalse();
  }

  private static Bytes g1Minus(Bytes a, Bytes b) {
    G1Point pa = G1Point.decode(a.toArray(), 0);
    G1Point pb = G1Point.decode(b.toArray(), 0);
    return Bytes.wrap(pa.add(pb.negate()).encode());
  }

  private static Bytes g2Minus(Bytes a, Bytes b) {
    G2Point pa = G2Point.decode(a.toArray(), 0);
    G2Point pb = G2Point.decode(b.toArray(), 0);
    return Bytes.wrap(pa.add(pb.negate()).encode());
  }
}
