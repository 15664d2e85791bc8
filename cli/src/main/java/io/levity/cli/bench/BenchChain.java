package io.levity.cli.bench;

import io.levity.core.crypto.Secp256k1;
import io.levity.node.runtime.Devnet;
import io.levity.node.runtime.ValidatorConfig;
import io.levity.node.runtime.ValidatorNode;
import io.levity.sdk.rpc.EthRpc;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The in-process chain the layer benchmarks run on: one validator, no data directory, 20 ms blocks,
 * {@code accounts} funded with 1,000 ETH each, JSON-RPC on a free loopback port.
 */
final class BenchChain implements AutoCloseable {
  private final ValidatorNode node;
  private final EthRpc rpc;

  private BenchChain(ValidatorNode node, EthRpc rpc) {
    this.node = node;
    this.rpc = rpc;
  }

  static BenchChain start(List<Secp256k1.KeyPair> accounts) throws InterruptedException {
    ValidatorNode node =
        new ValidatorNode(
            ValidatorConfig.of(
                0,
                null,
                Devnet.genesis(
                    Devnet.CHAIN_ID,
                    accounts.stream().map(Secp256k1.KeyPair::address).toList(),
                    1_000),
                Devnet.validatorKeys(1),
                0,
                20,
                1_000));
    try {
      node.start();
      EthRpc rpc =
          EthRpc.connect(
              URI.create("http://127.0.0.1:" + node.serveRpc(0, 0)[0]), Duration.ofSeconds(30));
      return new BenchChain(node, rpc);
    } catch (InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  EthRpc rpc() {
    return rpc;
  }

  @Override
  public void close() {
    node.close();
  }
}
