package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Moves JSON-RPC calls to a node and back: {@link JsonRpc} over HTTP, or an in-process stand-in in
 * tests. Failures are {@link EthRpcException}s.
 */
public interface RpcTransport {
  /**
   * Calls {@code method} with positional parameters (strings, numbers, booleans, lists, maps or
   * JSON nodes) and returns its {@code result}, which may be a JSON null.
   */
  JsonNode call(String method, Object... params);

  /**
   * Calls {@code method} once per parameter list and returns the results in the same order; any
   * entry's error fails the whole batch.
   */
  List<JsonNode> batch(String method, List<? extends List<?>> paramsList);
}
