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
import java.util.function.Function;
import java.util.function.Predicate;

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

  /**
   * A textual field of the wanted {@code shape}, parsed; anything else (absent, not text, the wrong
   * shape, or refused by {@code parse} with an {@link IllegalArgumentException}) is {@link #bad}.
   */
  private static <T> T parsed(
      JsonNode n,
      String method,
      String field,
      String want,
      Predicate<String> shape,
      Function<String, T> parse) {
    if (n != null && n.isTextual() && shape.test(n.asText())) {
      try {
        return parse.apply(n.asText());
      } catch (IllegalArgumentException e) {
        // the shape was right but the digits were not: reported below
      }
    }
    throw bad(method, field, want, n);
  }

  /** A hex quantity of 1 to {@code maxDigits} digits. */
  private static Predicate<String> hexQuantity(int maxDigits) {
    return s -> Hex.hasPrefix(s) && s.length() >= 3 && s.length() <= maxDigits + 2;
  }

  /** A quantity that fits a non-negative long. */
  static long quantity(JsonNode n, String method, String field) {
    long v =
        parsed(
            n,
            method,
            field,
            "a hex quantity",
            hexQuantity(16),
            s -> Long.parseUnsignedLong(s, 2, s.length(), 16));
    if (v < 0) throw bad(method, field, "a quantity below 2^63", n);
    return v;
  }

  static UInt256 uint256(JsonNode n, String method, String field) {
    return parsed(
        n,
        method,
        field,
        "a hex quantity",
        hexQuantity(64),
        s -> UInt256.fromBytes(Hex.decodeLenient(s)));
  }

  static Bytes data(JsonNode n, String method, String field) {
    return parsed(n, method, field, "hex data", Hex::hasPrefix, Bytes::fromHex);
  }

  static Bytes32 hash(JsonNode n, String method, String field) {
    return parsed(
        n, method, field, "a 32-byte hex value", s -> s.length() == 66, Bytes32::fromHex32);
  }

  static Address address(JsonNode n, String method, String field) {
    return parsed(n, method, field, "an address", s -> true, Address::fromHex);
  }

  /** An address, or empty when the field is absent or null. */
  static Optional<Address> optionalAddress(JsonNode n, String method, String field) {
    return n == null || n.isNull() || n.isMissingNode()
        ? Optional.empty()
        : Optional.of(address(n, method, field));
  }

  /** A quantity, or empty when the field is absent or null. */
  static Optional<UInt256> optionalUint256(JsonNode n, String method, String field) {
    return present(n) ? Optional.of(uint256(n, method, field)) : Optional.empty();
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

  /**
   * The fields of {@code n}, a {@code what} (such as "block") in {@code method}'s result, which
   * must be a JSON object.
   */
  static Fields fields(JsonNode n, String method, String what) {
    if (n == null || !n.isObject())
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "a " + what + " is not a JSON object");
    return new Fields(n, method, what);
  }

  /** One of the strict readers above, such as {@code RpcJson::quantity}. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode n, String method, String field);
  }

  /** The fields of one object, each read by a {@link Reader} and named "{@code what} field". */
  record Fields(JsonNode object, String method, String what) {
    JsonNode get(String field) {
      return object.get(field);
    }

    <T> T get(String field, Reader<T> reader) {
      return reader.read(object.get(field), method, what + " " + field);
    }
  }
}
