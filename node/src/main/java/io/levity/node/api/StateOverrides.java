package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import io.levity.evm.WorldView;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A state override set (the third parameter of eth_call and eth_estimateGas, and {@code
 * stateOverrides} of an eth_simulateV1 block), as go-ethereum reads it: per address, {@code
 * balance}, {@code nonce}, {@code code}, {@code state} (replaces the whole storage) or {@code
 * stateDiff} (changes the given slots). Unknown fields, {@code state} with {@code stateDiff}, and
 * {@code movePrecompileToAddress} (Levity cannot move a precompile) are refused with -32602.
 */
record StateOverrides(Map<Address, Account> accounts) {
  /** The most accounts one override set may name. */
  static final int MAX_ACCOUNTS = 1_000;

  /** The most storage slots one override set may write, over all its accounts. */
  static final int MAX_SLOTS = 10_000;

  /** The largest code an override may install: EIP-170's limit on deployed code. */
  static final int MAX_CODE_SIZE = 24_576;

  static final StateOverrides NONE = new StateOverrides(Map.of());

  private static final Set<String> FIELDS =
      Set.of("balance", "nonce", "code", "state", "stateDiff", "movePrecompileToAddress");

  /**
   * One account's overrides; a null field is left as it is.
   *
   * @param state the whole new storage (slots not named read zero), or null
   * @param stateDiff slots to change, or null
   */
  record Account(
      UInt256 balance,
      Long nonce,
      Bytes code,
      Map<UInt256, UInt256> state,
      Map<UInt256, UInt256> stateDiff) {}

  StateOverrides {
    accounts = Map.copyOf(accounts);
  }

  boolean isEmpty() {
    return accounts.isEmpty();
  }

  /** Parses an override set; null or JSON null is no override. */
  static StateOverrides parse(JsonNode n) throws RpcException {
    if (n == null || n.isNull()) return NONE;
    if (!n.isObject()) throw RpcException.invalidParams("state override must be an object");
    if (n.size() > MAX_ACCOUNTS) {
      throw RpcException.invalidParams(
          "state override names " + n.size() + " accounts; the limit is " + MAX_ACCOUNTS);
    }
    Map<Address, Account> accounts = new LinkedHashMap<>();
    int slots = 0;
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      Address address = Params.parseAddress(e.getKey(), "state override address");
      String where = "state override for " + address.toHex();
      JsonNode o = e.getValue();
      if (!o.isObject()) throw RpcException.invalidParams(where + ": must be an object");
      for (Map.Entry<String, JsonNode> field : o.properties()) {
        String name = field.getKey();
        if (!FIELDS.contains(name)) {
          throw RpcException.invalidParams(
              where
                  + ": unknown field \""
                  + name
                  + "\" (known: balance, nonce, code, state, stateDiff)");
        }
      }
      if (o.hasNonNull("movePrecompileToAddress")) {
        throw RpcException.invalidParams(
            where + ": movePrecompileToAddress is not supported (Levity cannot move precompiles)");
      }
      if (o.hasNonNull("state") && o.hasNonNull("stateDiff")) {
        throw RpcException.invalidParams(
            where + ": has both state and stateDiff (state replaces all storage; use one)");
      }
      UInt256 balance =
          o.hasNonNull("balance")
              ? Params.parseQuantity(o.get("balance").asText(), where + " balance")
              : null;
      Long nonce =
          o.hasNonNull("nonce")
              ? Params.parseLongQuantity(o.get("nonce").asText(), where + " nonce")
              : null;
      Bytes code = null;
      if (o.hasNonNull("code")) {
        code = Params.parseData(o.get("code").asText(), where + " code");
        if (code.size() > MAX_CODE_SIZE) {
          throw RpcException.invalidParams(
              where
                  + ": code is "
                  + code.size()
                  + " bytes; the limit is "
                  + MAX_CODE_SIZE
                  + " (EIP-170)");
        }
      }
      Map<UInt256, UInt256> state = slots(o.get("state"), where + " state");
      Map<UInt256, UInt256> diff = slots(o.get("stateDiff"), where + " stateDiff");
      slots += (state == null ? 0 : state.size()) + (diff == null ? 0 : diff.size());
      if (slots > MAX_SLOTS) {
        throw RpcException.invalidParams(
            "state override sets more than " + MAX_SLOTS + " storage slots in all");
      }
      if (accounts.put(address, new Account(balance, nonce, code, state, diff)) != null) {
        throw RpcException.invalidParams(where + ": the address is named twice");
      }
    }
    return new StateOverrides(accounts);
  }

  private static Map<UInt256, UInt256> slots(JsonNode n, String what) throws RpcException {
    if (n == null || n.isNull()) return null;
    if (!n.isObject()) throw RpcException.invalidParams(what + " must be an object of slots");
    if (n.size() > MAX_SLOTS) {
      throw RpcException.invalidParams(
          what + " sets " + n.size() + " slots; the limit is " + MAX_SLOTS);
    }
    Map<UInt256, UInt256> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(word(e.getKey(), what + " slot"), word(e.getValue().asText(), what + " value"));
    }
    return m;
  }

  /** A 32-byte word in hex: at most 64 digits, leading zeros allowed (geth sends 32 bytes). */
  static UInt256 word(String s, String what) throws RpcException {
    if (!Hex.hasPrefix(s) || s.length() < 3 || s.length() > 66) {
      throw RpcException.invalidParams(what + ": expected hex of at most 32 bytes, got " + s);
    }
    for (int i = 2; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        throw RpcException.invalidParams(what + ": invalid hex " + s);
      }
    }
    return UInt256.valueOf(new BigInteger(s.substring(2), 16));
  }

  /**
   * Refuses code for a precompile's address: the EVM runs the precompile there whatever the code,
   * so the override would be silently ignored.
   */
  void refuseCodeOn(Collection<Address> precompiles) throws RpcException {
    for (Map.Entry<Address, Account> e : accounts.entrySet()) {
      if (e.getValue().code() != null && precompiles.contains(e.getKey())) {
        throw RpcException.invalidParams(
            "state override for "
                + e.getKey().toHex()
                + ": code for a precompile's address is not supported (the precompile would still"
                + " run)");
      }
    }
  }

  /**
   * Writes the overrides into a private world (before its transaction begins, so that they are the
   * original storage values of EIP-2200).
   */
  void apply(WorldView world) {
    for (Map.Entry<Address, Account> e : accounts.entrySet()) {
      Address a = e.getKey();
      Account o = e.getValue();
      if (o.state() != null) {
        // A fresh account has no storage; keep its nonce and code (the balance is kept).
        long nonce = world.nonce(a);
        Bytes code = world.code(a);
        world.createAccount(a);
        world.setNonce(a, nonce);
        world.setCode(a, code);
        o.state().forEach((k, v) -> world.setStorage(a, k, v));
      }
      if (o.stateDiff() != null) o.stateDiff().forEach((k, v) -> world.setStorage(a, k, v));
      if (o.nonce() != null) world.setNonce(a, o.nonce());
      if (o.balance() != null) world.setBalance(a, o.balance());
      if (o.code() != null) world.setCode(a, o.code());
    }
  }
}
