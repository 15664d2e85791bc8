package io.levity.cli.da;

import io.levity.cli.options.LayerFiles;
import io.levity.cli.storage.UntilStopped;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsSecretKey;
import io.levity.da.client.DaNetwork;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.NodeFaults;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code levity da node --key HEX}: registers a DA node (stake and a BLS key proven by possession)
 * unless its operator already did, then verifies, stores, signs and serves cells on 127.0.0.1 until
 * stopped. Its BLS key is {@code DATA-DIR/bls.key}, made on the first start.
 */
@Command(name = "node")
public final class DaNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", paramLabel = "HEX")
  String key;

  @Option(names = "--da", paramLabel = "FILE")
  Path file;

  @Option(names = "--port", paramLabel = "PORT")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--stake", paramLabel = "WEI")
  BigInteger stake = BigInteger.TEN.pow(18);

  @Option(names = "--max-blob", paramLabel = "BYTES")
  long maxBlob = BlobLayout.DEFAULT_MAX_BLOB;

  @Option(names = "--retention-epochs", paramLabel = "N")
  long retentionEpochs = DaNodeLimits.defaults().retentionEpochs();

  @Override
  public Integer call() throws InterruptedException {
    try {
      Secp256k1.KeyPair operator = LayerFiles.privateKey(key, "operator");
      DaNetwork network =
          DaNetwork.read(
              LayerFiles.find(
                  file, "da.json", "data availability", "start 'levity devnet' or pass --da FILE"));
      Path dir = dataDir != null ? dataDir : LayerFiles.levityDir("da-node");
      Files.createDirectories(dir);
      BlsKeyPair bls = blsKey(dir.resolve("bls.key"));
      DaNodeLimits limits =
          DaNodeLimits.defaults().withMaxBlobBytes(maxBlob).withRetentionEpochs(retentionEpochs);
      EthRpc eth = EthRpc.connect(network.rpc(), Duration.ofSeconds(30));
      DaNodeLauncher[] node = new DaNodeLauncher[1];
      return UntilStopped.serve(
          "da-node",
          () -> {
            if (node[0] != null) node[0].close();
          },
          () -> {
            node[0] =
                DaNodeLauncher.start(
                    eth,
                    network.contract(),
                    new DaNodeLauncher.Config(
                        operator, bls, stake, port, dir, limits, NodeFaults.none()),
                    line -> spec.commandLine().getErr().println(line));
            spec.commandLine()
                .getOut()
                .println("DA node " + node[0].index() + " serving on " + node[0].endpoint());
            spec.commandLine().getOut().flush();
          });
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getErr().println("levity da node: " + LayerFiles.oneLine(e));
      return 1;
    }
  }

  /** The node's BLS key from {@code file} (hex secret), made with a secure random on first use. */
  static BlsKeyPair blsKey(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      String hex = Files.readString(file, StandardCharsets.UTF_8).trim();
      try {
        return Bls.fromSecret(new BlsSecretKey(new BigInteger(hex, 16)));
      } catch (RuntimeException e) {
        throw new IOException(file + " does not hold a BLS secret key: " + e.getMessage(), e);
      }
    }
    BlsKeyPair k = Bls.generate(new SecureRandom());
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".bls", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, k.secret().scalar().toString(16) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return k;
  }
}
