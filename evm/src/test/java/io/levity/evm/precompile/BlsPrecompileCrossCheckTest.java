package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Ties core's BLS to the code the DataAvailability contract's checks run on: the contract's steps
 * redone here with only the precompiles (MODEXP for the square root of hash-to-G1, ECADD, ECMUL,
 * ECPAIRING) and Keccak give the same answers as {@link Bls#verify} and {@link Bls#verifyAggregate}
 * on valid signatures, wrong messages, wrong keys, mismatched key halves and corrupted bytes.
 * (Points at infinity are left out: the pairing precompile accepts them, the contract refuses them
 * itself, as Bls does.)
 */
class BlsPrecompileCrossCheckTest {
  private static final BigInteger P = G1Point.FIELD_MODULUS;
  private static final BigInteger R = G1Point.ORDER;
  private static final byte[] MINUS_G2 = G2Point.GENERATOR.negate().encode();

  @Property(tries = 6)
  void blsAgreesWithThePrecompiles(@ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] digest) {
    BlsKeyPair a = Bls.fromSeed(Bytes32.of32(seed));
    BlsKeyPair b = Bls.fromSeed(Keccak.hash(Bytes32.of32(seed))); // never a's key
    Bytes32 m = Bytes32.of32(digest);
    Bytes32 other = Keccak.hash(m);
    BlsSignature sigA = Bls.sign(a.secret(), m);
    BlsPublicKey apk = Bls.aggregateKeys(List.of(a.publicKey(), b.publicKey()));
    BlsSignature sigma = Bls.aggregateSignatures(List.of(sigA, Bls.sign(b.secret(), m)));
    BlsPublicKey mismatched = new BlsPublicKey(a.publicKey().g1(), apk.g2());
    byte[] corrupted = sigA.g1().toArray();
    corrupted[40] ^= 4;
    BlsSignature bad = new BlsSignature(Bytes.wrap(corrupted));

    assertThat(hashWithModExp(m)).isEqualTo(Bls.hashToG1(m).toArray());
    record Case(BlsPublicKey key, Bytes32 message, BlsSignature sig) {}
    List<Case> cases =
        List.of(
            new Case(a.publicKey(), m, sigA),
            new Case(a.publicKey(), other, sigA),
            new Case(b.publicKey(), m, sigA),
            new Case(a.publicKey(), m, bad),
            new Case(apk, m, sigma),
            new Case(apk, other, sigma),
            new Case(mismatched, m, sigma),
            new Case(apk, m, sigA));
    int accepted = 0;
    for (Case c : cases) {
      boolean plain = Bls.verify(c.key(), c.message(), c.sig());
      boolean aggregate = Bls.verifyAggregate(c.key(), c.message(), c.sig());
      assertThat(plain)
          .as("verify %s", c)
          .isEqualTo(precompileVerify(c.key(), c.message(), c.sig()));
      assertThat(aggregate)
          .as("verifyAggregate %s", c)
          .isEqualTo(precompileVerifyAggregate(c.key(), c.message(), c.sig()));
      if (plain) accepted++;
    }
    // the valid single signature, the valid aggregate and the mismatched key (G2 half only)
    assertThat(accepted).isEqualTo(3);
  }

  /** The contract's try-and-increment, its square root taken by the MODEXP precompile. */
  private static byte[] hashWithModExp(Bytes32 message) {
    BigInteger x = message.toBigInteger().mod(P);
    while (true) {
      BigInteger rhs = x.pow(3).add(BigInteger.valueOf(3)).mod(P);
      byte[] in =
          concat(
              word(32),
              word(32),
              word(32),
              word(rhs),
              word(P.add(BigInteger.ONE).shiftRight(2)),
              word(P));
      BigInteger y = new BigInteger(1, Precompiles.MODEXP.run(in));
      if (y.multiply(y).mod(P).equals(rhs)) return concat(word(x), word(y));
      x = x.add(BigInteger.ONE).mod(P);
    }
  }

  private static boolean precompileVerify(BlsPublicKey key, Bytes32 m, BlsSignature sig) {
    return pairing(concat(sig.g1().toArray(), MINUS_G2, hashWithModExp(m), key.g2().toArray()));
  }

  private static boolean precompileVerifyAggregate(
      BlsPublicKey apk, Bytes32 m, BlsSignature sigma) {
    byte[] h = hashWithModExp(m);
    byte[] preimage = concat(h, apk.g1().toArray(), apk.g2().toArray(), sigma.g1().toArray());
    BigInteger gamma = new BigInteger(1, Keccak.hash256(preimage)).mod(R);
    byte[] left = ecAdd(sigma.g1().toArray(), ecMul(apk.g1().toArray(), gamma));
    byte[] right = ecAdd(h, ecMul(G1Point.GENERATOR.encode(), gamma));
    if (left == null || right == null)
      return false; // the precompile call fails: the contract reverts
    return pairing(concat(left, MINUS_G2, right, apk.g2().toArray()));
  }

  private static byte[] ecMul(byte[] point, BigInteger k) {
    return Precompiles.BN254_MUL.run(concat(point, word(k)));
  }

  private static byte[] ecAdd(byte[] p, byte[] q) {
    if (p == null || q == null) return null;
    return Precompiles.BN254_ADD.run(concat(p, q));
  }

  private static boolean pairing(byte[] input) {
    byte[] out = Precompiles.BN254_PAIRING.run(input);
    return out != null && Arrays.equals(out, word(1));
  }
}
