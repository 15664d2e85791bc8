package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.tx.Transaction;
import io.levity.execution.block.Block;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.BlobGas;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Block queries beyond {@link EthApi}: eth_getBlockReceipts, transactions by block and index, the
 * uncle methods (a Levity block never has uncles: a count of 0x0 for a known block, null for an
 * unknown one, and null for any uncle), eth_blobBaseFee, web3_sha3 and eth_coinbase (the fee
 * recipient of the blocks this node proposes; geth's error when the node has none).
 */
public final class ChainQueryApi {
  /** The most bytes web3_sha3 hashes (the request size caps it anyway). */
  static final int MAX_SHA3_INPUT = 1 << 20;

  private final ChainView chain;
  private final BlockTags tags;
  private final Address coinbase;

  /**
   * Methods over {@code chain}.
   *
   * @param coinbase what eth_coinbase answers; null: the error geth gives without an etherbase
   */
  public ChainQueryApi(ChainView chain, Address coinbase) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.tags = new BlockTags(chain);
    this.coinbase = coinbase;
  }

  /** Registers the methods on the processor. */
  public void register(JsonRpcProcessor rpc) {
    rpc.register("eth_getBlockReceipts", p -> receipts(block(p.node(0))));
    rpc.register(
        "eth_getTransactionByBlockHashAndIndex",
        p -> transaction(chain.blocks().block(p.hash(0)), index(p)));
    rpc.register(
        "eth_getTransactionByBlockNumberAndIndex",
        p -> transaction(tags.block(p.node(0)), index(p)));
    rpc.register("eth_getUncleCountByBlockHash", p -> uncleCount(chain.blocks().block(p.hash(0))));
    rpc.register("eth_getUncleCountByBlockNumber", p -> uncleCount(tags.block(p.node(0))));
    rpc.register(
        "eth_getUncleByBlockHashAndIndex",
        p -> {
          p.hash(0);
          index(p);
          return NullNode.instance;
        });
    rpc.register(
        "eth_getUncleByBlockNumberAndIndex",
        p -> {
          tags.block(p.node(0));
          index(p);
          return NullNode.instance;
        });
    rpc.register(
        "eth_blobBaseFee",
        p -> TextNode.valueOf(EthJson.q(BlobGas.baseFee(chain.head().excessBlobGasOrZero()))));
    rpc.register("web3_sha3", ChainQueryApi::sha3);
    rpc.register("eth_coinbase", p -> coinbase());
  }

  /** A block named by a tag, a number, a hash, or an EIP-1898 object. */
  private Optional<Block> block(JsonNode id) throws RpcException {
    if (id.isObject()) {
      if (id.hasNonNull("blockHash")) return chain.blocks().block(BlockTags.blockHash(id));
      if (id.hasNonNull("blockNumber")) return tags.block(id.get("blockNumber"));
      throw RpcException.invalidParams("block object needs blockHash or blockNumber");
    }
    if (id.isTextual() && id.asText().length() == 66) {
      try {
        return chain.blocks().block(Bytes32.fromHex32(id.asText()));
      } catch (IllegalArgumentException e) {
        throw RpcException.invalidParams("block hash: " + e.getMessage());
      }
    }
    return tags.block(id);
  }

  private JsonNode receipts(Optional<Block> block) {
    if (block.isEmpty()) return NullNode.instance;
    Block b = block.get();
    Optional<List<Receipt>> receipts = chain.blocks().receipts(b.hash());
    if (receipts.isEmpty()) return NullNode.instance;
    var logs = chain.blocks().logs(b.hash());
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < b.transactions().size(); i++) {
      out.add(EthJson.receipt(b, receipts.get(), i, logs));
    }
    return out;
  }

  /** The index parameter (1). */
  private static long index(Params p) throws RpcException {
    return Params.parseLongQuantity(p.string(1), "transaction index");
  }

  private JsonNode transaction(Optional<Block> block, long index) {
    if (block.isEmpty() || index >= block.get().transactions().size()) return NullNode.instance;
    Block b = block.get();
    Transaction tx = b.transactions().get((int) index);
    return EthJson.transaction(
        tx,
        EthJson.sender(tx),
        new EthJson.Position(b.hash(), b.number(), (int) index, b.header().baseFeeOrZero()),
        chain.chainId());
  }

  private static JsonNode uncleCount(Optional<Block> block) {
    return block.isPresent() ? TextNode.valueOf("0x0") : NullNode.instance;
  }

  private static JsonNode sha3(Params p) throws RpcException {
    String s = p.string(0);
    if (s.length() > 2 + 2 * MAX_SHA3_INPUT)
      throw RpcException.invalidParams("web3_sha3: input longer than " + MAX_SHA3_INPUT + " bytes");
    return TextNode.valueOf(Keccak.hash(p.data(0)).toHex());
  }

  private JsonNode coinbase() throws RpcException {
    if (coinbase == null) {
      throw new RpcException(RpcException.SERVER_ERROR, "etherbase must be explicitly specified");
    }
    return TextNode.valueOf(coinbase.toHex());
  }
}
