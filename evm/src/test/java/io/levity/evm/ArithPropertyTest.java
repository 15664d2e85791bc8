package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.function.BinaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Every arithmetic opcode against a BigInteger reference, on edge-heavy 256-bit inputs. */
class ArithPropertyTest {
  static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
  static final BigInteger MASK = MOD.subtract(BigInteger.ONE);
  static final BigInteger SIGN = BigInteger.ONE.shiftLeft(255);

  @Provide
  Arbitrary<BigInteger> words() {
    Arbitrary<BigInteger> edges =
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            BigInteger.valueOf(31),
            BigInteger.valueOf(32),
            BigInteger.valueOf(255),
            BigInteger.valueOf(256),
            SIGN,
            SIGN.subtract(BigInteger.ONE),
            SIGN.add(BigInteger.ONE),
            MASK,
            MASK.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(64),
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128),
            BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(32),
            BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE));
    Arbitrary<BigInteger> small = Arbitraries.longs().between(0, 1000).map(BigInteger::valueOf);
    Arbitrary<BigInteger> anyWidth =
        Arbitraries.integers()
            .between(1, 256)
            .flatMap(
                bits ->
                    Arbitraries.bigIntegers()
                        .between(
                            BigInteger.ZERO,
                            BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    // Limb patterns that stress carries: each 64-bit limb all ones, zero, or random.
    Arbitrary<BigInteger> limbs =
        Arbitraries.longs()
            .array(long[].class)
            .ofSize(4)
            .map(
                ls -> {
                  BigInteger v = BigInteger.ZERO;
                  for (long l : ls) {
                    long limb = (l & 3) == 0 ? -1L : (l & 3) == 1 ? 0 : l;
                    v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(limb)));
                  }
                  return v;
                });
    // Negative numbers near zero (two's complement).
    Arbitrary<BigInteger> negative =
        Arbitraries.longs().between(1, 1L << 40).map(x -> MOD.subtract(BigInteger.valueOf(x)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, edges),
        Tuple.of(2, small),
        Tuple.of(5, anyWidth),
        Tuple.of(3, limbs),
        Tuple.of(2, negative));
  }

  static long[] stack(BigInteger... topFirst) {
    long[] s = new long[4 * topFirst.length];
    for (int i = 0; i < topFirst.length; i++) {
      int o = 4 * (topFirst.length - 1 - i);
      Words.set(s, o, UInt256.valueOf(topFirst[i]));
    }
    return s;
  }

  static BigInteger at(long[] s, int o) {
    return Words.toUInt256(s, o).toBigInteger();
  }

  static BigInteger signed(BigInteger v) {
    return v.testBit(255) ? v.subtract(MOD) : v;
  }

  static BigInteger unsigned(BigInteger v) {
    return v.mod(MOD);
  }

  private final Division.Scratch sc = new Division.Scratch();

  /** Runs a binary op laid out as (a at top, b below) and returns the result word. */
  private BigInteger binary(String op, BigInteger a, BigInteger b) {
    long[] s = stack(a, b);
    int t = 4;
    switch (op) {
      case "ADD" -> Arith.add(s, t, 0);
      case "SUB" -> Arith.sub(s, t, 0);
      case "MUL" -> Arith.mul(s, t, s, 0, s, 0);
      case "DIV" -> Division.div(sc, s, t, 0);
      case "SDIV" -> Division.sdiv(sc, s, t, 0);
      case "MOD" -> Division.mod(sc, s, t, 0);
      case "SMOD" -> Division.smod(sc, s, t, 0);
      case "EXP" -> Arith.exp(sc, s, t, 0);
      case "SIGNEXTEND" -> Arith.signExtend(s, t, 0);
      case "BYTE" -> Arith.byteOp(s, t, 0);
      case "SHL" -> Arith.shl(s, t, 0);
      case "SHR" -> Arith.shr(s, t, 0, false);
      case "SAR" -> Arith.shr(s, t, 0, true);
      default -> throw new IllegalArgumentException(op);
    }
    return at(s, 0);
  }

  private void check(String op, BigInteger a, BigInteger b, BinaryOperator<BigInteger> ref) {
    assertThat(binary(op, a, b))
        .as("%s(%s, %s)", op, a.toString(16), b.toString(16))
        .isEqualTo(ref.apply(a, b));
  }

  @Property(tries = 2000)
  void add(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    check("ADD", a, b, (x, y) -> x.add(y).mod(MOD));
  }

  @Property(tries = 2000)
  void sub(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    check("SUB", a, b, (x, y) -> x.subtract(y).mod(MOD));
  }

  @Property(tries = 2000)
  void mul(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    check("MUL", a, b, (x, y) -> x.multiply(y).mod(MOD));
  }

  @Property(tries = 3000)
  void div(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    check("DIV", a, b, (x, y) -> y.signum() == 0 ? BigInteger.ZERO : x.divide(y));
  }

  @Property(tries = 3000)
  void mod(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    check("MOD", a, b, (x, y) -> y.signum() == 0 ? BigInteger.ZERO : x.mod(y));
  }

  @Property(tries = 3000)
  void sdiv(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    // BigInteger.divide truncates toward zero, as SDIV does; -2^255 / -1 wraps to -2^255.
    check(
        "SDIV",
        a,
        b,
        (x, y) -> y.signum() == 0 ? BigInteger.ZERO : unsigned(signed(x).divide(signed(y))));
  }

  @Property(tries = 3000)
  void smod(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    // The result takes the sign of the dividend: BigInteger.remainder.
    check(
        "SMOD",
        a,
        b,
        (x, y) -> y.signum() == 0 ? BigInteger.ZERO : unsigned(signed(x).remainder(signed(y))));
  }

  /** ADDMOD and MULMOD, (a + b) mod n and (a * b) mod n over the unbounded result; 0 for n = 0. */
  @Property(tries = 3000)
  void addmodAndMulmod(
      @ForAll("words") BigInteger a, @ForAll("words") BigInteger b, @ForAll("words") BigInteger n) {
    long[] s = stack(a, b, n);
    Division.addmod(sc, s, 8, 4, 0);
    long[] p = stack(a, b, n);
    Division.mulmod(sc, p, 8, 4, 0);
    boolean zero = n.signum() == 0;
    String args = a.toString(16) + ", " + b.toString(16) + ", " + n.toString(16);
    assertThat(at(s, 0)).as("ADDMOD(%s)", args).isEqualTo(zero ? BigInteger.ZERO : a.add(b).mod(n));
    assertThat(at(p, 0))
        .as("MULMOD(%s)", args)
        .isEqualTo(zero ? BigInteger.ZERO : a.multiply(b).mod(n));
  }

  @Property(tries = 1500)
  void exp(@ForAll("words") BigInteger base, @ForAll("words") BigInteger e) {
    check("EXP", base, e, (x, y) -> x.modPow(y, MOD));
  }

  @Property(tries = 1000)
  void expByteLength(@ForAll("words") BigInteger e) {
    long[] s = stack(e);
    assertThat(Arith.byteLength(s, 0)).isEqualTo((e.bitLength() + 7) / 8);
  }

  @Property(tries = 2000)
  void signExtend(@ForAll("words") BigInteger b, @ForAll("words") BigInteger x) {
    check(
        "SIGNEXTEND",
        b,
        x,
        (k, v) -> {
          if (k.compareTo(BigInteger.valueOf(31)) >= 0) return v;
          int bits = 8 * k.intValue() + 8;
          BigInteger low = v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
          return low.testBit(bits - 1)
              ? unsigned(low.subtract(BigInteger.ONE.shiftLeft(bits)))
              : low;
        });
  }

  @Property(tries = 2000)
  void byteOp(@ForAll("words") BigInteger i, @ForAll("words") BigInteger x) {
    check(
        "BYTE",
        i,
        x,
        (k, v) ->
            k.compareTo(BigInteger.valueOf(32)) >= 0
                ? BigInteger.ZERO
                : v.shiftRight(8 * (31 - k.intValue())).and(BigInteger.valueOf(0xff)));
  }

  @Property(tries = 2000)
  void shifts(@ForAll("words") BigInteger shift, @ForAll("words") BigInteger v) {
    boolean big = shift.compareTo(BigInteger.valueOf(256)) >= 0;
    int n = big ? 256 : shift.intValue();
    check("SHL", shift, v, (k, x) -> big ? BigInteger.ZERO : x.shiftLeft(n).and(MASK));
    check("SHR", shift, v, (k, x) -> big ? BigInteger.ZERO : x.shiftRight(n));
    check("SAR", shift, v, (k, x) -> unsigned(signed(x).shiftRight(n)));
  }

  @Property(tries = 2000)
  void comparisons(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    long[] s = stack(a, b);
    assertThat(Arith.compareUnsigned(s, 4, s, 0)).isEqualTo(Integer.signum(a.compareTo(b)));
    assertThat(Integer.signum(Arith.compareSigned(s, 4, 0)))
        .isEqualTo(signed(a).compareTo(signed(b)));
    assertThat(Arith.eq(s, 4, 0)).isEqualTo(a.equals(b));
  }

  // Through the interpreter: operand order, dispatch and gas, for each arithmetic opcode.

  @Provide
  Arbitrary<String> binaryOps() {
    return Arbitraries.of(
        "ADD",
        "SUB",
        "MUL",
        "DIV",
        "SDIV",
        "MOD",
        "SMOD",
        "EXP",
        "SIGNEXTEND",
        "BYTE",
        "SHL",
        "SHR",
        "SAR",
        "LT",
        "GT",
        "SLT",
        "SGT",
        "EQ",
        "AND",
        "OR",
        "XOR");
  }

  static BigInteger reference(String op, BigInteger a, BigInteger b) {
    return switch (op) {
      case "ADD" -> a.add(b).mod(MOD);
      case "SUB" -> a.subtract(b).mod(MOD);
      case "MUL" -> a.multiply(b).mod(MOD);
      case "DIV" -> b.signum() == 0 ? BigInteger.ZERO : a.divide(b);
      case "SDIV" -> b.signum() == 0 ? BigInteger.ZERO : unsigned(signed(a).divide(signed(b)));
      case "MOD" -> b.signum() == 0 ? BigInteger.ZERO : a.mod(b);
      case "SMOD" -> b.signum() == 0 ? BigInteger.ZERO : unsigned(signed(a).remainder(signed(b)));
      case "EXP" -> a.modPow(b, MOD);
      case "SIGNEXTEND" -> {
        if (a.compareTo(BigInteger.valueOf(31)) >= 0) yield b;
        int bits = 8 * a.intValue() + 8;
        BigInteger low = b.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        yield low.testBit(bits - 1) ? unsigned(low.subtract(BigInteger.ONE.shiftLeft(bits))) : low;
      }
      case "BYTE" ->
          a.compareTo(BigInteger.valueOf(32)) >= 0
              ? BigInteger.ZERO
              : b.shiftRight(8 * (31 - a.intValue())).and(BigInteger.valueOf(0xff));
      case "SHL" ->
          a.compareTo(BigInteger.valueOf(256)) >= 0
              ? BigInteger.ZERO
              : b.shiftLeft(a.intValue()).and(MASK);
      case "SHR" ->
          a.compareTo(BigInteger.valueOf(256)) >= 0 ? BigInteger.ZERO : b.shiftRight(a.intValue());
      case "SAR" -> unsigned(signed(b).shiftRight(a.min(BigInteger.valueOf(256)).intValue()));
      case "LT" -> a.compareTo(b) < 0 ? BigInteger.ONE : BigInteger.ZERO;
      case "GT" -> a.compareTo(b) > 0 ? BigInteger.ONE : BigInteger.ZERO;
      case "SLT" -> signed(a).compareTo(signed(b)) < 0 ? BigInteger.ONE : BigInteger.ZERO;
      case "SGT" -> signed(a).compareTo(signed(b)) > 0 ? BigInteger.ONE : BigInteger.ZERO;
      case "EQ" -> a.equals(b) ? BigInteger.ONE : BigInteger.ZERO;
      case "AND" -> a.and(b);
      case "OR" -> a.or(b);
      case "XOR" -> a.xor(b);
      default -> throw new IllegalArgumentException(op);
    };
  }

  @Property(tries = 600)
  void opcodesThroughInterpreter(
      @ForAll("binaryOps") String op,
      @ForAll("words") BigInteger a,
      @ForAll("words") BigInteger b) {
    TestChain chain = new TestChain();
    // PUSH b, PUSH a, OP: a is the top of the stack, the first operand.
    Bytes code = new Asm().push(b, a).op(op).returnTop().build();
    ExecutionResult r = chain.run(code, 1_000_000);
    assertThat(r.isSuccess()).isTrue();
    assertThat(TestChain.word(r.output()).toBigInteger())
        .as("%s(%s, %s)", op, a.toString(16), b.toString(16))
        .isEqualTo(reference(op, a, b));
  }

  @Provide
  Arbitrary<String> ternaryOps() {
    return Arbitraries.of("ADDMOD", "MULMOD");
  }

  @Property(tries = 300)
  void modularOpcodesThroughInterpreter(
      @ForAll("ternaryOps") String op,
      @ForAll("words") BigInteger a,
      @ForAll("words") BigInteger b,
      @ForAll("words") BigInteger n) {
    TestChain chain = new TestChain();
    Bytes code = new Asm().push(n, b, a).op(op).returnTop().build();
    ExecutionResult r = chain.run(code, 1_000_000);
    BigInteger want =
        n.signum() == 0 ? BigInteger.ZERO : (op.equals("ADDMOD") ? a.add(b) : a.multiply(b)).mod(n);
    assertThat(TestChain.word(r.output()).toBigInteger()).isEqualTo(want);
  }

  @Property(tries = 200)
  void notAndIsZero(@ForAll("words") BigInteger a) {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.run(new Asm().push(a).op("NOT").returnTop().build(), 100_000);
    assertThat(TestChain.word(r.output()).toBigInteger()).isEqualTo(a.xor(MASK));
    chain = new TestChain();
    r = chain.run(new Asm().push(a).op("ISZERO").returnTop().build(), 100_000);
    assertThat(TestChain.word(r.output()).toBigInteger())
        .isEqualTo(a.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO);
  }
}
