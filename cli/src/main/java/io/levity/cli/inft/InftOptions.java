package io.levity.cli.inft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.options.LayerFiles;
import io.levity.cli.storage.StderrProgress;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftNetwork;
import io.levity.inft.client.InftClient;
import io.levity.inft.client.InftClientException;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleException;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.ProgressListener;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code levity inft} user command shares: {@code --inft FILE} (found like the storage
 * network file when absent), {@code --key}, {@code --json}, {@code --work-dir}, {@code --verbose};
 * opening an {@link InftClient}; printing a result as a line or one JSON object; and turning any
 * failure into one line {@code levity inft <command>: <reason>} on stderr with exit 1.
 */
final class InftOptions {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One command's work with an open client; returns the exit code. */
  @FunctionalInterface
  interface Work {
    int run(InftClient client) throws IOException, InterruptedException;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--inft", paramLabel = "FILE", descriptionKey = "inft-file")
  Path file;

  @Option(names = "--key", paramLabel = "HEX", descriptionKey = "inft-key")
  String key;

  @Option(names = "--json", descriptionKey = "inft-json")
  boolean json;

  @Option(names = "--work-dir", paramLabel = "DIR", descriptionKey = "inft-work-dir")
  Path workDir;

  @Option(names = "--verbose", descriptionKey = "inft-verbose")
  boolean verbose;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  ProgressListener progress() {
    return json ? ProgressListener.NONE : new StderrProgress(err());
  }

  /** The iNFT network file: --inft, else ./inft.json, ./.levity/devnet/inft.json, the home's. */
  Path networkFile() throws IOException {
    return LayerFiles.find(file, "inft.json", "iNFT", "start 'levity devnet' or pass --inft FILE");
  }

  /**
   * Runs {@code work} with a client for {@code --key} (a throwaway key when {@code keyOptional}).
   */
  int run(boolean keyOptional, Work work) {
    try {
      InftNetwork network = InftNetwork.read(networkFile());
      Secp256k1.KeyPair account = account(keyOptional);
      NetworkFile storageNetwork = payingWith(NetworkFile.read(network.storageNetwork()), account);
      Path work0 = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
      try (StorageClient storage =
          new StorageClient(
              storageNetwork.openChain(),
              new HttpNodeClient(),
              ReedSolomon.create(storageNetwork.dataShards(), storageNetwork.parityShards()),
              StorageClient.Config.defaults().withWorkDir(work0))) {
        InftClient client =
            new InftClient(
                account,
                network,
                EthRpc.connect(network.rpc(), Duration.ofSeconds(30)),
                new OracleClient(network.oracleUrl(), Duration.ofMinutes(5)),
                storage,
                work0,
                new SecureRandom(),
                TimeSource.system(),
                Duration.ofMinutes(2));
        return work.run(client);
      }
    } catch (OracleException
        | InftClientException
        | StorageException
        | EthRpcException
        | TransactionFailedException
        | ReceiptWaitException
        | IllegalArgumentException
        | IllegalStateException
        | ArithmeticException
        | IOException
        | UncheckedIOException e) {
      if (verbose) e.printStackTrace(err());
      return fail(LayerFiles.oneLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /**
   * The storage network with {@code key} paying for submissions when the file names an RPC chain
   * without a key of its own and LEVITY_STORAGE_KEY is unset: one {@code --key} is enough.
   */
  static NetworkFile payingWith(NetworkFile nf, Secp256k1.KeyPair key) {
    if (!(nf.chain() instanceof NetworkFile.RpcChain r)
        || r.options().containsKey("privateKey")
        || System.getenv("LEVITY_STORAGE_KEY") != null) return nf;
    Map<String, String> options = new HashMap<>(r.options());
    options.put("privateKey", key.privateKey().toHex());
    return new NetworkFile(
        new NetworkFile.RpcChain(r.url(), r.registry(), options),
        nf.dataShards(),
        nf.parityShards(),
        nf.nodes());
  }

  private Secp256k1.KeyPair account(boolean optional) {
    if (optional && (key == null || key.isBlank()))
      return Secp256k1.KeyPair.random(new SecureRandom());
    return LayerFiles.privateKey(key, "account");
  }

  /** Prints {@code human} as a line, or {@code object} as one JSON line under --json; exit 0. */
  int print(String human, ObjectNode object) {
    out().println(json ? object.toString() : human);
    return 0;
  }

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  int fail(String reason) {
    err().println("levity inft " + command.name() + ": " + reason);
    return 1;
  }
}
