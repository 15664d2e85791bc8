package io.levity.cli.node;

import io.levity.cli.da.DaNodeLauncher;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.Bls;
import io.levity.da.chain.DaParameters;
import io.levity.da.chain.RpcDaChain;
import io.levity.da.client.DaNetwork;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.NodeFaults;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The devnet's data availability layer: the DataAvailability contract (deployed once, found again
 * on a restart through {@code DIR/da.json}) and its DA nodes in this process, each with an operator
 * key and a BLS key derived from public labels (devnet only), staked 1 ether, cells under {@code
 * DIR/da/nodeN}.
 */
final class DevnetDa implements AutoCloseable {
  /** The most DA nodes a devnet runs: their operators are funded at genesis. */
  static final int MAX_NODES = 16;

  private final DaNetwork network;
  private final List<DaNodeLauncher> nodes;
  private final long activeFrom;

  private DevnetDa(DaNetwork network, List<DaNodeLauncher> nodes, long activeFrom) {
    this.network = network;
    this.nodes = nodes;
    this.activeFrom = activeFrom;
  }

  /** Operator {@code i}'s key. */
  static Secp256k1.KeyPair operator(int i) {
    return LocalDevnet.devKey("levity-devnet-da-operator-" + i);
  }

  /**
   * Deploys or finds the contract, starts {@code count} nodes on {@code firstPort} + i (0: free).
   */
  static DevnetDa start(Path dir, URI rpc, int count, int firstPort, Consumer<String> log)
      throws IOException, InterruptedException {
    EthRpc eth = EthRpc.connect(rpc, Duration.ofSeconds(30));
    Path file = dir.resolve("da.json");
    DaNetwork previous = Files.isRegularFile(file) ? DaNetwork.read(file) : null;
    Address contract =
        previous != null && eth.getCode(previous.contract(), BlockTag.LATEST).size() > 0
            ? previous.contract()
            : RpcDaChain.deploy(
                new Wallet(eth, operator(0)), DaParameters.devnet(), Duration.ofSeconds(60));
    DaNetwork network = new DaNetwork(eth.chainId(), rpc, contract, true);
    List<DaNodeLauncher> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        started.add(
            DaNodeLauncher.start(
                eth,
                contract,
                new DaNodeLauncher.Config(
                    operator(i),
                    Bls.fromSeed(
                        Keccak.hash(
                            ("levity-devnet-da-node-" + i).getBytes(StandardCharsets.UTF_8))),
                    BigInteger.TEN.pow(18),
                    firstPort == 0 ? 0 : firstPort + i,
                    dir.resolve("da").resolve("node" + i),
                    DaNodeLimits.defaults(),
                    NodeFaults.none()),
                log));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (DaNodeLauncher n : started) n.close();
      throw e;
    }
    network.write(file); // once every node registered: a client never sees a partial quorum
    RpcDaChain chain = new RpcDaChain(eth, contract, Optional.empty(), Duration.ofSeconds(30));
    long activeFrom =
        chain.nodes().stream().mapToLong(n -> n.activationEpoch()).max().orElse(0)
            * chain.epochBlocks();
    return new DevnetDa(network, started, activeFrom);
  }

  DaNetwork network() {
    return network;
  }

  List<DaNodeLauncher> nodes() {
    return nodes;
  }

  /** The block from which every node is in the quorum. */
  long activeFromBlock() {
    return activeFrom;
  }

  @Override
  public void close() {
    for (DaNodeLauncher n : nodes) n.close();
  }
}
