package io.levity.node.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.execution.block.Block;
import io.levity.execution.block.Genesis;
import io.levity.node.api.EthApi;
import io.levity.node.api.EthJson;
import io.levity.node.api.Filters;
import io.levity.node.api.NodeApis;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.JsonRpcServer;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.node.runtime.Devnet;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.List;
import java.util.Objects;

/**
 * {@code levity devnet --dev}: one node on the dev chain id, in memory, mining at once (see {@link
 * DevChain}), serving the eth_* methods and the test methods ({@link DevApi}) over HTTP and
 * WebSocket. Nothing is kept across restarts, as with Hardhat's and anvil's in-memory chains.
 */
public final class DevNode implements AutoCloseable {
  /** What {@code web3_clientVersion} answers: Levity, in dev mode. */
  public static final String CLIENT_VERSION = "Levity/v0.1.0/java/dev";

  /**
   * How the dev chain starts.
   *
   * @param chainId must be {@link Devnet#CHAIN_ID}: dev mode's methods rewrite history and state,
   *     so they are never served on another chain
   * @param keys the dev accounts: funded at genesis, and the node signs eth_sendTransaction for
   *     them
   * @param etherEach each dev account's balance at genesis
   * @param gasLimit the block gas limit
   */
  public record Config(long chainId, List<Secp256k1.KeyPair> keys, long etherEach, long gasLimit) {
    public Config {
      if (chainId != Devnet.CHAIN_ID)
        throw new IllegalArgumentException(
            "dev mode runs on the dev chain id " + Devnet.CHAIN_ID + " only, not " + chainId);
      keys = List.copyOf(keys);
      if (etherEach < 0) throw new IllegalArgumentException("ether must not be negative");
      if (gasLimit < 5_000) throw new IllegalArgumentException("gas limit below 5000");
    }
  }

  private final JsonRpcProcessor rpc = new JsonRpcProcessor(1000);
  private final SubscriptionHub hub = new SubscriptionHub(rpc.json());
  private final RocksDbBlockStore store;
  private final DevChain chain;
  private JsonRpcServer server;

  public DevNode(Config cfg, TimeSource time) {
    Objects.requireNonNull(time, "time");
    List<Address> addresses = cfg.keys().stream().map(Secp256k1.KeyPair::address).toList();
    Genesis genesis = Devnet.genesis(cfg.chainId(), addresses, cfg.etherEach(), cfg.gasLimit());
    this.store = new RocksDbBlockStore(new InMemoryKeyValueStore());
    store.initialize(genesis);
    Mempool mempool =
        new Mempool(
            MempoolConfig.DEFAULT,
            new StateAccounts(store.keyValueStore(), genesis.block().header().stateRoot()),
            cfg.gasLimit(),
            time);
    this.chain = new DevChain(cfg.chainId(), store, mempool, time, Address.ZERO, this::mined);
    EthApi.Config api = EthApi.Config.DEFAULT;
    Filters filters =
        NodeApis.register(
            rpc,
            new NodeApis.Parts(
                new DevChainView(cfg.chainId(), chain),
                new EthApi.Config(
                    CLIENT_VERSION,
                    api.fork(),
                    api.callGasCap(),
                    api.maxLogBlockRange(),
                    api.maxLogs(),
                    api.defaultPriorityFee()),
                (tx, raw) -> {},
                mempool,
                hub,
                time,
                Address.ZERO));
    chain.onRewind(filters::rewoundTo);
    new DevApi(chain, new DevSender(cfg.chainId(), chain, cfg.keys(), rpc)).register(rpc);
  }

  private void mined(Block b) {
    hub.publishBlock(
        () -> EthJson.head(b),
        () -> store.logs(b.hash()).stream().<JsonNode>map(EthJson::log).toList());
  }

  /** The chain, for in-process use (tests). */
  public DevChain chain() {
    return chain;
  }

  /** The JSON-RPC methods, callable in-process. */
  public JsonRpcProcessor rpc() {
    return rpc;
  }

  /** Serves JSON-RPC over HTTP and WebSocket on 127.0.0.1 (0 picks a port); returns the ports. */
  public int[] serveRpc(int httpPort, int wsPort, RpcServerConfig config)
      throws InterruptedException {
    server = new JsonRpcServer(rpc, hub, config);
    return new int[] {server.startHttp(httpPort), server.startWebSocket(wsPort)};
  }

  @Override
  public void close() {
    if (server != null) server.close();
    hub.close();
    store.close();
  }
}
