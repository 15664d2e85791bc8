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
    if (n == null || !n.isObject())
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "a log is not a JSON object");
    return new EthLog(
        RpcJson.address(n.get("address"), method, "log address"),
        RpcJson.hashes(n.get("topics"), method, "log topics"),
        RpcJson.data(n.get("data"), method, "log data"),
        RpcJson.quantity(n.get("blockNumber"), method, "log blockNumber"),
        RpcJson.hash(n.get("transactionHash"), method, "log transactionHash"),
        RpcJson.quantity(n.get("logIndex"), method, "log logIndex"),
        n.path("removed").asBoolean(false));
  }
}
