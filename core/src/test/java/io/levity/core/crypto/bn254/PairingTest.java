package io.levity.core.crypto.bn254;

import static io.levity.core.crypto.bn254.Bn254TestSupport.P;
import static io.levity.core.crypto.bn254.Bn254TestSupport.R;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {
  private final Bn254TestSupport rnd = new Bn254TestSupport(3);

  @Test
  void finalExponentiationIsThePowerByTheFullExponent() {
    BigInteger exponent = P.pow(12).subtract(BigInteger.ONE).divide(R);
    Fp12 f = rnd.fp12();
    assertThat(Pairing.finalExponentiation(f)).isEqualTo(f.pow(exponent));
  }

  @Test
  void hardPartDecompositionIsExact() {
    BigInteger l0 = inU(-36, -30, -18, -2);
    BigInteger l1 = inU(-36, -18, -12, 1);
    BigInteger l2 = inU(0, 6, 0, 1);
    BigInteger hard = P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(R);
    assertThat(l0.add(l1.multiply(P)).add(l2.multiply(P.pow(2))).add(P.pow(3))).isEqualTo(hard);
  }

  /** c3·u³ + c2·u² + c1·u + c0 for the BN parameter u. */
  private static BigInteger inU(long c3, long c2, long c1, long c0) {
    BigInteger u = Pairing.U;
    return BigInteger.valueOf(c3)
        .multiply(u)
        .add(BigInteger.valueOf(c2))
        .multiply(u)
        .add(BigInteger.valueOf(c1))
        .multiply(u)
        .add(BigInteger.valueOf(c0));
  }

  @Test
  void pairingIsNonDegenerateAndOfOrderR() {
    Fp12 e = Pairing.pair(G1Point.GENERATOR, G2Point.GENERATOR);
    assertThat(e.isOne()).isFalse();
    assertThat(e.pow(R).isOne()).isTrue();
  }

  @Test
  void pairingIsBilinear() {
    Fp12 base = Pairing.pair(G1Point.GENERATOR, G2Point.GENERATOR);
    for (int i = 0; i < 3; i++) {
      BigInteger a = rnd.scalar();
      BigInteger b = rnd.scalar();
      G1Point pa = G1Point.GENERATOR.mul(a);
      G2Point qb = G2Point.GENERATOR.mul(b);
      Fp12 e = Pairing.pair(pa, qb);
      assertThat(e).isEqualTo(base.pow(a.multiply(b).mod(R)));
      assertThat(e)
          .isEqualTo(Pairing.pair(G1Point.GENERATOR.mul(a.multiply(b).mod(R)), G2Point.GENERATOR));
      assertThat(e)
          .isEqualTo(Pairing.pair(G1Point.GENERATOR, G2Point.GENERATOR.mul(a.multiply(b).mod(R))));
    }
  }

  @Test
  void checkOfProductsOfPairings() {
    BigInteger a = rnd.scalar();
    BigInteger b = rnd.scalar();
    G1Point p = G1Point.GENERATOR.mul(a);
    G2Point q = G2Point.GENERATOR.mul(b);
    assertThat(Pairing.check(List.of(p, p.negate()), List.of(q, q))).isTrue();
    assertThat(Pairing.check(List.of(p, p), List.of(q, q))).isFalse();
    assertThat(Pairing.check(List.of(p), List.of(q))).isFalse();
    // e(aP, bQ) · e(-abP, Q) = 1, and not with -(ab+1)P
    G1Point abp = G1Point.GENERATOR.mul(a.multiply(b)).negate();
    assertThat(Pairing.check(List.of(p, abp), List.of(q, G2Point.GENERATOR))).isTrue();
    G1Point off = G1Point.GENERATOR.mul(a.multiply(b).add(BigInteger.ONE)).negate();
    assertThat(Pairing.check(List.of(p, off), List.of(q, G2Point.GENERATOR))).isFalse();
    assertThat(Pairing.check(List.of(), List.of())).isTrue();
    assertThat(Pairing.check(List.of(G1Point.INFINITY, p), List.of(q, G2Point.INFINITY))).isTrue();
  }

  @Test
  void nafRecomposes() {
    Bn254TestSupport rnd = new Bn254TestSupport(4);
    BigInteger[] ks = {
      Pairing.U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO),
      Pairing.U,
      BigInteger.ONE,
      BigInteger.valueOf(7),
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
      rnd.scalar()
    };
    for (int width = 2; width <= 5; width++) {
      for (BigInteger k : ks) {
        int[] naf = Naf.of(k, width);
        BigInteger back = BigInteger.ZERO;
        for (int i = naf.length - 1; i >= 0; i--)
          back = back.shiftLeft(1).add(BigInteger.valueOf(naf[i]));
        assertThat(back).isEqualTo(k);
        assertThat(naf[naf.length - 1]).isPositive();
        for (int i = 0; i < naf.length; i++) {
          if (naf[i] == 0) continue;
          assertThat(Math.abs(naf[i])).isOdd().isLessThan(1 << (width - 1));
          for (int j = i + 1; j < Math.min(naf.length, i + width); j++) assertThat(naf[j]).isZero();
        }
      }
    }
    assertThat(Naf.of(BigInteger.ZERO, 4)).isEmpty();
  }
}
