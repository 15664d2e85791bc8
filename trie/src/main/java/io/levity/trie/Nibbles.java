package io.levity.trie;

import java.util.Arrays;

/** Nibble paths and their hex-prefix (compact) encoding, Ethereum Yellow Paper appendix C. */
final class Nibbles {
  static final byte[] EMPTY = new byte[0];

  private Nibbles() {}

  static byte[] fromBytes(byte[] key) {
    byte[] n = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      n[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      n[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return n;
  }

  /** Nibble i of a byte key, without building the nibble array. */
  static int at(byte[] key, int i) {
    int b = key[i >> 1];
    return (i & 1) == 0 ? (b >> 4) & 0xf : b & 0xf;
  }

  static byte[] toBytes(byte[] nibbles) {
    if ((nibbles.length & 1) != 0) {
      throw new IllegalStateException(
          "a key path has an odd number of nibbles (" + nibbles.length + ")");
    }
    byte[] out = new byte[nibbles.length / 2];
    for (int i = 0; i < out.length; i++) out[i] = (byte) (nibbles[2 * i] << 4 | nibbles[2 * i + 1]);
    return out;
  }

  /** Length of the common prefix of a[0..] and b[bFrom..]. */
  static int commonPrefix(byte[] a, byte[] b, int bFrom) {
    int max = Math.min(a.length, b.length - bFrom);
    int i = 0;
    while (i < max && a[i] == b[bFrom + i]) i++;
    return i;
  }

  /** True when b[bFrom..] starts with all of a. */
  static boolean startsWith(byte[] b, int bFrom, byte[] a) {
    return b.length - bFrom >= a.length
        && Arrays.equals(a, 0, a.length, b, bFrom, bFrom + a.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] append(byte[] a, int nibble) {
    byte[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = (byte) nibble;
    return out;
  }

  static byte[] prepend(int nibble, byte[] a) {
    byte[] out = new byte[a.length + 1];
    out[0] = (byte) nibble;
    System.arraycopy(a, 0, out, 1, a.length);
    return out;
  }

  /**
   * Hex-prefix encoding: flag nibble (2 = leaf, +1 = odd length), padding nibble if even, then the
   * path.
   */
  static byte[] compact(byte[] path, boolean leaf) {
    byte[] out = new byte[compactLength(path)];
    writeCompact(path, leaf, out, 0);
    return out;
  }

  static int compactLength(byte[] path) {
    return path.length / 2 + 1;
  }

  /** Writes the hex-prefix encoding of path at out[pos..]; returns the position after it. */
  static int writeCompact(byte[] path, boolean leaf, byte[] out, int pos) {
    boolean odd = (path.length & 1) != 0;
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int i = 0;
    if (odd) {
      out[pos] = (byte) (flag << 4 | path[0]);
      i = 1;
    } else {
      out[pos] = (byte) (flag << 4);
    }
    int end = pos + compactLength(path);
    for (int o = pos + 1; o < end; o++, i += 2) out[o] = (byte) (path[i] << 4 | path[i + 1]);
    return end;
  }

  /** The leaf flag of a hex-prefix encoded path; rejects unknown flags and non-zero padding. */
  static boolean compactIsLeaf(byte[] c) {
    checkCompact(c);
    return (c[0] & 0x20) != 0;
  }

  static byte[] fromCompact(byte[] c) {
    checkCompact(c);
    boolean odd = (c[0] & 0x10) != 0;
    byte[] out = new byte[(c.length - 1) * 2 + (odd ? 1 : 0)];
    int o = 0;
    if (odd) out[o++] = (byte) (c[0] & 0xf);
    for (int i = 1; i < c.length; i++) {
      out[o++] = (byte) ((c[i] >> 4) & 0xf);
      out[o++] = (byte) (c[i] & 0xf);
    }
    return out;
  }

  private static void checkCompact(byte[] c) {
    if (c.length == 0) throw new TrieException("empty hex-prefix path");
    int flag = (c[0] >> 4) & 0xf;
    if (flag > 3) throw new TrieException("unknown hex-prefix flag " + flag);
    if ((flag & 1) == 0 && (c[0] & 0xf) != 0)
      throw new TrieException("non-zero padding nibble in hex-prefix path");
  }

  /** Lexicographic comparison of a[..] with b[bFrom..]; a proper prefix sorts first. */
  static int compare(byte[] a, byte[] b, int bFrom) {
    return Arrays.compare(a, 0, a.length, b, Math.min(bFrom, b.length), b.length);
  }
}
