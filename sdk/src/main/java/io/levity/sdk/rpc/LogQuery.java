package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@code eth_getLogs} filter: the emitting contracts (empty: any), a block range, and per topic
 * position the accepted values (an empty list accepts any value there).
 */
public record LogQuery(
    List<Address> addresses, BlockTag fromBlock, BlockTag toBlock, List<List<Bytes32>> topics) {
  public LogQuery {
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(fromBlock, "fromBlock");
    Objects.requireNonNull(toBlock, "toBlock");
    List<List<Bytes32>> t = new ArrayList<>();
    for (List<Bytes32> anyOf : topics) t.add(List.copyOf(anyOf));
    if (t.size() > 4) throw new IllegalArgumentException("at most 4 topics, got " + t.size());
    topics = List.copyOf(t);
  }

  /** Logs of {@code contract} in blocks {@code [from, to]}, any topics. */
  public static LogQuery of(Address contract, long from, long to) {
    return new LogQuery(List.of(contract), BlockTag.number(from), BlockTag.number(to), List.of());
  }

  /**
   * The same query with topic position {@code i} accepting exactly {@code value}, or any value when
   * it is null.
   */
  public LogQuery withTopic(int i, Bytes32 value) {
    if (i < 0 || i > 3) throw new IllegalArgumentException("topic position " + i);
    List<List<Bytes32>> t = new ArrayList<>(topics);
    while (t.size() <= i) t.add(List.of());
    t.set(i, value == null ? List.of() : List.of(value));
    return new LogQuery(addresses, fromBlock, toBlock, t);
  }

  ObjectNode toJson() {
    ObjectNode o = JsonRpc.object();
    if (addresses.size() == 1) o.put("address", addresses.get(0).toHex());
    else if (!addresses.isEmpty()) {
      ArrayNode a = o.putArray("address");
      for (Address x : addresses) a.add(x.toHex());
    }
    o.put("fromBlock", fromBlock.value()).put("toBlock", toBlock.value());
    int last = topics.size() - 1;
    while (last >= 0 && topics.get(last).isEmpty()) last--;
    if (last >= 0) {
      ArrayNode ts = o.putArray("topics");
      for (int i = 0; i <= last; i++) {
        List<Bytes32> anyOf = topics.get(i);
        if (anyOf.isEmpty()) ts.addNull();
        else if (anyOf.size() == 1) ts.add(anyOf.get(0).toHex());
        else {
          ArrayNode alt = ts.addArray();
          for (Bytes32 b : anyOf) alt.add(b.toHex());
        }
      }
    }
    return o;
  }
}
