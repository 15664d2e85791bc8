package io.levity.cli.da;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.node.DevnetUser;
import io.levity.cli.options.LayerFiles;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.da.chain.DaChainException;
import io.levity.da.chain.RpcDaChain;
import io.levity.da.client.DaClient;
import io.levity.da.client.DaClientSettings;
import io.levity.da.client.DaNetwork;
import io.levity.da.client.DispersalJournal;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.node.HttpDaNodeTransport;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the {@code levity da} client commands share: {@code --da FILE} (found like the other network
 * files), {@code --key} (or LEVITY_KEY; on a devnet, the devnet's DA user), {@code --data-dir} (the
 * dispersal journal, default {@code ~/.levity/da}), {@code --json}, {@code --verbose}; and every
 * expected failure as one line {@code levity da <command>: <reason>}, exit 1.
 */
final class DaUserOptions {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One command's work; returns the exit code. */
  @FunctionalInterface
  interface Work {
    int run() throws IOException, InterruptedException;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--da", paramLabel = "FILE", descriptionKey = "da-user-da")
  Path file;

  @Option(names = "--key", paramLabel = "HEX", descriptionKey = "da-user-key")
  String key;

  @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "da-user-data-dir")
  Path dataDir;

  @Option(names = "--max-blob", paramLabel = "BYTES", descriptionKey = "da-user-max-blob")
  long maxBlob = BlobLayout.DEFAULT_MAX_BLOB;

  @Option(names = "--json", descriptionKey = "da-user-json")
  boolean json;

  @Option(names = "--verbose", descriptionKey = "da-user-verbose")
  boolean verbose;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  /** The journal's folder: --data-dir, else ~/.levity/da. */
  Path dataDir() {
    return dataDir != null ? dataDir : LayerFiles.levityDir("da");
  }

  /** The network file. */
  DaNetwork network() throws IOException {
    return DaNetwork.read(
        LayerFiles.find(
            file, "da.json", "data availability", "start 'levity devnet' or pass --da FILE"));
  }

  /**
   * The key that pays for certificates: --key; else, on a devnet, the devnet's DA user (said on
   * stderr unless --json); else none (read-only commands).
   */
  Optional<Secp256k1.KeyPair> key(DaNetwork network) {
    if (key != null && !key.isBlank()) return Optional.of(LayerFiles.privateKey(key, "account"));
    if (network.devnet()) return Optional.of(DevnetUser.DA_KEY);
    return Optional.empty();
  }

  /** A client of the network file's DA layer. */
  DaClient client(boolean needsKey) throws IOException {
    DaNetwork network = network();
    Optional<Secp256k1.KeyPair> k = key(network);
    if (needsKey && k.isEmpty())
      throw new IllegalArgumentException(
          "give the key that pays for the certificate with --key HEX (or LEVITY_KEY)");
    EthRpc eth = EthRpc.connect(network.rpc(), Duration.ofSeconds(30));
    RpcDaChain chain =
        new RpcDaChain(
            eth, network.contract(), k.map(kp -> new Wallet(eth, kp)), Duration.ofMinutes(2));
    return new DaClient(
        chain,
        HttpDaNodeTransport.defaults(),
        DaClientSettings.defaults().withMaxBlob(maxBlob),
        new DispersalJournal(dataDir().resolve("blobs")),
        TimeSource.system());
  }

  /** A blob id argument. */
  static Bytes32 blobId(String s) {
    try {
      return Bytes32.fromHex32(s.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a blob id (32 bytes of hex): " + s);
    }
  }

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints {@code o} as one line of JSON. */
  void print(ObjectNode o) {
    out().println(o.toString());
    out().flush();
  }

  /** Says {@code line} on stderr unless --json. */
  void progress(String line) {
    if (json) return;
    err().println(line);
    err().flush();
  }

  /** Runs {@code work}, turning every expected failure into one line and exit 1. */
  int run(Work work) {
    try {
      return work.run();
    } catch (DaChainException
        | EthRpcException
        | TransactionFailedException
        | ReceiptWaitException
        | IllegalArgumentException
        | IllegalStateException
        | IOException
        | UncheckedIOException e) {
      if (verbose) e.printStackTrace(err());
      return fail(LayerFiles.oneLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  int fail(String reason) {
    if (json) {
      print(object().put("error", reason));
    }
    err().println("levity da " + command.name() + ": " + reason);
    err().flush();
    return 1;
  }
}
