package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * A contract event as {@code eth_getLogs} and receipts return it: the emitting contract, its topics
 * (the first is the event's signature hash unless the event is anonymous) and its data; where it
 * happened; and {@code removed} when a reorganisation dropped it.
 */
public record EthLog(
    Address address,
    List<Bytes32> topics,
    Bytes data,
    long blockNumber,
    Bytes32 transactionHash,
    long logIndex,
    boolean removed) {
  public EthLog {
    Objects.requireNonNull(address, "address");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(transactionHash, "transactionHash");
  }

  static EthLog fromJson(JsonNode n, String method) {
    RpcJson.Fields f = RpcJson.fields(n, method, "log");
    return new EthLog(
        f.get("address", RpcJson::address),
        f.get("topics", RpcJson::hashes),
        f.get("data", RpcJson::data),
        f.get("blockNumber", RpcJson::quantity),
        f.get("transactionHash", RpcJson::hash),
        f.get("logIndex", RpcJson::quantity),
        n.path("removed").asBoolean(false));
  }
}
