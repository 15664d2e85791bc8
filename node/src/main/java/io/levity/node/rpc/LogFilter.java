package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The address and topics part of an eth_getLogs / eth_subscribe("logs") filter, matched against log
 * JSON objects. Topics are positional; null matches anything; an array at a position matches any of
 * its entries.
 */
public record LogFilter(Set<String> addresses, List<Set<String>> topics) {
  public static LogFilter parse(JsonNode f) throws RpcException {
    if (f == null || f.isNull()) return new LogFilter(Set.of(), List.of());
    if (!f.isObject()) throw RpcException.invalidParams("filter must be an object");
    Set<String> addresses = new HashSet<>();
    JsonNode a = f.get("address");
    if (a != null && !a.isNull()) {
      if (a.isArray()) {
        for (JsonNode x : a)
          addresses.add(Params.parseAddress(x.asText(), "filter address").toHex());
      } else {
        addresses.add(Params.parseAddress(a.asText(), "filter address").toHex());
      }
    }
    List<Set<String>> topics = new ArrayList<>();
    JsonNode t = f.get("topics");
    if (t != null && !t.isNull()) {
      if (!t.isArray() || t.size() > 4)
        throw RpcException.invalidParams("topics must be an array of at most 4");
      for (JsonNode pos : t) {
        if (pos.isNull()) {
          topics.add(null);
        } else if (pos.isArray()) {
          Set<String> any = new HashSet<>();
          for (JsonNode x : pos) any.add(topic(x));
          topics.add(any);
        } else {
          topics.add(Set.of(topic(pos)));
        }
      }
    }
    return new LogFilter(addresses, topics);
  }

  private static String topic(JsonNode x) throws RpcException {
    String s = x.asText().toLowerCase(Locale.ROOT);
    if (!s.matches("0x[0-9a-f]{64}"))
      throw RpcException.invalidParams("topic must be 32 bytes of hex: " + x.asText());
    return s;
  }

  public boolean matches(JsonNode log) {
    if (!addresses.isEmpty()
        && !addresses.contains(log.path("address").asText().toLowerCase(Locale.ROOT))) {
      return false;
    }
    JsonNode lt = log.path("topics");
    for (int i = 0; i < topics.size(); i++) {
      Set<String> want = topics.get(i);
      if (want == null) continue;
      if (i >= lt.size() || !want.contains(lt.get(i).asText().toLowerCase(Locale.ROOT)))
        return false;
    }
    return true;
  }
}
