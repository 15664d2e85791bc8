package io.levity.node.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import io.levity.node.rpc.RpcMethod;
import java.math.BigInteger;

/**
 * The test methods of dev mode, under the names viem's test client (anvil mode), Foundry and
 * Hardhat use: {@code evm_snapshot}, {@code evm_revert}, {@code evm_mine}, {@code
 * evm_increaseTime}, {@code evm_setNextBlockTimestamp}, {@code evm_setAutomine}, {@code
 * anvil_mine}, {@code anvil_setBalance}, {@code anvil_setCode}, {@code anvil_setStorageAt}, {@code
 * anvil_setNonce}, {@code anvil_reset}, {@code anvil_impersonateAccount}, {@code
 * anvil_stopImpersonatingAccount} (each {@code anvil_*} also as {@code hardhat_*}), and {@code
 * eth_accounts} / {@code eth_sendTransaction} for the dev accounts, whose keys the node holds.
 */
final class DevApi {
  /** The largest code {@code anvil_setCode} installs: EIP-3860's initcode limit, 48 KiB. */
  static final int MAX_CODE_BYTES = 49_152;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final DevChain chain;
  private final DevSnapshots snapshots;
  private final DevSender sender;

  DevApi(DevChain chain, DevSender sender) {
    this.chain = chain;
    this.snapshots = new DevSnapshots(chain);
    this.sender = sender;
  }

  void register(JsonRpcProcessor rpc) {
    rpc.register("evm_snapshot", p -> TextNode.valueOf(Params.quantity(snapshots.take())));
    rpc.register("evm_revert", p -> BooleanNode.valueOf(revert(p)));
    rpc.register(
        "evm_mine",
        p -> {
          Long ts = p.has(0) && !p.node(0).isNull() ? timestamp(p.node(0)) : null;
          mine(1, ts, 1);
          return TextNode.valueOf("0x0");
        });
    rpc.register(
        "evm_increaseTime",
        p -> {
          long seconds = seconds(p.node(0));
          return TextNode.valueOf(Long.toString(guard(() -> chain.increaseTime(seconds))));
        });
    rpc.register(
        "evm_setNextBlockTimestamp",
        p -> {
          long ts = timestamp(p.node(0));
          guard(
              () -> {
                chain.setNextTimestamp(ts);
                return null;
              });
          return NullNode.instance;
        });
    rpc.register(
        "evm_setAutomine",
        p -> {
          if (!p.node(0).isBoolean()) throw RpcException.invalidParams("expected true or false");
          chain.setAutomine(p.node(0).asBoolean());
          return NullNode.instance;
        });
    both(rpc, "getAutomine", p -> BooleanNode.valueOf(chain.automine()));
    both(
        rpc,
        "mine",
        p -> {
          long count = p.has(0) && !p.node(0).isNull() ? seconds(p.node(0)) : 1;
          long interval = p.has(1) && !p.node(1).isNull() ? seconds(p.node(1)) : 0;
          mine(count, null, interval);
          return NullNode.instance;
        });
    both(rpc, "setBalance", p -> edit(p, 2, (w, a) -> w.setBalance(a, quantity(p, 1))));
    both(rpc, "setNonce", p -> edit(p, 2, (w, a) -> w.setNonce(a, nonce(p))));
    both(rpc, "setCode", p -> edit(p, 2, (w, a) -> w.setCode(a, code(p))));
    both(
        rpc,
        "setStorageAt",
        p -> edit(p, 3, (w, a) -> w.setStorage(a, word(p, 1, "slot"), word(p, 2, "value"))));
    both(rpc, "reset", this::reset);
    both(
        rpc,
        "impersonateAccount",
        p -> {
          sender.impersonate(p.address(0));
          return NullNode.instance;
        });
    both(
        rpc,
        "stopImpersonatingAccount",
        p -> {
          sender.stopImpersonating(p.address(0));
          return NullNode.instance;
        });
    rpc.register(
        "eth_accounts",
        p -> {
          var out = F.arrayNode();
          for (Address a : sender.accounts()) out.add(a.toHex());
          return out;
        });
    rpc.register("eth_sendTransaction", p -> sender.send(p.node(0)));
  }

