package io.levity.sdk.abi;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The standard ABI encoding of a list of values (a tuple: call arguments, return values, event
 * data) and its strict decoding. See {@link AbiType} for the Java value of each type.
 */
public final class AbiCodec {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private AbiCodec() {}

  /** {@code values} encoded as the tuple {@code types}. */
  public static Bytes encode(List<AbiType> types, List<?> values) {
    return Bytes.wrap(encodeTuple(types, values));
  }

  /** Decodes {@code data} as the tuple {@code types}; bytes after the encoding are ignored. */
  public static AbiValues decode(List<AbiType> types, Bytes data) {
    return new AbiValues(new Decoder(data.unsafeArray()).tuple(types, 0));
  }

  /** The 32-byte word of a static value (such as an indexed event parameter). */
  public static Bytes32 word(AbiType type, Object value) {
    if (type.dynamic() || type.headBytes() != 32)
      throw new AbiException(type.canonical() + " is not a one-word type");
    return Bytes32.wrap32(encodeValue(type, value));
  }

  // ---- encoding ----

  private static byte[] encodeTuple(List<AbiType> types, List<?> values) {
    if (types.size() != values.size()) {
      throw new AbiException(
          AbiType.canonical(types) + " takes " + types.size() + " values, got " + values.size());
    }
    int headSize = 0;
    for (AbiType t : types) headSize += t.headBytes();
    ByteArrayOutputStream head = new ByteArrayOutputStream(headSize);
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (int i = 0; i < types.size(); i++) {
      AbiType t = types.get(i);
      byte[] enc = encodeValue(t, values.get(i));
      if (t.dynamic()) {
        head.writeBytes(uintWord(BigInteger.valueOf((long) headSize + tail.size())));
        tail.writeBytes(enc);
      } else {
        head.writeBytes(enc);
      }
    }
    head.writeBytes(tail.toByteArray());
    return head.toByteArray();
  }

