package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.LogsBloom;
import io.levity.node.rpc.LogFilter;
import io.levity.node.rpc.RpcException;
import io.levity.node.store.ChainReader.IndexedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * eth_getLogs: the logs of one block (by hash) or of a range of blocks that match a filter, with a
 * limit on the range and on the answer. Each block's logs bloom is checked in its header first, so
 * the bodies and receipts of blocks that cannot match are never read.
 */
final class LogSearch {
  private final ChainView chain;
  private final BlockTags tags;
  private final long maxBlockRange;
  private final int maxLogs;

  LogSearch(ChainView chain, BlockTags tags, long maxBlockRange, int maxLogs) {
    this.chain = chain;
    this.tags = tags;
    this.maxBlockRange = maxBlockRange;
    this.maxLogs = maxLogs;
  }

  /** The logs the filter object {@code f} selects, as JSON. */
  JsonNode logs(JsonNode f) throws RpcException {
    LogFilter filter = LogFilter.parse(f);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (BlockHeader h : headers(f)) {
      if (!bloomMayMatch(h.logsBloom(), filter)) continue;
      for (IndexedLog l : chain.blocks().logs(h.hash())) {
        JsonNode log = EthJson.log(l);
        if (!filter.matches(log)) continue;
        if (out.size() >= maxLogs) {
          throw new RpcException(
              RpcException.LIMIT_EXCEEDED,
              "query returned more than " + maxLogs + " logs; query a narrower range");
        }
        out.add(log);
      }
    }
    return out;
  }

  /** The headers of the blocks to search; no body is read for a range. */
  private List<BlockHeader> headers(JsonNode f) throws RpcException {
    List<BlockHeader> blocks = new ArrayList<>();
    if (f.hasNonNull("blockHash")) {
      if (f.hasNonNull("fromBlock") || f.hasNonNull("toBlock")) {
        throw RpcException.invalidParams("use either blockHash or fromBlock/toBlock, not both");
      }
      Bytes32 hash = BlockTags.blockHash(f);
      blocks.add(
          chain
              .blocks()
              .block(hash)
              .orElseThrow(
                  () -> new RpcException(RpcException.SERVER_ERROR, "unknown block " + hash))
              .header());
      return blocks;
    }
    long head = chain.head().number();
    long from = f.hasNonNull("fromBlock") ? tags.number(f.get("fromBlock").asText()) : head;
    long to =
        Math.min(f.hasNonNull("toBlock") ? tags.number(f.get("toBlock").asText()) : head, head);
    if (from > to) return blocks;
    if (to - from + 1 > maxBlockRange) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "block range "
              + (to - from + 1)
              + " exceeds the limit of "
              + maxBlockRange
              + " blocks; query a narrower range");
    }
    for (long n = from; n <= to; n++) chain.blocks().headerByNumber(n).ifPresent(blocks::add);
    return blocks;
  }

  static boolean bloomMayMatch(Bytes bloom, LogFilter filter) {
    if (!anyInBloom(bloom, filter.addresses())) return false;
    for (Set<String> position : filter.topics()) {
      if (position != null && !anyInBloom(bloom, position)) return false;
    }
    return true;
  }

  private static boolean anyInBloom(Bytes bloom, Set<String> values) {
    if (values.isEmpty()) return true;
    for (String v : values) {
      if (LogsBloom.mightContain(bloom, Bytes.fromHex(v))) return true;
    }
    return false;
  }
}
