package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.util.Optional;

/**
 * Finds the block a request names, against a {@link ChainView}: a tag (latest, pending, safe and
 * finalized all name the head, since BFT finality is immediate; earliest is block 0), a hex number,
 * or an EIP-1898 object with a block hash or number.
 */
final class BlockTags {
  private final ChainView chain;

  BlockTags(ChainView chain) {
    this.chain = chain;
  }

  /** The block number a tag or hex quantity names. */
  long number(String tag) throws RpcException {
    return switch (tag) {
      case "latest", "pending", "safe", "finalized" -> chain.head().number();
      case "earliest" -> 0;
      default -> Params.parseLongQuantity(tag, "block number");
    };
  }

  /** The block a tag or hex number names, if the chain has it. */
  Optional<Block> block(JsonNode tag) throws RpcException {
    if (!tag.isTextual())
      throw RpcException.invalidParams("block number must be a tag or a hex quantity");
    long n = number(tag.asText());
    return n == chain.head().number()
        ? chain.blocks().block(chain.head().hash())
        : chain.blocks().blockByNumber(n);
  }

  /**
   * The header a state query runs at: a tag, a number, or an EIP-1898 object; absent means latest.
   */
  BlockHeader header(JsonNode tag) throws RpcException {
    if (tag == null || tag.isNull()) return chain.head();
    if (tag.isObject()) {
      if (tag.hasNonNull("blockHash")) {
        return chain
            .blocks()
            .block(blockHash(tag))
            .map(Block::header)
            .orElseThrow(
                () -> new RpcException(RpcException.SERVER_ERROR, "header for hash not found"));
      }
      if (tag.hasNonNull("blockNumber")) return header(tag.get("blockNumber"));
      throw RpcException.invalidParams("block object needs blockHash or blockNumber");
    }
    if (!tag.isTextual())
      throw RpcException.invalidParams("block must be a tag, a hex number or an object");
    long n = number(tag.asText());
    BlockHeader head = chain.head();
    if (n == head.number()) return head;
    return chain
        .blocks()
        .blockByNumber(n)
        .map(Block::header)
        .orElseThrow(() -> new RpcException(RpcException.SERVER_ERROR, "header not found"));
  }

  /** The {@code blockHash} field of a request object. */
  static Bytes32 blockHash(JsonNode object) throws RpcException {
    try {
      return Bytes32.fromHex32(object.get("blockHash").asText());
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("blockHash: " + e.getMessage());
    }
  }
}
