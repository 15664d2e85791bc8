package io.levity.core.crypto.bn254;

import static io.levity.core.crypto.bn254.Bn254TestSupport.P;
import static io.levity.core.crypto.bn254.Bn254TestSupport.R;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CurveTest {
  private final Bn254TestSupport rnd = new Bn254TestSupport(2);

  @Test
  void g1GeneratorHasOrderR() {
    assertThat(G1Point.decode(G1Point.GENERATOR.encode(), 0)).isEqualTo(G1Point.GENERATOR);
    assertThat(G1Point.GENERATOR.mul(R).isInfinity()).isTrue();
    assertThat(G1Point.GENERATOR.mul(R.subtract(BigInteger.ONE)))
        .isEqualTo(G1Point.GENERATOR.negate());
  }

  @Test
  void g1GroupLaws() {
    groupLaws(G1Point.GENERATOR, 20, G1Point::encode, b -> G1Point.decode(b, 0));
    assertThat(G1Point.INFINITY.encode()).isEqualTo(new byte[64]);
  }

  /** The group laws and the encoding round trip on random multiples of the generator. */
  private <F extends Field<F>, T extends JacobianPoint<F, T>> void groupLaws(
      T g, int rounds, Function<T, byte[]> encode, Function<byte[], T> decode) {
    for (int i = 0; i < rounds; i++) {
      BigInteger a = rnd.scalar();
      BigInteger b = rnd.scalar();
      T pa = g.mul(a);
      T pb = g.mul(b);
      assertThat(pa.add(pb)).isEqualTo(g.mul(a.add(b)));
      assertThat(pa.add(pb)).isEqualTo(pb.add(pa));
      assertThat(pa.add(pa)).isEqualTo(pa.dbl());
      assertThat(pa.add(pa.negate()).isInfinity()).isTrue();
      assertThat(pa.mul(b)).isEqualTo(g.mul(a.multiply(b)));
      byte[] enc = encode.apply(pa);
      assertThat(decode.apply(enc)).isEqualTo(pa);
      assertThat(encode.apply(decode.apply(enc))).isEqualTo(enc);
    }
    assertThat(g.add(g.infinity())).isEqualTo(g);
    assertThat(g.infinity().add(g)).isEqualTo(g);
  }

  @Test
  void g1DecodingRejectsPointsOffTheCurve() {
    byte[] enc = G1Point.GENERATOR.encode();
    enc[63] ^= 1; // (1, 3)
    assertThat(G1Point.decode(enc, 0)).isNull();
    assertThat(G1Point.decode(new byte[64], 0).isInfinity()).isTrue();
  }

  @Test
  void g2GeneratorHasOrderRAndIsInTheSubgroup() {
    G2Point q = G2Point.GENERATOR;
    assertThat(q.isOnCurve()).isTrue();
    assertThat(q.mul(R).isInfinity()).isTrue();
    assertThat(q.isInSubgroup()).isTrue();
    assertThat(G2Point.decode(q.encode(), 0)).isEqualTo(q);
  }

  @Test
  void g2GroupLaws() {
    groupLaws(G2Point.GENERATOR, 10, G2Point::encode, b -> G2Point.decode(b, 0));
    assertThat(G2Point.INFINITY.encode()).isEqualTo(new byte[128]);
    assertThat(G1Point.GENERATOR).isNotEqualTo(G2Point.GENERATOR);
  }

  @Test
  void psiActsAsMultiplicationByPOnG2() {
    G2Point q = G2Point.GENERATOR.mul(rnd.scalar());
    assertThat(q.psi()).isEqualTo(q.mul(P.mod(R)));
  }

  /**
   * The arithmetic behind {@link G2Point#isInSubgroup()}'s test polynomial f(ψ) = (u+1) + uψ + uψ²
   * - 2uψ³.
   */
  @Test
  void subgroupTestPolynomialIsExact() {
    BigInteger u = Pairing.U;
    BigInteger t = P.add(BigInteger.ONE).subtract(R);
    BigInteger[] f = {u.add(BigInteger.ONE), u, u, u.shiftLeft(1).negate()};
    // G2 passes: f(p) ≡ 0 (mod r)
    BigInteger atP = BigInteger.ZERO;
    for (int i = 0; i < f.length; i++) atP = atP.add(f[i].multiply(P.pow(i)));
    assertThat(atP.mod(R)).isZero();
    // reduce f modulo x² - t x + p to a + b x
    BigInteger[] c = f.clone();
    for (int d = c.length - 1; d >= 2; d--) {
      c[d - 1] = c[d - 1].add(c[d].multiply(t));
      c[d - 2] = c[d - 2].subtract(c[d].multiply(P));
      c[d] = BigInteger.ZERO;
    }
    BigInteger a = c[0];
    BigInteger b = c[1];
    BigInteger degree = a.multiply(a).add(t.multiply(a).multiply(b)).add(P.multiply(b).multiply(b));
    assertThat(degree.mod(R)).isZero();
    // nothing in the cofactor part of E'(F_p2), of order 2p - r, is in the kernel
    assertThat(degree.gcd(P.shiftLeft(1).subtract(R))).isEqualTo(BigInteger.ONE);
  }

  /**
   * The subgroup test relies on ψ² - tψ + p = 0 on the whole twist; check it on random twist
   * points, and check the test against the definition ([r]Q = O) on points inside and outside G2.
   */
  @Test
  void subgroupTestMatchesTheDefinition() {
    BigInteger t = P.add(BigInteger.ONE).subtract(R); // trace of Frobenius, 6u² + 1
    for (int i = 0; i < 5; i++) {
      G2Point q = rnd.twistPoint();
      assertThat(q.isOnCurve()).isTrue();
      G2Point lhs = q.psi().psi().add(q.mul(P));
      assertThat(lhs).isEqualTo(q.psi().mul(t));
      assertThat(q.mul(R).isInfinity()).isFalse();
      assertThat(q.isInSubgroup()).isFalse();
      assertThat(G2Point.decode(q.encode(), 0)).isNull();

      // clearing the cofactor h = 2p - r lands in G2
      G2Point cleared = q.mul(P.shiftLeft(1).subtract(R));
      assertThat(cleared.mul(R).isInfinity()).isTrue();
      assertThat(cleared.isInSubgroup()).isTrue();
    }
  }
}
