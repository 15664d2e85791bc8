package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mined transaction's receipt: whether it succeeded ({@code status} 1) or reverted (0), the gas
 * it used, the contract it created and the events it emitted.
 */
public record TxReceipt(
    Bytes32 transactionHash,
    long blockNumber,
    Bytes32 blockHash,
    boolean succeeded,
    long gasUsed,
    Optional<Address> contractAddress,
    List<EthLog> logs) {
  public TxReceipt {
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(contractAddress, "contractAddress");
    logs = List.copyOf(logs);
  }

  static TxReceipt fromJson(JsonNode n, String method) {
    if (!n.isObject())
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "a receipt is not a JSON object");
    long status = RpcJson.quantity(n.get("status"), method, "receipt status");
    if (status > 1)
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "receipt status " + status);
    JsonNode logsJson = n.get("logs");
    List<EthLog> logs = new ArrayList<>();
    if (logsJson != null && logsJson.isArray())
      for (JsonNode l : logsJson) logs.add(EthLog.fromJson(l, method));
    return new TxReceipt(
        RpcJson.hash(n.get("transactionHash"), method, "receipt transactionHash"),
        RpcJson.quantity(n.get("blockNumber"), method, "receipt blockNumber"),
        RpcJson.hash(n.get("blockHash"), method, "receipt blockHash"),
        status == 1,
        RpcJson.quantity(n.get("gasUsed"), method, "receipt gasUsed"),
        RpcJson.optionalAddress(n.get("contractAddress"), method, "receipt contractAddress"),
        logs);
  }
}
