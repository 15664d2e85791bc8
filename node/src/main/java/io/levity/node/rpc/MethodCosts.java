package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a request costs of a client's rate: 1 for a lookup, more for methods that execute code or
 * scan many blocks, so that the same budget buys a thousand eth_blockNumber calls but only a few
 * dozen eth_estimateGas calls.
 */
public record MethodCosts(Map<String, Integer> costs, int defaultCost) {
  /** Roughly each method's work relative to a lookup, measured as it runs in the node. */
  public static final MethodCosts DEFAULT =
      new MethodCosts(
          Map.ofEntries(
              Map.entry("eth_call", 10),
              Map.entry("eth_estimateGas", 20),
              Map.entry("eth_createAccessList", 20),
              Map.entry("eth_simulateV1", 50),
              Map.entry("eth_getLogs", 20),
              Map.entry("eth_getFilterLogs", 20),
              Map.entry("eth_getBlockReceipts", 5),
              Map.entry("txpool_content", 10),
              Map.entry("eth_getProof", 10),
              Map.entry("eth_feeHistory", 10),
              Map.entry("eth_sendRawTransaction", 2),
              Map.entry("debug_traceTransaction", 200),
              Map.entry("debug_traceCall", 200),
              Map.entry("debug_traceBlockByNumber", 500),
              Map.entry("debug_traceBlockByHash", 500)),
          1);

  public MethodCosts {
    costs = Map.copyOf(costs);
  }

  /** The cost of one request or of a whole batch (the sum of its entries). */
  public long of(JsonNode request) {
    if (request.isArray()) {
      long sum = 0;
      for (JsonNode r : request) sum += one(r);
      return Math.max(1, sum);
    }
    return one(request);
  }

  private int one(JsonNode request) {
    JsonNode m = request.get("method");
    return m != null && m.isTextual() ? costs.getOrDefault(m.asText(), defaultCost) : defaultCost;
  }
}
