package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * eth_subscribe over WebSocket: "newHeads" and "logs" (with an address/topics filter). The node
 * publishes heads and logs; each subscription's sink writes an eth_subscription notification to its
 * connection.
 */
public final class SubscriptionHub {
  private record Sub(String kind, Predicate<JsonNode> filter, Consumer<byte[]> sink) {}

  private final ObjectMapper json;
  private final Map<String, Sub> subs = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  public SubscriptionHub(ObjectMapper json) {
    this.json = json;
  }

  /** Registers a subscription for a connection; returns its id. */
  public String subscribe(Params params, Consumer<byte[]> sink) throws RpcException {
    String kind = params.string(0);
    Predicate<JsonNode> filter =
        switch (kind) {
          case "newHeads" -> h -> true;
          case "logs" ->
              LogFilter.parse(params.has(1) ? params.node(1) : json.createObjectNode())::matches;
          default ->
              throw RpcException.invalidParams(
                  "unsupported subscription: " + kind + " (newHeads, logs)");
        };
    String id = String.format("0x%032x", next.getAndIncrement());
    subs.put(id, new Sub(kind, filter, sink));
    return id;
  }

  public boolean unsubscribe(String id) {
    return subs.remove(id) != null;
  }

  /** Drops every subscription of a closed connection. */
  public void removeSink(Consumer<byte[]> sink) {
    subs.values().removeIf(s -> s.sink() == sink);
  }

  public int size() {
    return subs.size();
  }

  public void publishHead(JsonNode header) {
    publish("newHeads", header);
  }

  /** Publishes one log object ({address, topics, data, blockNumber, ...}). */
  public void publishLog(JsonNode log) {
    publish("logs", log);
  }

  private void publish(String kind, JsonNode result) {
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, Sub> e : subs.entrySet()) {
      Sub s = e.getValue();
      if (!s.kind().equals(kind) || !s.filter().test(result)) continue;
      ObjectNode n =
          json.createObjectNode().put("jsonrpc", "2.0").put("method", "eth_subscription");
      ObjectNode p = n.putObject("params").put("subscription", e.getKey());
      p.set("result", result);
      try {
        s.sink().accept(json.writeValueAsBytes(n));
      } catch (Exception ex) { // the connection is gone
        gone.add(e.getKey());
      }
    }
    gone.forEach(subs::remove);
  }
}
