package io.levity.cli.compute;

import io.levity.cli.node.DevnetUser;
import io.levity.cli.options.LayerFiles;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.client.InferenceClientException;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.ProviderDirectory;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceMarketException;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.oracle.OracleException;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the user's {@code levity compute} commands share: {@code --compute FILE} (found like the
 * other network files), {@code --key} (or LEVITY_KEY), {@code --data-dir} (the receipt store,
 * default {@code ~/.levity/compute}), {@code --verbose}; opening the market; and turning every
 * expected failure into one line {@code levity compute <command>: <reason>} with exit 1.
 */
final class ComputeUserOptions {
  /** One command's work; returns the exit code. */
  @FunctionalInterface
  interface Work {
    int run() throws IOException, InterruptedException;
  }

  /** The market side of a command: the network file, the market, the user's key. */
  record UserSide(ComputeNetwork network, InferenceMarketClient market, Secp256k1.KeyPair key) {
    Wallet wallet() {
      return new Wallet(market.rpc(), key);
    }

    /** {@code given}, else the network file's default provider for {@code what}. */
    Address provider(String given, String what, Optional<Address> fallback) {
      if (given != null && !given.isBlank()) {
        try {
          return Address.fromHex(given.trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--provider is not an address: " + given);
        }
      }
      return fallback.orElseThrow(
          () ->
              new IllegalArgumentException(
                  "no --provider given and the compute network file names no " + what));
    }
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--compute", paramLabel = "FILE", descriptionKey = "compute-user-compute")
  Path file;

  @Option(names = "--key", paramLabel = "HEX", descriptionKey = "compute-user-key")
  String key;

  @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "compute-user-data-dir")
  Path dataDir;

  @Option(names = "--verbose", descriptionKey = "compute-user-verbose")
  boolean verbose;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  /** The receipt store's folder: --data-dir, else ~/.levity/compute. */
  Path dataDir() {
    return dataDir != null ? dataDir : LayerFiles.levityDir("compute");
  }

  /** The key of --key. */
  Secp256k1.KeyPair keyPair() {
    return LayerFiles.privateKey(key, "account");
  }

  /**
   * The key of --key; when none is given and the network file is a local devnet's ({@code "devnet":
   * true}), the devnet's compute user ({@link DevnetUser}), which {@code levity devnet} funds with
   * its providers: a public key on a local chain, said on stderr.
   */
  Secp256k1.KeyPair keyFor(ComputeNetwork network) {
    if ((key == null || key.isBlank()) && network.devnet()) {
      Secp256k1.KeyPair dev = DevnetUser.KEY;
      err().println("using the devnet's compute user " + dev.address().toChecksumHex());
      err().flush();
      return dev;
    }
    return keyPair();
  }

  /** The network file, its market and the key; fails when the file names no market. */
  UserSide open() throws IOException {
    Secp256k1.KeyPair given = key == null || key.isBlank() ? null : keyPair(); // a bad key first
    Path f =
        LayerFiles.find(
            file, "compute.json", "compute", "start 'levity devnet' or pass --compute FILE");
    ComputeNetwork cn = ComputeNetwork.read(f);
    Secp256k1.KeyPair k = given != null ? given : keyFor(cn);
    if (cn.inferenceMarket().isEmpty())
      throw new IllegalArgumentException(
          f + " names no inferenceMarket (restart the devnet to deploy one)");
    InferenceMarketClient market =
        new InferenceMarketClient(
            EthRpc.connect(cn.rpc(), Duration.ofSeconds(30)),
            cn.inferenceMarket().get(),
            Duration.ofMinutes(2));
    return new UserSide(cn, market, k);
  }

  /** A verifying client of {@code provider}, storing receipts in {@code store}. */
  static ProviderClient client(
      UserSide side, Address provider, UserReceiptStore store, HttpClient http) {
    return ProviderClient.connect(
        ProviderDirectory.of(side.market()),
        side.key(),
        provider,
        store,
        http,
        TimeSource.system(),
        ProviderClient.Settings.defaults());
  }

  /** Runs {@code work}, turning every expected failure into one line and exit 1. */
  int run(Work work) {
    try {
      return work.run();
    } catch (InferenceClientException
        | InferenceMarketException
        | EthRpcException
        | TransactionFailedException
        | ReceiptWaitException
        | IllegalArgumentException
        | IllegalStateException
        | OracleException
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
    err().println("levity compute " + command.name() + ": " + reason);
    err().flush();
    return 1;
  }
}
