package io.levity.core.crypto.bn254;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FieldTest {
  private static final BigInteger P = Fp.MODULUS;
  private final Bn254TestSupport rnd = new Bn254TestSupport(1);

  @Test
  void fpArithmeticAgreesWithBigInteger() {
    BigInteger[] edges = {
      BigInteger.ZERO,
      BigInteger.ONE,
      BigInteger.TWO,
      P.subtract(BigInteger.ONE),
      P.subtract(BigInteger.TWO),
      P.shiftRight(1),
      BigInteger.ONE.shiftLeft(253),
      BigInteger.ONE.shiftLeft(192)
    };
    for (int i = 0; i < 2000; i++) {
      BigInteger a = i < edges.length * edges.length ? edges[i % edges.length] : rnd.bigBelow(P);
      BigInteger b = i < edges.length * edges.length ? edges[i / edges.length] : rnd.bigBelow(P);
      Fp fa = Fp.of(a);
      Fp fb = Fp.of(b);
      assertThat(fa.toBigInteger()).isEqualTo(a);
      assertThat(fa.add(fb).toBigInteger()).isEqualTo(a.add(b).mod(P));
      assertThat(fa.sub(fb).toBigInteger()).isEqualTo(a.subtract(b).mod(P));
      assertThat(fa.mul(fb).toBigInteger()).isEqualTo(a.multiply(b).mod(P));
      assertThat(fa.neg().toBigInteger()).isEqualTo(a.negate().mod(P));
      assertThat(fa.square().toBigInteger()).isEqualTo(a.multiply(a).mod(P));
      if (a.signum() != 0) assertThat(fa.inverse().mul(fa)).isEqualTo(Fp.ONE);
    }
  }

  @Test
  void fpDecodingRejectsValuesNotBelowTheModulus() {
    assertThat(Fp.fromBytes(word(P.subtract(BigInteger.ONE)), 0).toBigInteger())
        .isEqualTo(P.subtract(BigInteger.ONE));
    assertThat(Fp.fromBytes(word(P), 0)).isNull();
    assertThat(Fp.fromBytes(word(P.add(BigInteger.ONE)), 0)).isNull();
    assertThat(Fp.fromBytes(word(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)), 0))
        .isNull();
    byte[] out = new byte[32];
    Fp.of(12345).toBytes(out, 0);
    assertThat(new BigInteger(1, out)).isEqualTo(BigInteger.valueOf(12345));
  }

  @Test
  void fp2Laws() {
    for (int i = 0; i < 200; i++) {
      Fp2 a = rnd.fp2();
      Fp2 b = rnd.fp2();
      assertThat(a.square()).isEqualTo(a.mul(a));
      assertThat(a.mulByXi()).isEqualTo(a.mul(Fp2.XI));
      assertThat(a.mul(a.inverse())).isEqualTo(Fp2.ONE);
      // i² = -1
      Fp2 product = a.mul(b);
      BigInteger a0 = a.c0().toBigInteger();
      BigInteger a1 = a.c1().toBigInteger();
      BigInteger b0 = b.c0().toBigInteger();
      BigInteger b1 = b.c1().toBigInteger();
      assertThat(product.c0().toBigInteger())
          .isEqualTo(a0.multiply(b0).subtract(a1.multiply(b1)).mod(P));
      assertThat(product.c1().toBigInteger())
          .isEqualTo(a0.multiply(b1).add(a1.multiply(b0)).mod(P));
      assertThat(a.conjugate()).isEqualTo(a.pow(P)); // the p-power Frobenius on F_p2
    }
  }

  @Test
  void fp6AndFp12Laws() {
    for (int i = 0; i < 30; i++) {
      Fp6 a = rnd.fp6();
      Fp6 b = rnd.fp6();
      Fp6 c = rnd.fp6();
      assertThat(a.square()).isEqualTo(a.mul(a));
      assertThat(a.mul(b)).isEqualTo(b.mul(a));
      assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
      assertThat(a.mul(a.inverse())).isEqualTo(Fp6.ONE);
      assertThat(a.mulByV()).isEqualTo(a.mul(new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO)));
      Fp2 b0 = rnd.fp2();
      Fp2 b1 = rnd.fp2();
      assertThat(a.mulBy01(b0, b1)).isEqualTo(a.mul(new Fp6(b0, b1, Fp2.ZERO)));
      // v³ = ξ
      Fp6 v = new Fp6(Fp2.ZERO, Fp2.ONE, Fp2.ZERO);
      assertThat(v.mul(v).mul(v)).isEqualTo(new Fp6(Fp2.XI, Fp2.ZERO, Fp2.ZERO));

      Fp12 f = rnd.fp12();
      Fp12 g = rnd.fp12();
      assertThat(f.square()).isEqualTo(f.mul(f));
      assertThat(f.mul(g)).isEqualTo(g.mul(f));
      assertThat(f.mul(f.inverse())).isEqualTo(Fp12.ONE);
      Fp2 la = rnd.fp2();
      Fp2 lb = rnd.fp2();
      Fp2 lc = rnd.fp2();
      Fp12 line = new Fp12(new Fp6(la, Fp2.ZERO, Fp2.ZERO), new Fp6(lb, lc, Fp2.ZERO));
      assertThat(f.mulByLine(la, lb, lc)).isEqualTo(f.mul(line));
    }
  }

  @Test
  void frobeniusIsThePthPower() {
    for (int i = 0; i < 3; i++) {
      Fp12 f = rnd.fp12();
      assertThat(f.frobenius(1)).isEqualTo(f.pow(P));
      assertThat(f.frobenius(2)).isEqualTo(f.frobenius(1).frobenius(1));
      assertThat(f.frobenius(3)).isEqualTo(f.frobenius(2).frobenius(1));
      assertThat(f.conjugate()).isEqualTo(f.frobenius(3).frobenius(3));
    }
  }

  @Test
  void cyclotomicSquareMatchesSquareInsideTheSubgroup() {
    for (int i = 0; i < 5; i++) {
      Fp12 f = rnd.fp12();
      Fp12 t = f.conjugate().mul(f.inverse()); // f^(p⁶ - 1)
      t = t.frobenius(2).mul(t); // then ^(p² + 1): now of order dividing p⁴ - p² + 1
      assertThat(t.cyclotomicSquare()).isEqualTo(t.square());
      assertThat(t.conjugate()).isEqualTo(t.inverse());
      assertThat(f.cyclotomicSquare()).isNotEqualTo(f.square()); // only valid inside the subgroup
    }
  }

  static byte[] word(BigInteger v) {
    return Bytes32.fromBigInteger(v).toArray();
  }
}
