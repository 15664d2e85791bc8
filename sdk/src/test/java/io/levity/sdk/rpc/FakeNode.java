package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process stand-in for a node's JSON-RPC: scripted handlers per method, every call recorded.
 * Unknown methods answer "method not found".
 */
public final class FakeNode implements RpcTransport {
  /** Answers one call; throwing an {@link EthRpcException} models a failure. */
  @FunctionalInterface
  public interface Handler {
    Object handle(JsonNode params);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Handler> handlers = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  public FakeNode on(String method, Handler h) {
    handlers.put(method, h);
    return this;
  }

  /** Always answers {@code result} (a string, number, JSON node or null). */
  public FakeNode answer(String method, Object result) {
    return on(method, p -> result);
  }

  /** The methods called so far, in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String method) {
    return calls.stream().filter(method::equals).count();
  }

  public static RpcErrorException error(String method, int code, String message) {
    return new RpcErrorException(method, 200, code, message, null);
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public JsonNode call(String method, Object... params) {
    Handler h;
    synchronized (this) {
      calls.add(method);
      h = handlers.get(method);
    }
    if (h == null) throw error(method, -32601, "the method " + method + " does not exist");
    Object r = h.handle(JSON.valueToTree(Arrays.asList(params)));
    return r == null ? NullNode.getInstance() : r instanceof JsonNode n ? n : JSON.valueToTree(r);
  }

  @Override
  public List<JsonNode> batch(String method, List<? extends List<?>> paramsList) {
    List<JsonNode> out = new ArrayList<>();
    for (List<?> p : paramsList) out.add(call(method, p.toArray()));
    return out;
  }
}
