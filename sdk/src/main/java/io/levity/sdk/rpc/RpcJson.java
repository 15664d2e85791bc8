package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict readers of JSON-RPC result fields: a field of the wrong shape is an {@link
 * RpcProtocolException} naming the method and the field, never a silent default.
 */
final class RpcJson {
  private RpcJson() {}

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private static RpcProtocolException bad(String method, String field, String want, JsonNode n) {
    String got = n == null || n.isMissingNode() ? "nothing" : abbreviate(n.toString());
    return new RpcProtocolException(
        method, RpcProtocolException.NO_STATUS, field + ": expected " + want + ", got " + got);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** A quantity that fits a non-negative long. */
  static long quantity(JsonNode n, String method, String field) {
    String s = n == null || !n.isTextual() ? "" : n.asText();
    if (!Hex.hasPrefix(s) || s.length() < 3 || s.length() > 18)
      throw bad(method, field, "a hex quantity", n);
    try {
      long v = Long.parseUnsignedLong(s, 2, s.length(), 16);
      if (v < 0) throw bad(method, field, "a quantity below 2^63", n);
      return v;
    } catch (NumberFormatException e) {
      throw bad(method, field, "a hex quantity", n);
    }
  }

  static UInt256 uint256(JsonNode n, String method, String field) {
    String s = n == null || !n.isTextual() ? "" : n.asText();
    if (!Hex.hasPrefix(s) || s.length() < 3 || s.length() > 66)
      throw bad(method, field, "a hex quantity", n);
    try {
      return UInt256.fromBytes(Hex.decodeLenient(s));
    } catch (IllegalArgumentException e) {
      throw bad(method, field, "a hex quantity", n);
    }
  }

  static Bytes data(JsonNode n, String method, String field) {
    if (n == null || !n.isTextual() || !Hex.hasPrefix(n.asText()))
      throw bad(method, field, "hex data", n);
    try {
      return Bytes.fromHex(n.asText());
    } catch (IllegalArgumentException e) {
      throw bad(method, field, "hex data", n);
    }
  }

  static Bytes32 hash(JsonNode n, String method, String field) {
    if (n == null || !n.isTextual() || n.asText().length() != 66)
      throw bad(method, field, "a 32-byte hex value", n);
    try {
      return Bytes32.fromHex32(n.asText());
    } catch (IllegalArgumentException e) {
      throw bad(method, field, "a 32-byte hex value", n);
    }
  }

  static Address address(JsonNode n, String method, String field) {
    if (n == null || !n.isTextual()) throw bad(method, field, "an address", n);
    try {
      return Address.fromHex(n.asText());
    } catch (IllegalArgumentException e) {
      throw bad(method, field, "an address", n);
    }
  }

  /** An address, or empty when the field is absent or null. */
  static Optional<Address> optionalAddress(JsonNode n, String method, String field) {
    return n == null || n.isNull() || n.isMissingNode()
        ? Optional.empty()
        : Optional.of(address(n, method, field));
  }

  static List<Bytes32> hashes(JsonNode n, String method, String field) {
    if (n == null || !n.isArray()) throw bad(method, field, "an array of hashes", n);
    List<Bytes32> out = new ArrayList<>(n.size());
    for (JsonNode x : n) out.add(hash(x, method, field));
    return out;
  }

  static boolean present(JsonNode n) {
    return n != null && !n.isNull() && !n.isMissingNode();
  }
}
