package io.levity.evm;

import io.levity.evm.fork.GasSchedule;
import java.util.Arrays;

/**
 * A frame's byte-addressed memory: a growable array whose active size is a multiple of 32. Bytes
 * past the active size are always zero, so growing only moves the size.
 */
final class Memory {
  /**
   * Largest memory end we will allocate. Reaching it would cost about 10^13 gas, beyond any block;
   * requests past it are treated as out of gas.
   */
  static final long MAX_END = 0x7fff_0000L;

  private byte[] data;
  private long size;

  Memory() {
    data = new byte[0];
  }

  long size() {
    return size;
  }

  /** Gas to grow the active size to cover {@code end} (0 when it already does); -1 if unpayable. */
  long expansionCost(long end, GasSchedule gas) {
    if (end <= size) return 0;
    if (end < 0 || end > MAX_END) return -1;
    long newWords = (end + 31) >>> 5;
    return gas.memoryCost(newWords) - gas.memoryCost(size >>> 5);
  }

  /** Grows the active size to cover {@code end} (which expansionCost has accepted). */
  void expand(long end) {
    if (end <= size) return;
    long newSize = (end + 31) & ~31L;
    if (newSize > data.length) {
      long cap = Math.max(newSize, Math.min(MAX_END + 32, (long) data.length * 2));
      data = Arrays.copyOf(data, (int) cap);
    }
    size = newSize;
  }

  byte[] data() {
    return data;
  }

  /**
   * Copies {@code len} bytes of {@code src} starting at {@code srcOff} to memory at {@code dst},
   * padding with zeros past the end of the source. {@code srcOff} may be far past the source's end.
   */
  void copyPadded(long dst, byte[] src, long srcOff, long len) {
    int d = (int) dst;
    int n = (int) len;
    int avail = srcOff >= src.length ? 0 : (int) Math.min(n, src.length - srcOff);
    if (avail > 0) System.arraycopy(src, (int) srcOff, data, d, avail);
    if (avail < n) Arrays.fill(data, d + avail, d + n, (byte) 0);
  }

  byte[] slice(long off, long len) {
    if (len == 0) return EMPTY;
    return Arrays.copyOfRange(data, (int) off, (int) (off + len));
  }

  static final byte[] EMPTY = new byte[0];
}
