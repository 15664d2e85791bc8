package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method: positional params in, a JSON result out. */
@FunctionalInterface
public interface RpcMethod {
  JsonNode call(Params params) throws RpcException;
}
