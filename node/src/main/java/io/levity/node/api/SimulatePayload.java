package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.node.api.CallExecutor.CallRequest;
import io.levity.node.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first parameter of eth_simulateV1: {@code blockStateCalls} (each with {@code blockOverrides},
 * {@code stateOverrides} and {@code calls}) and the options {@code validation}, {@code
 * traceTransfers} and {@code returnFullTransactions} (all false by default). Unknown fields are
 * refused; so are more than {@link #MAX_BLOCKS} blocks or {@link #MAX_CALLS} calls in all.
 */
record SimulatePayload(
    List<SimBlock> blocks, boolean validation, boolean traceTransfers, boolean fullTransactions) {
  /** The most blocks one request may simulate, counting the gaps filled (go-ethereum's limit). */
  static final int MAX_BLOCKS = 256;

  /** The most calls one request may hold over all its blocks. */
  static final int MAX_CALLS = 1_000;

  /** JSON-RPC error go-ethereum answers when a request exceeds a limit. */
  static final int CLIENT_LIMIT_EXCEEDED = -38026;

  private static final List<String> FIELDS =
      List.of("blockStateCalls", "validation", "traceTransfers", "returnFullTransactions");
  private static final List<String> BLOCK_FIELDS =
      List.of("blockOverrides", "stateOverrides", "calls");

  /** One simulated block as asked for. */
  record SimBlock(BlockOverrides block, StateOverrides state, List<CallRequest> calls) {
    SimBlock {
      calls = List.copyOf(calls);
    }
  }

  SimulatePayload {
    blocks = List.copyOf(blocks);
  }

  static SimulatePayload parse(JsonNode n) throws RpcException {
    if (n == null || !n.isObject()) {
      throw RpcException.invalidParams("eth_simulateV1 takes an object with blockStateCalls");
    }
    unknown(n, FIELDS, "eth_simulateV1 payload");
    JsonNode bsc = n.get("blockStateCalls");
    if (bsc == null || !bsc.isArray()) {
      throw RpcException.invalidParams("blockStateCalls must be an array");
    }
    if (bsc.size() > MAX_BLOCKS) {
      throw new RpcException(
          CLIENT_LIMIT_EXCEEDED,
          "too many blocks: " + bsc.size() + " block state calls; the limit is " + MAX_BLOCKS);
    }
    List<SimBlock> blocks = new ArrayList<>();
    int calls = 0;
    for (JsonNode b : bsc) {
      String where = "blockStateCalls[" + blocks.size() + "]";
      if (!b.isObject()) throw RpcException.invalidParams(where + " must be an object");
      unknown(b, BLOCK_FIELDS, where);
      List<CallRequest> list = new ArrayList<>();
      JsonNode c = b.get("calls");
      if (c != null && !c.isNull()) {
        if (!c.isArray()) throw RpcException.invalidParams(where + ".calls must be an array");
        calls += c.size();
        if (calls > MAX_CALLS) {
          throw new RpcException(
              CLIENT_LIMIT_EXCEEDED, "too many calls: the limit is " + MAX_CALLS + " in all");
        }
        for (JsonNode call : c) list.add(CallExecutor.parse(call));
      }
      blocks.add(
          new SimBlock(
              BlockOverrides.parse(b.get("blockOverrides")),
              StateOverrides.parse(b.get("stateOverrides")),
              list));
    }
    return new SimulatePayload(
        blocks,
        flag(n, "validation"),
        flag(n, "traceTransfers"),
        flag(n, "returnFullTransactions"));
  }

  private static boolean flag(JsonNode n, String name) throws RpcException {
    JsonNode f = n.get(name);
    if (f == null || f.isNull()) return false;
    if (!f.isBoolean()) throw RpcException.invalidParams(name + " must be a boolean");
    return f.asBoolean();
  }

  private static void unknown(JsonNode n, List<String> known, String where) throws RpcException {
    for (Map.Entry<String, JsonNode> field : n.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        throw RpcException.invalidParams(
            where + ": unknown field \"" + name + "\" (known: " + String.join(", ", known) + ")");
      }
    }
  }
}
