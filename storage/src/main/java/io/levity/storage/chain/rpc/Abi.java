package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of the Solidity ABI the registry uses: call data with static words and strings, and a
 * bounds-checked reader for return data and event data. A reader never trusts an offset or a length
 * it reads: anything pointing outside the data, or a value wider than its declared type, is a
 * {@link RegistryException}.
 */
final class Abi {
  private Abi() {}

  /** The 4-byte function selector, or the 32-byte event topic, of a canonical signature. */
  static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak.hash256(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  static Bytes32 topic(String signature) {
    return Keccak.hash(signature.getBytes(StandardCharsets.US_ASCII));
  }

  /** An argument: a static 32-byte word or a dynamic byte string (a Solidity string). */
  sealed interface Arg permits Word, Str {}

  record Word(byte[] value) implements Arg {
    Word {
      if (value.length != 32) throw new IllegalArgumentException("an ABI word is 32 bytes");
    }
  }

  record Str(byte[] value) implements Arg {}

  static Word word(long unsigned) {
    if (unsigned < 0) throw new IllegalArgumentException("negative ABI integer " + unsigned);
    byte[] w = new byte[32];
    for (int i = 0; i < 8; i++) w[24 + i] = (byte) (unsigned >>> (56 - 8 * i));
    return new Word(w);
  }

  static Word word(Bytes32 b) {
    return new Word(b.toArray());
  }

  static Word word(boolean b) {
    return word(b ? 1 : 0);
  }

  static Word word(Address a) {
    return new Word(Bytes32.leftPad(a).toArray());
  }

  static Str string(String s) {
    return new Str(s.getBytes(StandardCharsets.UTF_8));
  }

  /** selector || head || tail, the standard encoding of a call with these arguments. */
  static Bytes call(String signature, Arg... args) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    head.writeBytes(selector(signature));
    int headSize = 32 * args.length;
    for (Arg a : args) {
      switch (a) {
        case Word w -> head.writeBytes(w.value());
        case Str s -> {
          head.writeBytes(word(headSize + tail.size()).value());
          tail.writeBytes(word(s.value().length).value());
          tail.writeBytes(s.value());
          tail.writeBytes(new byte[(32 - s.value().length % 32) % 32]);
        }
      }
    }
    head.writeBytes(tail.toByteArray());
    return Bytes.wrap(head.toByteArray());
  }

  /** Reads ABI-encoded data; positions are byte offsets into it. */
  static final class Reader {
    private final byte[] data;
    private final String what;

    Reader(byte[] data, String what) {
      this.data = data;
      this.what = what;
    }

    int size() {
      return data.length;
    }

    private RegistryException bad(String problem) {
      return new RegistryException("malformed " + what + ": " + problem);
    }

    private void need(long pos, long len) {
      if (pos < 0 || len < 0 || pos + len > data.length) {
        throw bad("needs bytes [" + pos + ", " + (pos + len) + ") of " + data.length);
      }
    }

    Bytes32 bytes32(int pos) {
      need(pos, 32);
      return Bytes32.wrap32(Arrays.copyOfRange(data, pos, pos + 32));
    }

    /** An unsigned integer of at most {@code bits} bits (at most 63). */
    long uint(int pos, int bits) {
      need(pos, 32);
      for (int i = 0; i < 24; i++)
        if (data[pos + i] != 0) throw bad("integer at " + pos + " wider than " + bits + " bits");
      long v = 0;
      for (int i = 24; i < 32; i++) v = (v << 8) | (data[pos + i] & 0xff);
      if (v < 0 || (bits < 63 && (v >>> bits) != 0))
        throw bad("integer at " + pos + " wider than " + bits + " bits");
      return v;
    }

    boolean bool(int pos) {
      long v = uint(pos, 1);
      return v == 1;
    }

    Address address(int pos) {
      need(pos, 32);
      for (int i = 0; i < 12; i++)
        if (data[pos + i] != 0) throw bad("address at " + pos + " has high bytes set");
      return Address.wrapAddress(Arrays.copyOfRange(data, pos + 12, pos + 32));
    }

    /** Follows the offset stored at {@code pos}, relative to {@code base}. */
    int follow(int base, int pos) {
      long off = uint(pos, 31);
      long at = base + off;
      need(at, 32);
      return (int) at;
    }

    /**
     * An array's element count at {@code pos}, checked against the room its {@code wordsEach}-word
     * elements need.
     */
    int length(int pos, int wordsEach) {
      long n = uint(pos, 31);
      need(pos + 32, n * 32 * wordsEach);
      return (int) n;
    }

    /** A string whose length word is at {@code pos}; must be valid UTF-8. */
    String string(int pos) {
      long n = uint(pos, 31);
      need(pos + 32, n);
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(data, pos + 32, (int) n))
            .toString();
      } catch (CharacterCodingException e) {
        throw bad("string at " + pos + " is not UTF-8");
      }
    }
  }
}
