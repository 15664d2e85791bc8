package io.levity.node.runtime;

import io.levity.node.mempool.MempoolConfig;
import io.levity.node.p2p.P2pConfig;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The limits an operator may tune for one node process (from node.json's {@code limits}, see
 * docs/node.md): the mempool's, and changes to the p2p defaults. The JSON-RPC server's limits
 * travel with the server ({@code RpcServerConfig}).
 *
 * @param mempool mempool limits
 * @param p2p applied to the p2p configuration the node derives from its network (chain id, genesis,
 *     host, port and reserved validator slots are set before, and stay)
 */
public record NodeLimits(MempoolConfig mempool, UnaryOperator<P2pConfig> p2p) {
  /** The built-in defaults: {@link MempoolConfig#DEFAULT} and the p2p defaults unchanged. */
  public static final NodeLimits DEFAULT = new NodeLimits(MempoolConfig.DEFAULT, c -> c);

  public NodeLimits {
    Objects.requireNonNull(mempool, "mempool");
    Objects.requireNonNull(p2p, "p2p");
  }
}
