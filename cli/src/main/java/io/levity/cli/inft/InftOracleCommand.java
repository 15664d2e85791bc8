package io.levity.cli.inft;

import io.levity.cli.storage.UntilStopped;
import io.levity.compute.agents.MarketAgentExecutors;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftNetwork;
import io.levity.inft.oracle.AgentExecutors;
import io.levity.inft.oracle.OracleService;
import io.levity.sdk.rpc.EthRpc;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.StorageClient;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code levity inft oracle}: runs the re-encryption oracle on 127.0.0.1 until stopped. Its signing
 * key is the registered oracle address; its encryption key and keystore wrap key derive from it;
 * the keystore lives in {@code --data-dir}.
 */
@Command(name = "oracle")
public final class InftOracleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", paramLabel = "HEX")
  String key;

  @Option(names = "--key-file", paramLabel = "FILE")
  Path keyFile;

  @Option(names = "--inft", paramLabel = "FILE")
  Path inftFile;

  @Option(names = "--rpc", paramLabel = "URL")
  URI rpc;

  @Option(names = "--agent-nft", paramLabel = "ADDR")
  String agentNft;

  @Option(names = "--market", paramLabel = "ADDR")
  String market;

  @Option(names = "--network", paramLabel = "FILE")
  Path storageNetwork;

  @Option(names = "--port", paramLabel = "PORT")
  int port = -1;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir = Path.of(".levity", "inft-oracle");

  @Option(names = "--executor", paramLabel = "ADDR")
  List<String> executors = new ArrayList<>();

  @Option(names = "--inference-market", paramLabel = "ADDR")
  String inferenceMarket;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Secp256k1.KeyPair signer;
    InftNetwork network;
    try {
      signer = signingKey();
      network = inftFile == null ? null : InftNetwork.read(inftFile);
    } catch (IOException | IllegalArgumentException e) {
      err.println("levity inft oracle: " + e.getMessage());
      return 1;
    }
    URI rpcUrl = rpc != null ? rpc : network == null ? null : network.rpc();
    String nftHex =
        agentNft != null ? agentNft : network == null ? null : network.agentNft().toHex();
    Path storageFile =
        storageNetwork != null ? storageNetwork : network == null ? null : network.storageNetwork();
    if (rpcUrl == null || nftHex == null || storageFile == null) {
      err.println("levity inft oracle: give --inft FILE, or --rpc, --agent-nft and --network");
      return 1;
    }
    Address marketAddress =
        market != null
            ? Address.fromHex(market)
            : network == null ? Address.ZERO : network.market();
    int listen = port >= 0 ? port : network == null ? 8600 : network.oracleUrl().getPort();
    try {
      NetworkFile nf = NetworkFile.read(storageFile);
      StorageClient storage =
          new StorageClient(
              nf.openChain(),
              new HttpNodeClient(),
              ReedSolomon.create(nf.dataShards(), nf.parityShards()),
              StorageClient.Config.defaults().withWorkDir(dataDir.resolve("work")));
      OracleService.Config config =
          new OracleService.Config(
              signer,
              rpcUrl,
              Address.fromHex(nftHex),
              marketAddress,
              dataDir,
              listen,
              executors(rpcUrl));
      OracleService[] running = new OracleService[1];
      return UntilStopped.serve(
          "inft-oracle",
          () -> {
            if (running[0] != null) running[0].close();
            else storage.close();
          },
          () -> {
            running[0] = OracleService.start(config, storage, TimeSource.system());
            spec.commandLine()
                .getOut()
                .println(
                    "inft oracle "
                        + signer.address()
                        + " listening on 127.0.0.1:"
                        + running[0].port());
            spec.commandLine().getOut().flush();
          });
    } catch (IOException | RuntimeException e) {
      err.println(
          "levity inft oracle: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "));
      return 1;
    }
  }

  /** Who may run agents: the --executor addresses, and the --inference-market's providers. */
  private AgentExecutors executors(URI rpcUrl) {
    Set<Address> listed = new HashSet<>();
    for (String e : executors) listed.add(Address.fromHex(e.trim()));
    AgentExecutors admitted =
        listed.isEmpty() ? AgentExecutors.NONE : AgentExecutors.allowlist(listed);
    if (inferenceMarket == null) return admitted;
    AgentExecutors market =
        new MarketAgentExecutors(
            new InferenceMarketClient(
                EthRpc.connect(rpcUrl, Duration.ofSeconds(30)),
                Address.fromHex(inferenceMarket.trim()),
                Duration.ofMinutes(2)));
    return listed.isEmpty() ? market : admitted.or(market);
  }

  private Secp256k1.KeyPair signingKey() throws IOException {
    String hex = key;
    if (keyFile != null) hex = Files.readString(keyFile).strip();
    if (hex == null || hex.isBlank())
      throw new IllegalArgumentException("give the oracle's key with --key HEX or --key-file FILE");
    try {
      return Secp256k1.KeyPair.fromPrivate(Bytes32.fromHex32(hex.strip()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the oracle key is not a 32-byte hex private key");
    }
  }
}
