package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Objects;
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
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
    transactionHashes = List.copyOf(transactionHashes);
  }

  static EthBlock fromJson(JsonNode n, String method) {
    if (!n.isObject())
      throw new RpcProtocolException(
          method, RpcProtocolException.NO_STATUS, "a block is not a JSON object");
    JsonNode baseFee = n.get("baseFeePerGas");
    return new EthBlock(
        RpcJson.quantity(n.get("number"), method, "block number"),
        RpcJson.hash(n.get("hash"), method, "block hash"),
        RpcJson.hash(n.get("parentHash"), method, "block parentHash"),
        RpcJson.quantity(n.get("timestamp"), method, "block timestamp"),
        RpcJson.quantity(n.get("gasLimit"), method, "block gasLimit"),
        RpcJson.quantity(n.get("gasUsed"), method, "block gasUsed"),
        RpcJson.present(baseFee)
            ? Optional.of(RpcJson.uint256(baseFee, method, "block baseFeePerGas"))
            : Optional.empty(),
        RpcJson.hashes(n.get("transactions"), method, "block transactions"));
  }
}
