package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.time.TimeSource;
import io.levity.node.api.trace.TraceLimits;
import io.levity.node.mempool.Mempool;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.SubscriptionHub;
import java.util.Objects;

/**
 * Every JSON-RPC method a node serves, registered in one place for the BFT node and dev mode alike:
 * the eth_/net_/web3_ methods ({@link EthApi}), tracing ({@link DebugApi}), filters, block queries
 * and txpool ({@link ToolingApis}). Dev mode adds its test methods on top.
 */
public final class NodeApis {
  /**
   * What the methods read and tell.
   *
   * @param view the chain, state and mempool the methods read
   * @param config identity and limits of the eth_ methods
   * @param listener told of each transaction eth_sendRawTransaction accepted (the node gossips it)
   * @param mempool where pending-transaction filters and subscriptions hear of new transactions
   * @param hub the WebSocket subscriptions
   * @param time the clock filters expire by
   * @param coinbase what eth_coinbase answers
   */
  public record Parts(
      ChainView view,
      EthApi.Config config,
      EthApi.TransactionListener listener,
      Mempool mempool,
      SubscriptionHub hub,
      TimeSource time,
      Address coinbase) {
    public Parts {
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(listener, "listener");
      Objects.requireNonNull(mempool, "mempool");
      Objects.requireNonNull(hub, "hub");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(coinbase, "coinbase");
    }
  }

  private NodeApis() {}

  /** Registers every method on {@code rpc}; returns the filters (dev mode rewinds them). */
  public static Filters register(JsonRpcProcessor rpc, Parts p) {
    new EthApi(p.view(), p.config(), p.listener()).register(rpc);
    new DebugApi(
            p.view(), p.config().fork(), p.config().callGasCap(), TraceLimits.DEFAULT, p.time())
        .register(rpc);
    return ToolingApis.register(rpc, p.view(), p.mempool(), p.hub(), p.time(), p.coinbase());
  }
}
