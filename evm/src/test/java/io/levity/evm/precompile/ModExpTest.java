package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static io.levity.evm.precompile.PrecompileTestSupport.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModExpTest {
  private static final BigInteger MAX_WORD = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private final ModExp modexp = new ModExp();

  private static byte[] call(long baseLen, long expLen, long modLen, byte[] rest) {
    return concat(word(baseLen), word(expLen), word(modLen), rest);
  }

  private static byte[] call(
      BigInteger baseLen, BigInteger expLen, BigInteger modLen, byte[] rest) {
    return concat(word(baseLen), word(expLen), word(modLen), rest);
  }

  /** EIP-198, first example: 3^(p-1) mod p = 1 for the secp256k1 field prime. */
  @Test
  void eip198FermatExample() {
    byte[] in =
        call(
            1,
            32,
            32,
            hex(
                "03"
                    + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                    + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
    assertThat(hex(modexp.run(in)))
        .isEqualTo("0000000000000000000000000000000000000000000000000000000000000001");
    assertThat(modexp.gas(in)).isEqualTo(1360); // 16 · 255 / 3 under EIP-2565
  }

  /** EIP-198, second example: an empty base reads as zero. */
  @Test
  void eip198ZeroBaseExample() {
    byte[] in =
        call(
            0,
            32,
            32,
            hex(
                "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                    + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
    assertThat(modexp.run(in)).isEqualTo(new byte[32]);
    assertThat(modexp.gas(in)).isEqualTo(1360);
  }

  /**
   * EIP-198, third example: a modulus length near 2^256 must price as "more than any block", not
   * overflow.
   */
  @Test
  void eip198HugeModulusLengthSaturates() {
    byte[] in =
        call(
            BigInteger.ZERO,
            BigInteger.valueOf(32),
            MAX_WORD,
            hex(
                "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffffe"
                    + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                    + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"));
    assertThat(modexp.gas(in)).isEqualTo(Long.MAX_VALUE);
  }

  /** The nagydani-1 vectors (64-byte operands) with their EIP-2565 prices. */
  @Test
  void nagydaniOne() {
    String base =
        "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac2"
            + "7078a06d90ef1c72e5c85fb5";
    String mod =
        "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f"
            + "392a80ce22bf5c4f4a248c6b";
    assertVector(
        call(64, 1, 64, hex(base + "02" + mod)),
        "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9"
            + "b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc",
        200);
    assertVector(
        call(64, 1, 64, hex(base + "03" + mod)),
        "4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801"
            + "f92225a8961c952ddf2797fa4701b330c85c4b363798100b921a1a22a46a7fec",
        200);
    assertVector(
        call(64, 3, 64, hex(base + "010001" + mod)),
        "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b84091"
            + "28a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2",
        341);
  }

  private void assertVector(byte[] input, String output, long gas) {
    assertThat(hex(modexp.run(input))).isEqualTo(output);
    assertThat(modexp.gas(input)).isEqualTo(gas);
  }

  /**
   * EIP-2565's price table for the larger nagydani sizes: gas depends only on lengths and the
   * exponent head.
   */
  @Test
  void eip2565PricesByOperandSize() {
    long[][] sizeAndGas = {
      {128, 200, 1365}, {256, 341, 5461}, {512, 1365, 21845}, {1024, 5461, 87381}
    };
    for (long[] row : sizeAndGas) {
      int n = (int) row[0];
      byte[] operand = new byte[n];
      Arrays.fill(operand, (byte) 0xab);
      assertThat(modexp.gas(call(n, 1, n, concat(operand, new byte[] {2}, operand))))
          .isEqualTo(row[1]);
      assertThat(modexp.gas(call(n, 3, n, concat(operand, hex("010001"), operand))))
          .isEqualTo(row[2]);
    }
  }

  @Test
  void iterationCountUsesOnlyTheExponentBytes() {
    // a one-byte exponent 0x01 followed by a long modulus: the head is 0x01 (iterations 1), not 32
    // bytes that run on into the modulus
    byte[] mod = new byte[256];
    Arrays.fill(mod, (byte) 0xff);
    byte[] in = call(0, 1, 256, concat(hex("01"), mod));
    assertThat(modexp.gas(in)).isEqualTo(32 * 32 / 3);
    // zero exponent: one iteration
    assertThat(modexp.gas(call(0, 1, 256, concat(hex("00"), mod)))).isEqualTo(32 * 32 / 3);
    // exponent longer than 32 bytes: 8 per extra byte plus the head's top bit index
    byte[] exp = new byte[40];
    exp[0] = 0x10; // the head is the first 32 bytes: bit length 31·8 + 5 = 253 → 252
    assertThat(modexp.gas(call(0, 40, 256, concat(exp, mod))))
        .isEqualTo(32 * 32 * (8 * 8 + 252) / 3);
    // and the head sits after the base
    assertThat(modexp.gas(call(2, 40, 256, concat(hex("ffff"), exp, mod))))
        .isEqualTo(32 * 32 * (8 * 8 + 252) / 3);
  }

  @Test
  void hugeLengthsArePricedWithoutAllocation() {
    // zero base and modulus lengths: no multiplication at all, so even a 2^256 exponent length
    // costs the minimum
    byte[] hugeExp = call(BigInteger.ZERO, MAX_WORD, BigInteger.ZERO, new byte[0]);
    assertThat(modexp.gas(hugeExp)).isEqualTo(200);
    assertThat(modexp.run(hugeExp)).isEmpty();
    // a huge base with no modulus is priced huge but, if ever run, returns empty
    byte[] hugeBase = call(MAX_WORD, BigInteger.ZERO, BigInteger.ZERO, new byte[0]);
    assertThat(modexp.gas(hugeBase)).isEqualTo(Long.MAX_VALUE);
    assertThat(modexp.run(hugeBase)).isEmpty();
    // huge exponent length with a real modulus saturates
    byte[] hugeExpWithMod =
        call(BigInteger.ONE, BigInteger.ONE.shiftLeft(64), BigInteger.ONE, new byte[0]);
    assertThat(modexp.gas(hugeExpWithMod)).isEqualTo(Long.MAX_VALUE);
    assertThat(modexp.run(hugeExpWithMod)).isNull();
    assertThat(modexp.gas(call(MAX_WORD, MAX_WORD, MAX_WORD, new byte[0])))
        .isEqualTo(Long.MAX_VALUE);
    // just above 64 bits of gas
    BigInteger len =
        BigInteger.ONE.shiftLeft(34); // words = 2^31, complexity 2^62, iterations 1 → 2^62/3
    assertThat(modexp.gas(call(len, BigInteger.ZERO, BigInteger.ZERO, new byte[0])))
        .isEqualTo((1L << 62) / 3);
    assertThat(modexp.gas(call(len.shiftLeft(2), BigInteger.ZERO, BigInteger.ZERO, new byte[0])))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(modexp.gas(new byte[0])).isEqualTo(200);
    assertThat(modexp.run(new byte[0])).isEmpty();
  }

  @Test
  void edgeResults() {
    // modulus zero: zeros of the modulus length
    assertThat(modexp.run(call(1, 1, 4, hex("05" + "03" + "00000000")))).isEqualTo(new byte[4]);
    // modulus one: zero
    assertThat(modexp.run(call(1, 1, 2, hex("05" + "03" + "0001")))).isEqualTo(new byte[2]);
    // exponent zero: one (left-padded to the modulus length)
    assertThat(hex(modexp.run(call(1, 0, 3, hex("05" + "000007"))))).isEqualTo("000001");
    // 0^0 = 1 by convention
    assertThat(hex(modexp.run(call(0, 0, 1, hex("07"))))).isEqualTo("01");
    // operands past the end of the input read as zeros: base 2, exponent 0x03 then missing byte →
    // 0x0300
    assertThat(hex(modexp.run(call(1, 2, 2, hex("02" + "03")))))
        .isEqualTo("0000"); // modulus is all zeros
    byte[] in = call(1, 1, 2, hex("02" + "05" + "01"));
    assertThat(hex(modexp.run(in))).isEqualTo("0020"); // 2^5 mod 0x0100
  }

  @Test
  void agreesWithBigIntegerOnRandomOperands() {
    Random rnd = new Random(5);
    for (int i = 0; i < 200; i++) {
      int bl = rnd.nextInt(70);
      int el = rnd.nextInt(40);
      int ml = 1 + rnd.nextInt(70);
      byte[] b = new byte[bl];
      byte[] e = new byte[el];
      byte[] m = new byte[ml];
      rnd.nextBytes(b);
      rnd.nextBytes(e);
      rnd.nextBytes(m);
      byte[] out = modexp.run(call(bl, el, ml, concat(b, e, m)));
      assertThat(out).hasSize(ml);
      BigInteger mod = new BigInteger(1, m);
      BigInteger expected =
          mod.signum() == 0
              ? BigInteger.ZERO
              : new BigInteger(1, b).modPow(new BigInteger(1, e), mod);
      assertThat(new BigInteger(1, out)).isEqualTo(expected);
    }
  }
}