  private static byte[] encodeValue(AbiType type, Object v) {
    if (v == null) throw new AbiException("null value for " + type.canonical());
    return switch (type) {
      case AbiType.Int i -> {
        BigInteger x = integer(v, type);
        boolean fits =
            i.signed()
                ? x.bitLength() <= i.bits() - 1
                : x.signum() >= 0 && x.bitLength() <= i.bits();
        if (!fits) throw new AbiException(x + " does not fit " + type.canonical());
        yield uintWord(x.signum() < 0 ? x.add(TWO_256) : x);
      }
      case AbiType.FixedBytes f -> {
        byte[] b = bytes(v, type);
        if (b.length != f.size())
          throw new AbiException(
              type.canonical() + " takes " + f.size() + " bytes, got " + b.length);
        yield Arrays.copyOf(b, 32);
      }
      case AbiType.Simple s ->
          switch (s) {
            case ADDRESS -> {
              if (!(v instanceof Address a)) throw wrongValue(type, v);
              yield Bytes32.leftPad(a).toArray();
            }
            case BOOL -> {
              if (!(v instanceof Boolean b)) throw wrongValue(type, v);
              yield uintWord(b ? BigInteger.ONE : BigInteger.ZERO);
            }
            case BYTES -> lengthPrefixed(bytes(v, type));
            case STRING -> {
              if (!(v instanceof String str)) throw wrongValue(type, v);
              yield lengthPrefixed(str.getBytes(StandardCharsets.UTF_8));
            }
          };
      case AbiType.Array a -> {
        List<?> items = list(v, type);
        if (a.fixedLength() && items.size() != a.length())
          throw new AbiException(
              type.canonical() + " takes " + a.length() + " elements, got " + items.size());
        byte[] body = encodeTuple(Collections.nCopies(items.size(), a.element()), items);
        if (a.fixedLength()) yield body;
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + body.length);
        out.writeBytes(uintWord(BigInteger.valueOf(items.size())));
        out.writeBytes(body);
        yield out.toByteArray();
      }
      case AbiType.Tuple t -> encodeTuple(t.components(), list(v, type));
    };
  }

  private static byte[] lengthPrefixed(byte[] b) {
    byte[] out = new byte[32 + (b.length + 31) / 32 * 32];
    System.arraycopy(uintWord(BigInteger.valueOf(b.length)), 0, out, 0, 32);
    System.arraycopy(b, 0, out, 32, b.length);
    return out;
  }

  private static byte[] uintWord(BigInteger x) {
    return Bytes32.fromBigInteger(x).toArray();
  }

  private static BigInteger integer(Object v, AbiType type) {
    return switch (v) {
      case BigInteger b -> b;
      case Long l -> BigInteger.valueOf(l);
      case Integer i -> BigInteger.valueOf(i);
      case Short s -> BigInteger.valueOf(s);
      case Byte b -> BigInteger.valueOf(b);
      case UInt256 u -> u.toBigInteger();
      default -> throw wrongValue(type, v);
    };
  }

  private static byte[] bytes(Object v, AbiType type) {
    return switch (v) {
      case Bytes b -> b.unsafeArray();
      case byte[] b -> b;
      default -> throw wrongValue(type, v);
    };
  }

  private static List<?> list(Object v, AbiType type) {
    if (v instanceof List<?> l) return l;
    if (v instanceof Object[] a) return Arrays.asList(a);
    throw wrongValue(type, v);
  }

  private static AbiException wrongValue(AbiType type, Object v) {
    return new AbiException(
        type.canonical() + " cannot take a " + v.getClass().getSimpleName() + " (" + v + ")");
  }

  // ---- decoding ----

  /** Reads one encoding; positions are byte offsets into it, checked before every read. */
  private static final class Decoder {
    private final byte[] data;

    /** Bytes of dynamic values decoded so far: more than the data means they overlap. */
    private long dynamicBytes;

    Decoder(byte[] data) {
      this.data = data;
    }

    List<Object> tuple(List<AbiType> types, int base) {
      List<Object> out = new ArrayList<>(types.size());
      long p = base;
      for (AbiType t : types) {
        if (t.dynamic()) {
          long at = base + uint(p, 32, "offset");
          need(at, 0);
          out.add(value(t, (int) at));
        } else {
          out.add(value(t, (int) p));
        }
        p += t.headBytes();
      }
      return out;
    }

    private Object value(AbiType type, int pos) {
      return switch (type) {
        case AbiType.Int i when !i.signed() -> word(pos, i.bits(), type);
        case AbiType.Int i -> {
          need(pos, 32);
          BigInteger x = new BigInteger(Arrays.copyOfRange(data, pos, pos + 32));
          if (x.bitLength() > i.bits() - 1)
            throw bad(type, pos, "wider than " + i.bits() + " bits");
          yield x;
        }
        case AbiType.FixedBytes f -> {
          need(pos, 32);
          for (int k = f.size(); k < 32; k++)
            if (data[pos + k] != 0) throw bad(type, pos, "has bytes set past its " + f.size());
          yield Bytes.wrap(Arrays.copyOfRange(data, pos, pos + f.size()));
        }
        case AbiType.Simple s ->
            switch (s) {
              case ADDRESS -> {
                word(pos, 160, type);
                yield Address.wrapAddress(Arrays.copyOfRange(data, pos + 12, pos + 32));
              }
              case BOOL -> {
                BigInteger b = word(pos, 8, type);
                if (b.compareTo(BigInteger.ONE) > 0) throw bad(type, pos, "neither 0 nor 1");
                yield b.signum() == 1;
              }
              case BYTES -> Bytes.wrap(dynamic(pos));
              case STRING -> utf8(dynamic(pos), pos);
            };
        case AbiType.Array a -> {
          int n = a.length();
          int at = pos;
          if (!a.fixedLength()) {
            n = (int) uint(pos, 32, "array length");
            at = pos + 32;
            need(at, (long) n * a.element().headBytes());
          }
          yield tuple(Collections.nCopies(n, a.element()), at);
        }
        case AbiType.Tuple t -> tuple(t.components(), pos);
      };
    }

    private byte[] dynamic(int pos) {
      long n = uint(pos, 32, "length");
      need(pos + 32L, n);
      dynamicBytes += n;
      if (dynamicBytes > data.length) throw new AbiException("malformed ABI data: values overlap");
      return Arrays.copyOfRange(data, pos + 32, pos + 32 + (int) n);
    }

    private BigInteger word(int pos, int bits, AbiType type) {
      need(pos, 32);
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(data, pos, pos + 32));
      if (x.bitLength() > bits) throw bad(type, pos, "wider than " + bits + " bits");
      return x;
    }

    /** An offset or length: an unsigned word of at most {@code bits} bits. */
    private long uint(long pos, int bits, String what) {
      need(pos, 32);
      int p = (int) pos;
      for (int i = 0; i < 32 - bits / 8; i++)
        if (data[p + i] != 0)
          throw new AbiException(
              "malformed ABI data: " + what + " at " + pos + " wider than " + bits + " bits");
      long v = 0;
      for (int i = 32 - bits / 8; i < 32; i++) v = (v << 8) | (data[p + i] & 0xff);
      return v;
    }

    private void need(long pos, long len) {
      if (pos < 0 || len < 0 || pos + len > data.length) {
        throw new AbiException(
            "malformed ABI data: needs bytes [" + pos + ", " + (pos + len) + ") of " + data.length);
      }
    }

    private static AbiException bad(AbiType type, int pos, String problem) {
      return new AbiException(
          "malformed ABI data: " + type.canonical() + " at " + pos + " " + problem);
    }

    private static String utf8(byte[] b, int pos) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b))
            .toString();
      } catch (CharacterCodingException e) {
        throw new AbiException("malformed ABI data: string at " + pos + " is not UTF-8");
      }
    }
  }
}
