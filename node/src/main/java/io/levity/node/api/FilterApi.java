package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.LogFilter;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcCaller;
import io.levity.node.rpc.RpcException;
import java.util.Objects;

/**
 * The polling filter methods over {@link Filters}: eth_newFilter, eth_newBlockFilter,
 * eth_newPendingTransactionFilter, eth_getFilterChanges, eth_getFilterLogs and eth_uninstallFilter.
 * An unknown or expired id answers -32000 "filter not found" (as geth does; viem then installs the
 * filter again).
 */
public final class FilterApi {
  private final Filters filters;
  private final BlockTags tags;
  private final LogSearch logs;

  /** Methods over {@code filters}; eth_getFilterLogs has eth_getLogs' default limits. */
  public FilterApi(ChainView chain, Filters filters) {
    this(chain, filters, EthApi.Config.DEFAULT);
  }

  public FilterApi(ChainView chain, Filters filters, EthApi.Config config) {
    Objects.requireNonNull(chain, "chain");
    this.filters = Objects.requireNonNull(filters, "filters");
    this.tags = new BlockTags(chain);
    this.logs = new LogSearch(chain, tags, config.maxLogBlockRange(), config.maxLogs());
  }

  /** Registers the filter methods on the processor. */
  public void register(JsonRpcProcessor rpc) {
    rpc.register("eth_newFilter", this::newFilter);
    rpc.register(
        "eth_newBlockFilter",
        p -> TextNode.valueOf(filters.install(RpcCaller.current(), Filters.Kind.BLOCKS)));
    rpc.register(
        "eth_newPendingTransactionFilter",
        p -> TextNode.valueOf(filters.install(RpcCaller.current(), Filters.Kind.PENDING)));
    rpc.register("eth_getFilterChanges", p -> filters.changes(id(p)));
    rpc.register("eth_getFilterLogs", p -> logs.logs(filters.logCriteria(id(p))));
    rpc.register("eth_uninstallFilter", p -> BooleanNode.valueOf(filters.uninstall(id(p))));
  }

  private JsonNode newFilter(Params p) throws RpcException {
    JsonNode criteria = p.has(0) ? p.node(0) : JsonNodeFactory.instance.objectNode();
    LogFilter match = LogFilter.parse(criteria);
    Filters.Bounds bounds = new Filters.Bounds(null, null);
    if (criteria.hasNonNull("blockHash")) {
      if (criteria.hasNonNull("fromBlock") || criteria.hasNonNull("toBlock")) {
        throw RpcException.invalidParams("use either blockHash or fromBlock/toBlock, not both");
      }
      BlockTags.blockHash(criteria);
    } else {
      bounds = new Filters.Bounds(bound(criteria.get("fromBlock")), bound(criteria.get("toBlock")));
    }
    return TextNode.valueOf(filters.installLogs(RpcCaller.current(), criteria, match, bounds));
  }

  /** A block bound: a number or earliest; latest, pending, safe and finalized follow the head. */
  private Long bound(JsonNode n) throws RpcException {
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw RpcException.invalidParams("block must be a tag or a hex quantity");
    return switch (n.asText()) {
      case "latest", "pending", "safe", "finalized" -> null;
      default -> tags.number(n.asText());
    };
  }

  private static String id(Params p) throws RpcException {
    String id = p.string(0);
    if (id.length() > 66) throw RpcException.invalidParams("filter id too long");
    return id;
  }
}
