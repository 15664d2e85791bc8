package io.levity.cli.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.options.LayerFiles;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.models.ContentStore;
import io.levity.compute.models.StorageContentStore;
import io.levity.compute.training.TrainingJobException;
import io.levity.compute.training.TrainingJobsClient;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the {@code levity ai} commands share: {@code --compute FILE} (found like the other network
 * files when absent), {@code --key}, {@code --json}, {@code --work-dir}, {@code --verbose}; opening
 * the storage network and the TrainingJobs contract; and turning a failure into one line {@code
 * levity ai <command>: <reason>} with exit 1.
 */
final class AiOptions {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One command's work; returns the exit code. */
  @FunctionalInterface
  interface Work {
    int run() throws IOException, InterruptedException;
  }

  /** The network side of a command: storage, the contract, and the account when one is given. */
  record Network(
      ComputeNetwork file, StorageClient storage, ContentStore store, TrainingJobsClient jobs)
      implements AutoCloseable {
    @Override
    public void close() {
      storage.close();
    }
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--compute", paramLabel = "FILE", descriptionKey = "ai-compute-file")
  Path file;

  @Option(names = "--key", paramLabel = "HEX", descriptionKey = "ai-key")
  String key;

  @Option(names = "--json", descriptionKey = "ai-json")
  boolean json;

  @Option(names = "--work-dir", paramLabel = "DIR", descriptionKey = "ai-work-dir")
  Path workDir;

  @Option(names = "--verbose", descriptionKey = "ai-verbose")
  boolean verbose;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  Path work() throws IOException {
    Path w =
        workDir != null
            ? workDir
            : Path.of(
                System.getProperty("java.io.tmpdir"), "levity-ai-" + ProcessHandle.current().pid());
    Files.createDirectories(w);
    return w;
  }

  /** The compute network file: --compute, else ./compute.json, the devnet's. */
  Path networkFile() throws IOException {
    return LayerFiles.find(
        file, "compute.json", "compute", "start 'levity devnet' or pass --compute FILE");
  }

  /** Opens the storage network and the TrainingJobs contract the network file names. */
  Network network() throws IOException {
    ComputeNetwork cn = ComputeNetwork.read(networkFile());
    NetworkFile nf = NetworkFile.read(cn.storageNetwork());
    StorageClient storage =
        new StorageClient(
            nf.openChain(),
            new HttpNodeClient(),
            ReedSolomon.create(nf.dataShards(), nf.parityShards()),
            StorageClient.Config.defaults().withWorkDir(work()));
    TrainingJobsClient jobs =
        new TrainingJobsClient(
            EthRpc.connect(cn.rpc(), Duration.ofSeconds(30)),
            cn.trainingJobs(),
            Duration.ofMinutes(2));
    return new Network(cn, storage, new StorageContentStore(storage), jobs);
  }

  /** The account of --key, paying for transactions through the network's RPC. */
  Wallet wallet(Network n) {
    return new Wallet(n.jobs().rpc(), keyPair());
  }

  /** The key of --key. */
  Secp256k1.KeyPair keyPair() {
    return LayerFiles.privateKey(key, "account");
  }

  /** Runs {@code work}, turning every expected failure into one line and exit 1. */
  int run(Work work) {
    try {
      return work.run();
    } catch (TrainingJobException
        | StorageException
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

  /** Prints {@code human}, or {@code object} as one JSON line under --json; exit 0. */
  int print(String human, ObjectNode object) {
    out().println(json ? object.toString() : human);
    out().flush();
    return 0;
  }

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  int fail(String reason) {
    err().println("levity ai " + command.name() + ": " + reason);
    err().flush();
    return 1;
  }
}
