package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import java.math.BigInteger;

/**
 * Positional JSON-RPC parameters with typed, validating accessors; bad input is an invalid-params
 * error.
 */
public final class Params {
  private final ArrayNode items;

  public Params(JsonNode params) throws RpcException {
    if (params == null || params.isNull() || params.isMissingNode()) {
      items = JsonNodeFactory.instance.arrayNode();
    } else if (params.isArray()) {
      items = (ArrayNode) params;
    } else {
      throw RpcException.invalidParams("params must be an array");
    }
  }

  public int size() {
    return items.size();
  }

  public boolean has(int i) {
    return i < items.size() && !items.get(i).isNull();
  }

  public JsonNode node(int i) throws RpcException {
    if (!has(i)) throw RpcException.invalidParams("missing parameter " + i);
    return items.get(i);
  }

  public String string(int i) throws RpcException {
    JsonNode n = node(i);
    if (!n.isTextual()) throw RpcException.invalidParams("parameter " + i + " must be a string");
    return n.asText();
  }

  public Address address(int i) throws RpcException {
    return parseAddress(string(i), "parameter " + i);
  }

  public Bytes32 hash(int i) throws RpcException {
    String s = string(i);
    try {
      return Bytes32.fromHex32(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(
          "parameter " + i + ": expected a 32-byte hex hash, got " + abbreviate(s));
    }
  }

  public Bytes data(int i) throws RpcException {
    return parseData(string(i), "parameter " + i);
  }

  public boolean bool(int i, boolean dflt) throws RpcException {
    if (!has(i)) return dflt;
    JsonNode n = items.get(i);
    if (!n.isBoolean()) throw RpcException.invalidParams("parameter " + i + " must be a boolean");
    return n.asBoolean();
  }

  public static Address parseAddress(String s, String what) throws RpcException {
    try {
      return Address.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": " + e.getMessage());
    }
  }

  public static Bytes parseData(String s, String what) throws RpcException {
    if (!Hex.hasPrefix(s)) throw RpcException.invalidParams(what + ": hex data must start with 0x");
    try {
      return Bytes.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": " + e.getMessage());
    }
  }

  /** A quantity: 0x-prefixed hex without leading zeros ("0x0" for zero), at most 256 bits. */
  public static UInt256 parseQuantity(String s, String what) throws RpcException {
    if (!Hex.hasPrefix(s) || s.length() < 3 || s.length() > 66 || !hexDigits(s)) {
      throw RpcException.invalidParams(
          what + ": expected a hex quantity such as 0x1a, got " + abbreviate(s));
    }
    try {
      return UInt256.valueOf(new BigInteger(s.substring(2), 16));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": invalid hex quantity " + abbreviate(s));
    }
  }

  /**
   * BigInteger alone would also take a sign ("0x+1") or non-ASCII digits; a quantity is ASCII hex
   * only.
   */
  private static boolean hexDigits(String s) {
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return false;
    }
    return true;
  }

  public static long parseLongQuantity(String s, String what) throws RpcException {
    UInt256 v = parseQuantity(s, what);
    if (!v.fitsLong()) throw RpcException.invalidParams(what + ": quantity too large");
    return v.toLong();
  }

  public static String quantity(long v) {
    return "0x" + Long.toHexString(v);
  }

  public static String quantity(UInt256 v) {
    return v.toHexQuantity();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
