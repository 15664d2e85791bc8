package io.levity.core.bytes;

import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A 20-byte account address; prints with the EIP-55 mixed-case checksum. */
public final class Address extends Bytes {
  public static final Address ZERO = new Address(new byte[20]);

  private Address(byte[] bytes) {
    super(bytes);
  }

  public static Address wrapAddress(byte[] bytes) {
    if (bytes.length != 20)
      throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
    return new Address(bytes);
  }

  public static Address of(Bytes b) {
    if (b instanceof Address a) return a;
    return wrapAddress(b.toArray());
  }

  /** The low 20 bytes of a 32-byte word. */
  public static Address fromWord(byte[] word32) {
    byte[] a = new byte[20];
    System.arraycopy(word32, word32.length - 20, a, 0, 20);
    return new Address(a);
  }

  /**
   * Parses 0x + 40 hex digits. If the digits are mixed case, the EIP-55 checksum must match;
   * all-lower and all-upper are accepted as unchecksummed.
   */
  public static Address fromHex(String hex) {
    String digits = Hex.hasPrefix(hex) ? hex.substring(2) : hex;
    if (digits.length() != 40) {
      throw new IllegalArgumentException("an address is 40 hex digits, got " + digits.length());
    }
    Address a = new Address(Hex.decode(digits));
    boolean hasLower = !digits.equals(digits.toUpperCase(Locale.ROOT));
    boolean hasUpper = !digits.equals(digits.toLowerCase(Locale.ROOT));
    if (hasLower && hasUpper && !a.toChecksumHex().substring(2).equals(digits)) {
      throw new IllegalArgumentException("bad EIP-55 checksum in address " + hex);
    }
    return a;
  }

  /** Address from an uncompressed 64-byte public key (without the 0x04 prefix). */
  public static Address fromPublicKey(byte[] pub64) {
    if (pub64.length != 64) throw new IllegalArgumentException("expected a 64-byte public key");
    byte[] h = Keccak.hash256(pub64);
    return fromWord(h);
  }

  /** EIP-55 checksummed form. */
  public String toChecksumHex() {
    String lower = Hex.encodeBare(bytes);
    byte[] h = Keccak.hash256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder sb = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char c = lower.charAt(i);
      int nibble = (h[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toChecksumHex();
  }
}
