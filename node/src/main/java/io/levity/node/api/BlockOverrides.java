package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.BlockContext;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Block overrides (the fourth parameter of eth_call and eth_estimateGas, {@code blockOverrides} of
 * an eth_simulateV1 block), with go-ethereum's field names: {@code number}, {@code time}, {@code
 * gasLimit}, {@code feeRecipient}, {@code prevRandao}, {@code baseFeePerGas}, {@code blobBaseFee};
 * the older names {@code coinbase}, {@code random} and {@code baseFee} are read too. A null field
 * keeps the block's value. {@code difficulty}, {@code beaconRoot} and {@code withdrawals} are
 * refused (nothing on Levity reads them), as is any unknown field.
 */
record BlockOverrides(
    Long number,
    Long time,
    Long gasLimit,
    Address feeRecipient,
    Bytes32 prevRandao,
    UInt256 baseFee,
    UInt256 blobBaseFee) {
  static final BlockOverrides NONE = new BlockOverrides(null, null, null, null, null, null, null);

  private static final Map<String, String> ALIASES =
      Map.of("coinbase", "feeRecipient", "random", "prevRandao", "baseFee", "baseFeePerGas");

  private static final Map<String, String> REFUSED =
      Map.of(
          "difficulty",
          "difficulty is not used since the merge (opcode 0x44 reads prevRandao); override"
              + " prevRandao",
          "beaconRoot",
          "beaconRoot is not supported: Levity has no beacon roots contract (EIP-4788)",
          "withdrawals",
          "withdrawals are not supported: Levity has no withdrawals");

  /** Parses block overrides; null or JSON null is no override. */
  static BlockOverrides parse(JsonNode n) throws RpcException {
    if (n == null || n.isNull()) return NONE;
    if (!n.isObject()) throw RpcException.invalidParams("block overrides must be an object");
    Long number = null;
    Long time = null;
    Long gasLimit = null;
    Address feeRecipient = null;
    Bytes32 prevRandao = null;
    UInt256 baseFee = null;
    UInt256 blobBaseFee = null;
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String given = e.getKey();
      if (REFUSED.containsKey(given)) {
        throw RpcException.invalidParams("block override " + REFUSED.get(given));
      }
      String name = ALIASES.getOrDefault(given, given);
      if (!seen.add(name)) {
        throw RpcException.invalidParams(
            "block override " + name + " is given twice (under two of its names)");
      }
      if (e.getValue().isNull()) continue;
      String v = e.getValue().asText();
      String what = "block override " + given;
      switch (name) {
        case "number" -> number = Params.parseLongQuantity(v, what);
        case "time" -> time = Params.parseLongQuantity(v, what);
        case "gasLimit" -> gasLimit = Params.parseLongQuantity(v, what);
        case "feeRecipient" -> feeRecipient = Params.parseAddress(v, what);
        case "prevRandao" -> prevRandao = StateOverrides.word(v, what).toBytes32();
        case "baseFeePerGas" -> baseFee = Params.parseQuantity(v, what);
        case "blobBaseFee" -> blobBaseFee = Params.parseQuantity(v, what);
        default ->
            throw RpcException.invalidParams(
                "block overrides: unknown field \""
                    + given
                    + "\" (known: number, time, gasLimit, feeRecipient, prevRandao,"
                    + " baseFeePerGas, blobBaseFee)");
      }
    }
    return new BlockOverrides(
        number, time, gasLimit, feeRecipient, prevRandao, baseFee, blobBaseFee);
  }

  /** The block context with these fields replaced. */
  BlockContext apply(BlockContext c) {
    return new BlockContext(
        feeRecipient != null ? feeRecipient : c.coinbase(),
        number != null ? number : c.number(),
        time != null ? time : c.timestamp(),
        gasLimit != null ? gasLimit : c.gasLimit(),
        prevRandao != null ? prevRandao : c.prevRandao(),
        baseFee != null ? baseFee : c.baseFee(),
        blobBaseFee != null ? blobBaseFee : c.blobBaseFee(),
        c.chainId(),
        c.blockHashes());
  }
}
