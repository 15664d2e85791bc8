package io.levity.storage.erasure;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD form of {@link GfKernel}'s loops via the incubating Vector API: c * x = LOW_c[x & 15] ^
 * HIGH_c[x >>> 4], two 16-entry table lookups done as in-register byte shuffles ({@code
 * selectFrom}, a PSHUFB on x86). Loaded only when the {@code jdk.incubator.vector} module is
 * present; see {@link GfKernel#VECTOR}.
 */
final class VectorKernel {
  private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;

  /**
   * Per coefficient, the 16 products c * i (LOW) and c * (i << 4) (HIGH), repeated to fill one
   * vector.
   */
  private static final byte[][] LOW = new byte[256][S.length()];

  private static final byte[][] HIGH = new byte[256][S.length()];

  static {
    for (int c = 0; c < 256; c++) {
      for (int i = 0; i < S.length(); i++) {
        LOW[c][i] = (byte) Gf256.mul(c, i & 15);
        HIGH[c][i] = (byte) Gf256.mul(c, (i & 15) << 4);
      }
    }
  }

  private VectorKernel() {}

  static String species() {
    return S.toString();
  }

  /** out[off, off+len) = c * in[off, off+len). */
  static void mulSet(int c, byte[] in, byte[] out, int off, int len) {
    int done = mul(c, in, out, off, len, false);
    GfKernel.scalarMulSet(c, in, out, off + done, len - done);
  }

  /** out[off, off+len) ^= c * in[off, off+len). */
  static void mulAdd(int c, byte[] in, byte[] out, int off, int len) {
    int done = mul(c, in, out, off, len, true);
    GfKernel.scalarMulAdd(c, in, out, off + done, len - done);
  }

  /**
   * The whole vectors of {@link #mulSet} ({@code add} false) or {@link #mulAdd}; returns how many
   * bytes it did, the rest (less than a vector) is the scalar kernel's. The branch on {@code add}
   * is loop-invariant, so the JIT compiles one loop per case.
   */
  private static int mul(int c, byte[] in, byte[] out, int off, int len, boolean add) {
    ByteVector lo = ByteVector.fromArray(S, LOW[c], 0);
    ByteVector hi = ByteVector.fromArray(S, HIGH[c], 0);
    int bound = S.loopBound(len);
    for (int i = off; i < off + bound; i += S.length()) {
      ByteVector p = product(ByteVector.fromArray(S, in, i), lo, hi);
      if (add) p = p.lanewise(VectorOperators.XOR, ByteVector.fromArray(S, out, i));
      p.intoArray(out, i);
    }
    return bound;
  }

  /**
   * outputs[r] = sum_j rows[r][j] * inputs[j] over [off, off+len) in a single pass: each input
   * vector is loaded and split into nibbles once and feeds up to three output accumulators held in
   * registers, so memory traffic is k loads and at most 3 stores per vector instead of 3 per
   * product.
   */
  static void combine(int[][] rows, byte[][] inputs, byte[][] outputs, int off, int len) {
    int r = 0;
    for (; r + 3 <= rows.length; r += 3) {
      combine3(
          rows[r],
          rows[r + 1],
          rows[r + 2],
          inputs,
          outputs[r],
          outputs[r + 1],
          outputs[r + 2],
          off,
          len);
    }
    for (; r < rows.length; r++) {
      int[] row = rows[r];
      mulSet(row[0], inputs[0], outputs[r], off, len);
      for (int j = 1; j < inputs.length; j++) mulAdd(row[j], inputs[j], outputs[r], off, len);
    }
  }

  private static void combine3(
      int[] r0,
      int[] r1,
      int[] r2,
      byte[][] in,
      byte[] o0,
      byte[] o1,
      byte[] o2,
      int off,
      int len) {
    int k = in.length;
    int i = off;
    for (int bound = off + S.loopBound(len); i < bound; i += S.length()) {
      ByteVector a0 = ByteVector.zero(S);
      ByteVector a1 = ByteVector.zero(S);
      ByteVector a2 = ByteVector.zero(S);
      for (int j = 0; j < k; j++) {
        ByteVector x = ByteVector.fromArray(S, in[j], i);
        ByteVector l = x.and((byte) 0x0f);
        ByteVector h = x.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f);
        a0 = a0.lanewise(VectorOperators.XOR, lookup(l, h, r0[j]));
        a1 = a1.lanewise(VectorOperators.XOR, lookup(l, h, r1[j]));
        a2 = a2.lanewise(VectorOperators.XOR, lookup(l, h, r2[j]));
      }
      a0.intoArray(o0, i);
      a1.intoArray(o1, i);
      a2.intoArray(o2, i);
    }
    int tail = off + len - i;
    if (tail > 0) {
      int[][] rows = {r0, r1, r2};
      byte[][] outs = {o0, o1, o2};
      for (int r = 0; r < 3; r++) {
        GfKernel.scalarMulSet(rows[r][0], in[0], outs[r], i, tail);
        for (int j = 1; j < k; j++) GfKernel.scalarMulAdd(rows[r][j], in[j], outs[r], i, tail);
      }
    }
  }

  private static ByteVector lookup(ByteVector l, ByteVector h, int c) {
    return l.selectFrom(ByteVector.fromArray(S, LOW[c], 0))
        .lanewise(VectorOperators.XOR, h.selectFrom(ByteVector.fromArray(S, HIGH[c], 0)));
  }

  private static ByteVector product(ByteVector x, ByteVector lo, ByteVector hi) {
    ByteVector l = x.and((byte) 0x0f);
    ByteVector h = x.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f);
    return l.selectFrom(lo).lanewise(VectorOperators.XOR, h.selectFrom(hi));
  }
}