  private static void both(JsonRpcProcessor rpc, String name, RpcMethod m) {
    rpc.register("anvil_" + name, m);
    rpc.register("hardhat_" + name, m);
  }

  private boolean revert(Params p) throws RpcException {
    long id = seconds(p.node(0));
    return snapshots.revert(id);
  }

  private JsonNode reset(Params p) throws RpcException {
    if (p.has(0) && asksToFork(p.node(0))) {
      throw RpcException.invalidParams(
          "forking is not supported: the dev chain starts from its own genesis; call reset with no"
              + " parameters");
    }
    synchronized (chain) {
      snapshots.clear();
      chain.reset();
    }
    return NullNode.instance;
  }

  /**
   * Whether a reset's parameter names a chain to fork: a URL or a block number, at the top or under
   * "forking" (viem sends {@code {"forking": {"blockNumber": null}}} for a plain reset).
   */
  private static boolean asksToFork(JsonNode n) {
    if (n.isNull()) return false;
    if (!n.isObject()) return true;
    JsonNode f = n.has("forking") ? n.get("forking") : n;
    if (f.isNull()) return false;
    if (!f.isObject()) return true;
    return f.hasNonNull("jsonRpcUrl") || f.hasNonNull("blockNumber");
  }

  private void mine(long count, Long firstTimestamp, long interval) throws RpcException {
    guard(() -> chain.mine(count, firstTimestamp, interval));
  }

  /** A state edit of the account in parameter 0, with exactly {@code arity} parameters. */
  private JsonNode edit(Params p, int arity, Edit edit) throws RpcException {
    if (p.size() != arity)
      throw RpcException.invalidParams("expected " + arity + " parameters, got " + p.size());
    Address a = p.address(0);
    RpcException[] failed = new RpcException[1];
    chain.edit(
        w -> {
          try {
            edit.apply(w, a);
          } catch (RpcException e) {
            failed[0] = e;
          }
        });
    if (failed[0] != null) throw failed[0];
    return NullNode.instance;
  }

  @FunctionalInterface
  private interface Edit {
    void apply(TrieWorldState w, Address a) throws RpcException;
  }

  @FunctionalInterface
  private interface Action<T> {
    T run();
  }

  /** Runs a chain call, turning its refusal (an IllegalArgumentException) into -32602. */
  private static <T> T guard(Action<T> a) throws RpcException {
    try {
      return a.run();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw RpcException.invalidParams(e.getMessage());
    }
  }

  private static UInt256 quantity(Params p, int i) throws RpcException {
    return Params.parseQuantity(p.string(i), "quantity");
  }

  private static long nonce(Params p) throws RpcException {
    return Params.parseLongQuantity(p.string(1), "nonce");
  }

  private static Bytes code(Params p) throws RpcException {
    Bytes code = p.data(1);
    if (code.size() > MAX_CODE_BYTES)
      throw RpcException.invalidParams(
          "code is " + code.size() + " bytes, at most " + MAX_CODE_BYTES + " allowed");
    return code;
  }

  /** A storage slot or value: hex of at most 32 bytes. */
  private static UInt256 word(Params p, int i, String what) throws RpcException {
    String s = p.string(i);
    if (!s.startsWith("0x") || s.length() < 3 || s.length() > 66)
      throw RpcException.invalidParams(what + ": expected hex of at most 32 bytes, got " + s);
    try {
      return UInt256.valueOf(new BigInteger(s.substring(2), 16));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(what + ": invalid hex " + s);
    }
  }

  /** A count or a number of seconds: a hex quantity or a JSON number, not negative. */
  static long seconds(JsonNode n) throws RpcException {
    if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) return n.asLong();
    if (n.isTextual()) {
      String s = n.asText();
      if (s.startsWith("0x")) return Params.parseLongQuantity(s, "quantity");
      try {
        long v = Long.parseLong(s);
        if (v >= 0) return v;
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw RpcException.invalidParams("expected a non-negative quantity, got " + n);
  }

  /** A timestamp in seconds; one given in milliseconds by mistake is refused, not taken. */
  private static long timestamp(JsonNode n) throws RpcException {
    long ts = seconds(n);
    if (ts > 100_000_000_000L)
      throw RpcException.invalidParams(
          "timestamp " + ts + " looks like milliseconds; give seconds");
    return ts;
  }
}
