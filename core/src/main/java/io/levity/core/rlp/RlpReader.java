package io.levity.core.rlp;

import io.levity.core.bytes.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict streaming RLP decoder. It rejects every non-canonical form: a single byte below 0x80
 * wrapped in a string header, long-form lengths under 56, lengths with leading zero bytes, lengths
 * past the end of the input or the enclosing list, and (through {@link #requireEnd}) trailing
 * bytes. Integer readers also reject leading zero bytes.
 */
public final class RlpReader {
  private final byte[] in;
  private int pos;
  private final int end;
  private final int[] listEnds = new int[64];
  private int depth;

  public RlpReader(byte[] in) {
    this(in, 0, in.length);
  }

  public RlpReader(byte[] in, int from, int to) {
    this.in = in;
    this.pos = from;
    this.end = to;
  }

  public int position() {
    return pos;
  }

  private int limit() {
    return depth == 0 ? end : listEnds[depth - 1];
  }

  /** True when the current list (or the whole input at top level) has no more items. */
  public boolean hasNext() {
    return pos < limit();
  }

  public boolean nextIsList() {
    need(1);
    return (in[pos] & 0xff) >= 0xc0;
  }

  /** Enters a list; returns the number of bytes of its payload. */
  public int enterList() {
    Header h = header();
    if (!h.list) throw fail("expected a list, found a string");
    if (depth == listEnds.length) throw fail("lists nested deeper than " + listEnds.length);
    pos = h.payloadStart;
    listEnds[depth++] = h.payloadStart + h.length;
    return h.length;
  }

  /** Leaves the current list; every item in it must have been read. */
  public void exitList() {
    if (depth == 0) throw new IllegalStateException("not in a list");
    if (pos != listEnds[depth - 1])
      throw fail("list has " + (listEnds[depth - 1] - pos) + " unread bytes");
    depth--;
  }

  /** Reads a byte string (not a list). */
  public byte[] readBytes() {
    Header h = header();
    if (h.list) throw fail("expected a string, found a list");
    byte[] out = java.util.Arrays.copyOfRange(in, h.payloadStart, h.payloadStart + h.length);
    pos = h.payloadStart + h.length;
    return out;
  }

  public Bytes readBytesValue() {
    return Bytes.wrap(readBytes());
  }

  /** Reads a byte string of exactly n bytes. */
  public byte[] readFixed(int n, String what) {
    int at = pos;
    byte[] b = readBytes();
    if (b.length != n)
      throw new RlpException(
          what + " must be " + n + " bytes, got " + b.length + " at offset " + at);
    return b;
  }

  /**
   * Reads a canonical non-negative integer below 2^63. Header fields, heights, rounds and sizes are
   * all read through this, so a value with the top bit set is refused here rather than turning into
   * a negative number downstream.
   */
  public long readLong() {
    int at = pos;
    long v = readUnsignedLong();
    if (v < 0) throw new RlpException("integer does not fit in 63 bits at offset " + at);
    return v;
  }

  /**
   * Reads a canonical unsigned integer of at most 64 bits, returned as its bit pattern (values of
   * 2^63 and above come back negative: compare with {@link Long#compareUnsigned}). Only for fields
   * that are uint64 by definition, such as an account's nonce (EIP-2681 allows up to 2^64 - 1).
   */
  public long readUnsignedLong() {
    int at = pos;
    byte[] b = readScalarBytes();
    if (b.length > 8) throw new RlpException("integer wider than 64 bits at offset " + at);
    long v = 0;
    for (byte x : b) v = (v << 8) | (x & 0xff);
    return v;
  }

  /** Reads a canonical unsigned integer of at most maxBytes bytes. */
  public BigInteger readBigInteger(int maxBytes) {
    int at = pos;
    byte[] b = readScalarBytes();
    if (b.length > maxBytes) {
      throw new RlpException("integer wider than " + (maxBytes * 8) + " bits at offset " + at);
    }
    return new BigInteger(1, b);
  }

  /** Integer bytes without leading zeros (zero is the empty string). */
  public byte[] readScalarBytes() {
    int at = pos;
    byte[] b = readBytes();
    if (b.length > 0 && b[0] == 0)
      throw new RlpException("integer has leading zero bytes at offset " + at);
    return b;
  }

  /** Reads any item as a tree. */
  public RlpItem readItem() {
    if (nextIsList()) {
      enterList();
      List<RlpItem> items = new ArrayList<>();
      while (hasNext()) items.add(readItem());
      exitList();
      return new RlpItem.Lst(items);
    }
    return new RlpItem.Str(readBytesValue());
  }

  /** Skips one item; returns its full encoding's [start, end). */
  public int[] skipItem() {
    int start = pos;
    Header h = header();
    pos = h.payloadStart + h.length;
    return new int[] {start, pos};
  }

  /** Fails if bytes remain after the top-level item. */
  public void requireEnd() {
    if (depth != 0) throw new IllegalStateException("unclosed list");
    if (pos != end)
      throw new RlpException((end - pos) + " trailing bytes after the RLP item at offset " + pos);
  }

  private record Header(boolean list, int payloadStart, int length) {}

  private Header header() {
    need(1);
    int lim = limit();
    int b0 = in[pos] & 0xff;
    int start = pos;
    if (b0 < 0x80) return new Header(false, pos, 1);
    if (b0 <= 0xb7) {
      int len = b0 - 0x80;
      checkFits(start + 1, len, lim);
      if (len == 1 && (in[start + 1] & 0xff) < 0x80) {
        throw new RlpException(
            "single byte below 0x80 must not have a string header at offset " + start);
      }
      return new Header(false, start + 1, len);
    }
    if (b0 <= 0xbf)
      return new Header(false, start + 1 + (b0 - 0xb7), longLength(start, b0 - 0xb7, lim));
    if (b0 <= 0xf7) {
      int len = b0 - 0xc0;
      checkFits(start + 1, len, lim);
      return new Header(true, start + 1, len);
    }
    return new Header(true, start + 1 + (b0 - 0xf7), longLength(start, b0 - 0xf7, lim));
  }

  private int longLength(int start, int lenOfLen, int lim) {
    if (start + 1 + lenOfLen > lim)
      throw new RlpException("length field runs past the end at offset " + start);
    if (in[start + 1] == 0)
      throw new RlpException("length has leading zero bytes at offset " + start);
    if (lenOfLen > 4)
      throw new RlpException("length of " + lenOfLen + " bytes is too large at offset " + start);
    long len = 0;
    for (int i = 0; i < lenOfLen; i++) len = (len << 8) | (in[start + 1 + i] & 0xff);
    if (len < 56)
      throw new RlpException(
          "long-form length " + len + " should use the short form at offset " + start);
    if (len > Integer.MAX_VALUE)
      throw new RlpException("length " + len + " too large at offset " + start);
    checkFits(start + 1 + lenOfLen, len, lim);
    return (int) len;
  }

  private void checkFits(int payloadStart, long len, int lim) {
    if (payloadStart + len > lim) {
      throw new RlpException(
          "item of "
              + len
              + " bytes at offset "
              + (payloadStart - 1)
              + " runs past the end of its container ("
              + (lim - payloadStart)
              + " bytes left)");
    }
  }

  private void need(int n) {
    if (pos + n > limit()) throw new RlpException("unexpected end of input at offset " + pos);
  }

  private RlpException fail(String msg) {
    return new RlpException(msg + " at offset " + pos);
  }
}
