package io.levity.core.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bn254.G1Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlsTest {
  private static final BigInteger P = G1Point.FIELD_MODULUS;
  private static final Bytes32 MESSAGE = Keccak.hash(Bytes.of((byte) 1, (byte) 2, (byte) 3));
  private static final Bytes32 OTHER = Keccak.hash(Bytes.of((byte) 4));

  @Property(tries = 8)
  void signaturesVerifyAndBindMessageAndKey(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] digest) {
    BlsKeyPair pair = Bls.fromSeed(Bytes32.of32(seed));
    Bytes32 message = Bytes32.of32(digest);
    BlsSignature sig = Bls.sign(pair.secret(), message);
    assertThat(Bls.verify(pair.publicKey(), message, sig)).isTrue();
    assertThat(Bls.verify(pair.publicKey(), Keccak.hash(message), sig)).isFalse();
    BlsKeyPair other = Bls.fromSeed(Keccak.hash(Bytes32.of32(seed)));
    assertThat(Bls.verify(other.publicKey(), message, sig)).isFalse();
  }

  @Test
  void generatedKeysSignAndProvePossession() {
    BlsKeyPair pair = Bls.generate(new SecureRandom());
    assertThat(Bls.verify(pair.publicKey(), MESSAGE, Bls.sign(pair.secret(), MESSAGE))).isTrue();
    BlsSignature pop = Bls.provePossession(pair, OTHER);
    assertThat(Bls.verifyPossession(pair.publicKey(), OTHER, pop)).isTrue();
    assertThat(Bls.verifyPossession(pair.publicKey(), MESSAGE, pop)).isFalse();
  }

  @Test
  void seedDerivationFollowsTheDocumentedFormula() {
    Bytes32 seed = Bytes32.fromHex32("11".repeat(32));
    byte[] domain = "levity-bls-keygen".getBytes(StandardCharsets.UTF_8);
    BigInteger expected =
        Keccak.hash(Bytes.concat(Bytes.of(domain), seed)).toBigInteger().mod(G1Point.ORDER);
    BlsKeyPair pair = Bls.fromSeed(seed);
    assertThat(pair.secret().scalar()).isEqualTo(expected);
    assertThat(pair).isEqualTo(Bls.fromSeed(seed));
    assertThat(pair.publicKey().g1().size()).isEqualTo(64);
    assertThat(pair.publicKey().g2().size()).isEqualTo(128);
    assertThat(pair.publicKey().g1().toArray()).isEqualTo(G1Point.GENERATOR.mul(expected).encode());
  }

  @Test
  void secretKeysStayInRangeAndOutOfLogs() {
    assertThatThrownBy(() -> new BlsSecretKey(BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlsSecretKey(G1Point.ORDER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlsSecretKey(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
    BigInteger k = new BigInteger("123456789123456789");
    assertThat(new BlsSecretKey(G1Point.ORDER.subtract(BigInteger.ONE)).scalar()).isNotNull();
    assertThat(new BlsSecretKey(k).toString())
        .doesNotContain(k.toString())
        .doesNotContain("75bcd15");
  }

  /**
   * Pinned hash-to-G1 vectors. Computed once, independently of this code, with Python integers:
   * {@code x = m % p; loop: rhs = (x**3 + 3) % p; y = pow(rhs, (p + 1) // 4, p); if y * y % p ==
   * rhs: return (x, y); x = (x + 1) % p}.
   */
  @Test
  void hashToG1MatchesPinnedVectors() {
    // 0: x = 0 has no root (3 is a non-residue), x = 1 gives the generator (1, 2)
    assertHash("00".repeat(32), hex(1), hex(2));
    // 2^256 - 1 reduces mod p, first candidate succeeds
    assertHash(
        "ff".repeat(32),
        "0e0a77c19a07df2f666ea36f7879462c0a78eb28f5c70b3dd35d438dc58f0d9c",
        "14be43b98e05db3bee1459f626263fc7bccd58e77b8182329f8ac7453c92c0ca");
    // 65: three increments, to x = 68
    assertHash(
        hex(65), hex(68), "0a3a738b5141477c46576d543375c362d28e49581190cc8063bdf599252cfbed");
    // p + 5 reduces to 5
    assertHash(
        String.format("%064x", P.add(BigInteger.valueOf(5))),
        hex(5),
        "1a920775c4fd5c31a91b91dc3f5b5d84171cc026626433b5007008c94c44da4e");
  }

  @Property(tries = 50)
  void hashToG1IsOnTheCurveAndDeterministic(@ForAll @Size(32) byte[] digest) {
    Bytes32 m = Bytes32.of32(digest);
    Bytes h = Bls.hashToG1(m);
    assertThat(h.size()).isEqualTo(64);
    assertThat(h).isEqualTo(Bls.hashToG1(Bytes32.of32(digest)));
    BigInteger x = new BigInteger(1, h.slice(0, 32).toArray());
    BigInteger y = new BigInteger(1, h.slice(32, 32).toArray());
    assertThat(x).isLessThan(P);
    assertThat(y).isLessThan(P);
    assertThat(y.pow(2).mod(P)).isEqualTo(x.pow(3).add(BigInteger.valueOf(3)).mod(P));
    assertThat(G1Point.decode(h.toArray(), 0)).isNotNull();
  }

  @Test
  void malformedEncodingsAreRejectedWithoutExceptions() {
    BlsKeyPair pair = Bls.fromSeed(Bytes32.ZERO);
    BlsPublicKey pk = pair.publicKey();
    BlsSignature sig = Bls.sign(pair.secret(), MESSAGE);
    byte[] notBelowP = sig.g1().toArray();
    System.arraycopy(Bytes32.fromBigInteger(P).toArray(), 0, notBelowP, 0, 32);
    byte[] offCurve = sig.g1().toArray();
    offCurve[63] ^= 1;
    byte[] g2OffTwist = pk.g2().toArray();
    g2OffTwist[127] ^= 1;
    BlsSignature infinity = new BlsSignature(Bytes.wrap(new byte[64]));
    BlsPublicKey infinityKey = new BlsPublicKey(pk.g1(), Bytes.wrap(new byte[128]));
    for (BlsSignature bad :
        new BlsSignature[] {
          new BlsSignature(sig.g1().slice(0, 63)),
          new BlsSignature(Bytes.wrap(notBelowP)),
          new BlsSignature(Bytes.wrap(offCurve)),
          infinity,
          new BlsSignature(null)
        }) {
      assertThat(Bls.verify(pk, MESSAGE, bad)).as("%s", bad).isFalse();
      assertThat(Bls.verifyAggregate(pk, MESSAGE, bad)).as("%s", bad).isFalse();
    }
    for (BlsPublicKey bad :
        new BlsPublicKey[] {
          new BlsPublicKey(pk.g1(), pk.g2().slice(0, 127)),
          new BlsPublicKey(pk.g1(), Bytes.wrap(g2OffTwist)),
          new BlsPublicKey(Bytes.wrap(offCurve), pk.g2()),
          infinityKey
        }) {
      assertThat(Bls.verifyAggregate(bad, MESSAGE, sig)).as("%s", bad).isFalse();
    }
    assertThat(Bls.verify(new BlsPublicKey(pk.g1(), Bytes.wrap(g2OffTwist)), MESSAGE, sig))
        .isFalse();
    assertThat(Bls.verify(infinityKey, MESSAGE, sig)).isFalse();
    assertThat(Bls.verify(pk, MESSAGE, sig)).isTrue();
    assertThat(Bls.verifyAggregate(pk, MESSAGE, sig)).isTrue();
  }

  private static void assertHash(String messageHex, String xHex, String yHex) {
    assertThat(Bls.hashToG1(Bytes32.fromHex32(messageHex)).toHex())
        .isEqualTo(Bytes.fromHex(xHex + yHex).toHex());
  }

  private static String hex(long v) {
    return String.format("%064x", v);
  }
}
