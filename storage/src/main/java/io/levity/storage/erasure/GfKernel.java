package io.levity.storage.erasure;

import java.util.Arrays;

/**
 * The hot loops: out = c * in and out ^= c * in over a slice. The coefficients 0 and 1 are
 * special-cased once per slice; otherwise the SIMD kernel ({@link VectorKernel}) runs when the
 * {@code jdk.incubator.vector} module is present (run with {@code --add-modules
 * jdk.incubator.vector}), else a scalar loop doing one product-table lookup per byte with no
 * branches. {@code -Dlevity.storage.scalar=true} forces the scalar loop.
 */
final class GfKernel {
  /** True when the SIMD kernel is in use. */
  static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("levity.storage.scalar");

  private GfKernel() {}

  static void mulSet(int c, byte[] in, byte[] out, int off, int len) {
    if (c == 0) {
      Arrays.fill(out, off, off + len, (byte) 0);
    } else if (c == 1) {
      System.arraycopy(in, off, out, off, len);
    } else if (VECTOR) {
      VectorKernel.mulSet(c, in, out, off, len);
    } else {
      scalarMulSet(c, in, out, off, len);
    }
  }

  static void mulAdd(int c, byte[] in, byte[] out, int off, int len) {
    if (c == 0) return;
    if (c == 1) {
      for (int i = off, end = off + len; i < end; i++) out[i] ^= in[i];
    } else if (VECTOR) {
      VectorKernel.mulAdd(c, in, out, off, len);
    } else {
      scalarMulAdd(c, in, out, off, len);
    }
  }

  static void scalarMulSet(int c, byte[] in, byte[] out, int off, int len) {
    byte[] t = Gf256.MUL;
    int base = (c & 0xff) << 8;
    for (int i = off, end = off + len; i < end; i++) out[i] = t[base | (in[i] & 0xff)];
  }

  static void scalarMulAdd(int c, byte[] in, byte[] out, int off, int len) {
    byte[] t = Gf256.MUL;
    int base = (c & 0xff) << 8;
    for (int i = off, end = off + len; i < end; i++) out[i] ^= t[base | (in[i] & 0xff)];
  }
}
