package io.levity.cli.node;

import io.levity.core.crypto.Secp256k1;
import io.levity.execution.block.Genesis;
import io.levity.node.runtime.Devnet;
import io.levity.node.runtime.ValidatorConfig;
import io.levity.node.runtime.ValidatorNode;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A chain of one validator in this JVM for integration tests: RocksDB in memory, real consensus
 * with 20 ms blocks, block execution and JSON-RPC over loopback HTTP; genesis funds the given
 * accounts with 1000 ETH each.
 */
public final class OneValidatorChain implements AutoCloseable {
  private final ValidatorNode node;
  private final URI rpcUrl;

  private OneValidatorChain(ValidatorNode node, URI rpcUrl) {
    this.node = node;
    this.rpcUrl = rpcUrl;
  }

  /** Starts it; {@code genesis} may add to the genesis (e.g. a contract). */
  public static OneValidatorChain start(
      List<Secp256k1.KeyPair> accounts, UnaryOperator<Genesis> genesis)
      throws InterruptedException {
    Genesis g =
        genesis.apply(
            Devnet.genesis(
                Devnet.CHAIN_ID,
                accounts.stream().map(Secp256k1.KeyPair::address).toList(),
                1_000));
    ValidatorNode node =
        new ValidatorNode(ValidatorConfig.of(0, null, g, Devnet.validatorKeys(1), 0, 20, 1_000));
    node.start();
    return new OneValidatorChain(node, URI.create("http://127.0.0.1:" + node.serveRpc(0, 0)[0]));
  }

  public ValidatorNode node() {
    return node;
  }

  public URI rpcUrl() {
    return rpcUrl;
  }

  @Override
  public void close() {
    node.close();
  }
}
