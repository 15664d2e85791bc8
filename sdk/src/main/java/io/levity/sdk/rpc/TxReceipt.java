package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.lang.Require;
import java.util.ArrayList;
import java.util.List;
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
    Require.nonNull(
        "transactionHash",
        transactionHash,
        "blockHash",
        blockHash,
        "contractAddress",
        contractAddress);
    logs = List.copyOf(logs);
  }

  static TxReceipt fromJson(JsonNode n, String method) {
    RpcJson.Fields f = RpcJson.fields(n, method, "receipt");
    long status = f.get("status", RpcJson::quantity);
    if (status > 1)
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "receipt status " + status);
    JsonNode logsJson = f.get("logs");
    List<EthLog> logs = new ArrayList<>();
    if (logsJson != null && logsJson.isArray())
      for (JsonNode l : logsJson) logs.add(EthLog.fromJson(l, method));
    return new TxReceipt(
        f.get("transactionHash", RpcJson::hash),
        f.get("blockNumber", RpcJson::quantity),
        f.get("blockHash", RpcJson::hash),
        status == 1,
        f.get("gasUsed", RpcJson::quantity),
        f.get("contractAddress", RpcJson::optionalAddress),
        logs);
  }
}
