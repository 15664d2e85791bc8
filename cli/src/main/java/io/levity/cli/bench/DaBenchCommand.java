package io.levity.cli.bench;

import io.levity.cli.da.DaNodeLauncher;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.time.TimeSource;
import io.levity.da.chain.DaParameters;
import io.levity.da.chain.RpcDaChain;
import io.levity.da.client.DaClient;
import io.levity.da.client.DaClientSettings;
import io.levity.da.client.DispersalJournal;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.HttpDaNodeTransport;
import io.levity.da.node.NodeFaults;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench da}: the encoder alone (cells and proofs, MB/s on one thread and on all), a
 * node's proof checks alone, then blobs dispersed end to end to DA nodes on an in-process chain:
 * submit-to-certified latency, certified MB/s, and the gas of {@code certify} and {@code
 * checkDACert}; printed beside the anchors' published figures (no DA peer runs on this machine).
 */
@Command(name = "da", sortOptions = false)
public final class DaBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--blob-size", paramLabel = "SIZE", converter = ByteSizeConverter.class)
  long blobSize = 16L << 20;

  @Option(names = "--blobs", paramLabel = "N")
  int blobs = 8;

  @Option(names = "--da-nodes", paramLabel = "N")
  int nodes = 4;

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (blobSize < 1 || blobSize > 64L << 20)
      throw new ParameterException(spec.commandLine(), "--blob-size must be in 1..64MiB");
    if (blobs < 1 || blobs > 1000)
      throw new ParameterException(spec.commandLine(), "--blobs must be in 1..1000");
    if (nodes < 1 || nodes > 64)
      throw new ParameterException(spec.commandLine(), "--da-nodes must be in 1..64");
    if (threads < 1 || threads > 256)
      throw new ParameterException(spec.commandLine(), "--threads must be in 1..256");
    PrintWriter out = spec.commandLine().getOut();
    DaBenchRuns runs = new DaBenchRuns(out, blobSize, threads);
    runs.encodeAndVerify();
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(nodes + 1);
    Path dir = Files.createTempDirectory("levity-bench-da-");
    BenchChain chain = BenchChain.start(keys);
    List<DaNodeLauncher> started = new ArrayList<>();
    try {
      EthRpc rpc = chain.rpc();
      // 20 ms blocks: 500-block epochs are 10 s, long enough for a 64 MiB blob's round.
      DaParameters p = DaParameters.devnet();
      DaParameters params =
          new DaParameters(
              500, p.thresholdBps(), p.minStake(), p.maxNodes(), p.withdrawalDelayEpochs());
      Address contract =
          RpcDaChain.deploy(new Wallet(rpc, keys.get(0)), params, Duration.ofMinutes(1));
      for (int i = 0; i < nodes; i++) {
        started.add(
            DaNodeLauncher.start(
                rpc,
                contract,
                new DaNodeLauncher.Config(
                    keys.get(i + 1),
                    Bls.fromSeed(
                        Keccak.hash(("levity-bench-da-" + i).getBytes(StandardCharsets.UTF_8))),
                    BigInteger.TEN.pow(18),
                    0,
                    dir.resolve("node" + i),
                    DaNodeLimits.defaults().withMaxBlobBytes(Math.max(blobSize, 1L << 20)),
                    NodeFaults.none()),
                line -> {}));
      }
      RpcDaChain userChain =
          new RpcDaChain(
              rpc, contract, Optional.of(new Wallet(rpc, keys.get(0))), Duration.ofMinutes(2));
      DaClient client =
          new DaClient(
              userChain,
              HttpDaNodeTransport.defaults(),
              DaClientSettings.defaults().withMaxBlob(Math.max(blobSize, 1L << 20)),
              new DispersalJournal(dir.resolve("journal")),
              TimeSource.system());
      runs.endToEnd(client, rpc, nodes, blobs);
      return 0;
    } finally {
      for (DaNodeLauncher n : started) n.close();
      chain.close();
    }
  }
}
