package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.time.TimeSource;
import io.levity.node.mempool.Mempool;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.SubscriptionHub;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Wires the methods dApp tools call beyond {@link EthApi}: polling filters, block queries, txpool
 * and, through the mempool, pending-transaction filters and newPendingTransactions subscriptions.
 */
public final class ToolingApis {
  private ToolingApis() {}

  /**
   * Registers the methods on {@code rpc} and hands each transaction the mempool takes in to the
   * filters and the hub (both cheap and non-blocking on the adding thread).
   *
   * @param coinbase what eth_coinbase answers (the node's fee recipient)
   */
  public static Filters register(
      JsonRpcProcessor rpc,
      ChainView view,
      Mempool mempool,
      SubscriptionHub hub,
      TimeSource time,
      Address coinbase) {
    // filter ids are unguessable, so one client cannot poll or remove another's filters
    return register(rpc, view, mempool, hub, time, coinbase, new SecureRandom());
  }

  /** As above, with filter ids from {@code ids}. */
  public static Filters register(
      JsonRpcProcessor rpc,
      ChainView view,
      Mempool mempool,
      SubscriptionHub hub,
      TimeSource time,
      Address coinbase,
      RandomGenerator ids) {
    Filters filters = new Filters(view, time, Filters.Limits.DEFAULT, ids);
    new FilterApi(view, filters).register(rpc);
    new ChainQueryApi(view, coinbase).register(rpc);
    new TxPoolApi(mempool, view.chainId()).register(rpc);
    long chainId = view.chainId();
    mempool.onTransactionAccepted(
        tx -> {
          filters.pendingTransaction(tx.hash());
          hub.publishPendingTransaction(
              tx.hash().toHex(), () -> TxPoolApi.transaction(tx, chainId));
        });
    return filters;
  }
}
