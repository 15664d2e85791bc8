package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Which validators (by index) contributed to a certificate. Bit i is byte i/8, most significant bit
 * first; bits at or past {@code size} must be zero so that every set has exactly one encoding.
 */
public record SignerBitmap(int size, Bytes bits) {
  public SignerBitmap {
    if (size < 0) throw new IllegalArgumentException("negative bitmap size " + size);
    if (bits.size() != (size + 7) / 8) {
      throw new IllegalArgumentException(
          "bitmap of " + size + " bits needs " + (size + 7) / 8 + " bytes, got " + bits.size());
    }
    int spare = bits.size() * 8 - size;
    if (spare > 0 && (bits.getUnsigned(bits.size() - 1) & ((1 << spare) - 1)) != 0) {
      throw new IllegalArgumentException("bitmap has bits set past its size " + size);
    }
  }

  public static SignerBitmap empty(int size) {
    return new SignerBitmap(size, Bytes.wrap(new byte[(size + 7) / 8]));
  }

  public static SignerBitmap of(int size, BitSet set) {
    byte[] b = new byte[(size + 7) / 8];
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
      if (i >= size)
        throw new IllegalArgumentException("index " + i + " outside bitmap of size " + size);
      b[i >> 3] |= (byte) (0x80 >>> (i & 7));
    }
    return new SignerBitmap(size, Bytes.wrap(b));
  }

  public boolean contains(int i) {
    return i >= 0 && i < size && (bits.getUnsigned(i >> 3) & (0x80 >>> (i & 7))) != 0;
  }

  public int count() {
    int c = 0;
    for (byte x : bits.unsafeArray()) c += Integer.bitCount(x & 0xff);
    return c;
  }

  /** The set indices in increasing order. */
  public int[] indices() {
    int[] out = new int[count()];
    int k = 0;
    for (int i = 0; i < size; i++) if (contains(i)) out[k++] = i;
    return out;
  }

  @Override
  public String toString() {
    return Arrays.toString(indices());
  }
}
