package io.levity.core.bytes;

import java.util.Arrays;

/**
 * An immutable sequence of bytes. The backing array is never exposed without a copy, except through
 * {@link #unsafeArray()} for hot paths that promise not to write to it.
 */
public class Bytes implements Comparable<Bytes> {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  protected final byte[] bytes;
  private int hash;

  protected Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of the array. */
  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** Wraps the array without copying; the caller must not modify it afterwards. */
  public static Bytes wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes);
  }

  public static Bytes wrap(byte[] bytes, int off, int len) {
    return wrap(Arrays.copyOfRange(bytes, off, off + len));
  }

  public static Bytes fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public static Bytes concat(Bytes... parts) {
    int len = 0;
    for (Bytes p : parts) len += p.size();
    byte[] out = new byte[len];
    int pos = 0;
    for (Bytes p : parts) {
      System.arraycopy(p.bytes, 0, out, pos, p.size());
      pos += p.size();
    }
    return wrap(out);
  }

  public final int size() {
    return bytes.length;
  }

  public final boolean isEmpty() {
    return bytes.length == 0;
  }

  public final byte get(int i) {
    return bytes[i];
  }

  /** Unsigned value of byte i. */
  public final int getUnsigned(int i) {
    return bytes[i] & 0xff;
  }

  public final byte[] toArray() {
    return bytes.clone();
  }

  /** The backing array, for read-only use on hot paths. Never write to it. */
  public final byte[] unsafeArray() {
    return bytes;
  }

  public final Bytes slice(int from) {
    return slice(from, bytes.length - from);
  }

  public final Bytes slice(int from, int len) {
    if (from == 0 && len == bytes.length) return this;
    return wrap(Arrays.copyOfRange(bytes, from, from + len));
  }

  public final boolean isZero() {
    for (byte b : bytes) if (b != 0) return false;
    return true;
  }

  /** Number of leading zero bytes. */
  public final int leadingZeroBytes() {
    int i = 0;
    while (i < bytes.length && bytes[i] == 0) i++;
    return i;
  }

  /** Drops leading zero bytes. */
  public final Bytes trimLeadingZeros() {
    int z = leadingZeroBytes();
    return z == 0 ? this : slice(z);
  }

  public final String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public final int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public final int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }
}
