package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Optional;

/**
 * A block's header fields clients use, and the hashes of its transactions (as {@code
 * eth_getBlockByNumber(n, false)} returns them). {@code baseFeePerGas} is empty before London.
 */
public record EthBlock(
    long number,
    Bytes32 hash,
    Bytes32 parentHash,
    long timestamp,
    long gasLimit,
    long gasUsed,
    Optional<UInt256> baseFeePerGas,
    List<Bytes32> transactionHashes) {
  public EthBlock {
    Require.nonNull("hash", hash, "parentHash", parentHash, "baseFeePerGas", baseFeePerGas);
    transactionHashes = List.copyOf(transactionHashes);
  }

  static EthBlock fromJson(JsonNode n, String method) {
    RpcJson.Fields f = RpcJson.fields(n, method, "block");
    return new EthBlock(
        f.get("number", RpcJson::quantity),
        f.get("hash", RpcJson::hash),
        f.get("parentHash", RpcJson::hash),
        f.get("timestamp", RpcJson::quantity),
        f.get("gasLimit", RpcJson::quantity),
        f.get("gasUsed", RpcJson::quantity),
        f.get("baseFeePerGas", RpcJson::optionalUint256),
        f.get("transactions", RpcJson::hashes));
  }
}
