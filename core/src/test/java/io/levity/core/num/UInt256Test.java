package io.levity.core.num;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UInt256Test {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  @Provide
  Arbitrary<BigInteger> u256() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, MOD.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            MOD.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(64),
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128)));
  }

  @Property
  void arithmeticMatchesBigIntegerModulo(
      @ForAll("u256") BigInteger a, @ForAll("u256") BigInteger b) {
    UInt256 x = UInt256.valueOf(a);
    UInt256 y = UInt256.valueOf(b);
    assertThat(x.add(y).toBigInteger()).isEqualTo(a.add(b).mod(MOD));
    assertThat(x.subtract(y).toBigInteger()).isEqualTo(a.subtract(b).mod(MOD));
    assertThat(x.multiply(y).toBigInteger()).isEqualTo(a.multiply(b).mod(MOD));
    UInt256 exact = x.multiplyExact(y);
    BigInteger product = a.multiply(b);
    assertThat(exact == null ? null : exact.toBigInteger())
        .isEqualTo(product.bitLength() > 256 ? null : product);
    assertThat(x.divide(y).toBigInteger())
        .isEqualTo(b.signum() == 0 ? BigInteger.ZERO : a.divide(b));
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(a.compareTo(b));
    assertThat(UInt256.fromBytes(x.toMinimalBytes())).isEqualTo(x);
  }
}
