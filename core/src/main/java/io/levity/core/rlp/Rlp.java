package io.levity.core.rlp;

import io.levity.core.bytes.Bytes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * RLP encoding and strict decoding of whole values. See {@link RlpReader} for streaming,
 * field-by-field decoding.
 */
public final class Rlp {
  private Rlp() {}

  /** The encoding of the empty byte string (0x80), a fresh array each call. */
  public static byte[] emptyString() {
    return new byte[] {(byte) 0x80};
  }

  /** The encoding of the empty list (0xc0), a fresh array each call. */
  public static byte[] emptyList() {
    return new byte[] {(byte) 0xc0};
  }

  /** Encodes a byte string. */
  public static byte[] encodeBytes(byte[] b) {
    if (b.length == 1 && (b[0] & 0xff) < 0x80) return new byte[] {b[0]};
    byte[] out = new byte[headerSize(b.length) + b.length];
    int pos = writeHeader(out, 0, 0x80, b.length);
    System.arraycopy(b, 0, out, pos, b.length);
    return out;
  }

  public static byte[] encodeBytes(Bytes b) {
    return encodeBytes(b.unsafeArray());
  }

  /** Encodes a non-negative integer as its minimal big-endian bytes (zero is the empty string). */
  public static byte[] encodeLong(long v) {
    if (v < 0) throw new IllegalArgumentException("RLP integers are unsigned: " + v);
    return encodeBytes(minimalBytes(v));
  }

  public static byte[] encodeBigInteger(BigInteger v) {
    if (v.signum() < 0) throw new IllegalArgumentException("RLP integers are unsigned: " + v);
    return encodeBytes(minimalBytes(v));
  }

  /** Wraps already-encoded items in a list header. */
  public static byte[] encodeList(byte[]... encodedItems) {
    int len = 0;
    for (byte[] e : encodedItems) len += e.length;
    byte[] out = new byte[headerSize(len) + len];
    int pos = writeHeader(out, 0, 0xc0, len);
    for (byte[] e : encodedItems) {
      System.arraycopy(e, 0, out, pos, e.length);
      pos += e.length;
    }
    return out;
  }

  public static byte[] encodeList(List<byte[]> encodedItems) {
    return encodeList(encodedItems.toArray(new byte[0][]));
  }

  /** Encodes a decoded item tree. */
  public static byte[] encode(RlpItem item) {
    return switch (item) {
      case RlpItem.Str s -> encodeBytes(s.value());
      case RlpItem.Lst l -> {
        List<byte[]> parts = new ArrayList<>(l.items().size());
        for (RlpItem i : l.items()) parts.add(encode(i));
        yield encodeList(parts);
      }
    };
  }

  /** Decodes exactly one item spanning the whole input; trailing bytes are an error. */
  public static RlpItem decode(byte[] in) {
    RlpReader r = new RlpReader(in);
    RlpItem item = r.readItem();
    r.requireEnd();
    return item;
  }

  public static byte[] minimalBytes(long v) {
    if (v == 0) return new byte[0];
    int n = 8 - Long.numberOfLeadingZeros(v) / 8;
    byte[] out = new byte[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = (byte) v;
      v >>>= 8;
    }
    return out;
  }

  public static byte[] minimalBytes(BigInteger v) {
    if (v.signum() == 0) return new byte[0];
    byte[] raw = v.toByteArray();
    if (raw[0] == 0) return java.util.Arrays.copyOfRange(raw, 1, raw.length);
    return raw;
  }

  static int headerSize(int len) {
    if (len < 56) return 1;
    return 1 + (4 - Integer.numberOfLeadingZeros(len) / 8);
  }

  static int writeHeader(byte[] out, int pos, int base, int len) {
    if (len < 56) {
      out[pos] = (byte) (base + len);
      return pos + 1;
    }
    int lenOfLen = 4 - Integer.numberOfLeadingZeros(len) / 8;
    out[pos] = (byte) (base + 55 + lenOfLen);
    for (int i = lenOfLen; i >= 1; i--) {
      out[pos + i] = (byte) len;
      len >>>= 8;
    }
    return pos + 1 + lenOfLen;
  }

  /** A growable writer for building nested structures without intermediate arrays per field. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Writer bytes(byte[] b) {
      out.writeBytes(encodeBytes(b));
      return this;
    }

    public Writer bytes(Bytes b) {
      return bytes(b.unsafeArray());
    }

    public Writer number(long v) {
      out.writeBytes(encodeLong(v));
      return this;
    }

    public Writer number(BigInteger v) {
      out.writeBytes(encodeBigInteger(v));
      return this;
    }

    public Writer raw(byte[] encoded) {
      out.writeBytes(encoded);
      return this;
    }

    /** The written items wrapped in one list. */
    public byte[] toList() {
      byte[] body = out.toByteArray();
      byte[] res = new byte[headerSize(body.length) + body.length];
      int pos = writeHeader(res, 0, 0xc0, body.length);
      System.arraycopy(body, 0, res, pos, body.length);
      return res;
    }
  }
}
