package io.levity.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.bench.tps.DurationConverter;
import io.levity.cli.bench.tps.HardhatPeer;
import io.levity.cli.bench.tps.LevityDevnet;
import io.levity.cli.bench.tps.ResultTable;
import io.levity.cli.bench.tps.TargetChain;
import io.levity.cli.bench.tps.TokenSetup;
import io.levity.cli.bench.tps.TpsResult;
import io.levity.cli.bench.tps.TpsRun;
import io.levity.cli.bench.tps.Workload;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code levity bench tps}: transaction throughput and inclusion latency of a Levity devnet, side
 * by side with a Hardhat 2 node driven by the same Java client on the same workload.
 */
@Command(
    name = "tps",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Throughput (submitted and committed tx/s) and inclusion latency",
      "(p50/p90/p99/max) of signed EIP-1559 transactions from N dev accounts",
      "with explicit nonces, on a fresh Levity devnet (child process) and on",
      "Hardhat 2 (npx hardhat node), side by side with the ratios. Progress",
      "goes to stderr, tables to stdout. Exits 1 if an acknowledged",
      "transaction never reached a block. See docs/bench.md."
    })
public final class TpsBenchCommand implements Callable<Integer> {
  enum WorkloadChoice {
    eth,
    erc20,
    both
  }

  enum TargetChoice {
    levity,
    hardhat,
    both
  }

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description =
          "Measured submission time per workload and chain: 20s, 1500ms, 2m (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--workload",
      paramLabel = "eth|erc20|both",
      defaultValue = "both",
      description =
          "eth (21000-gas transfers), erc20 (token transfers) or both (default ${DEFAULT-VALUE}).")
  WorkloadChoice workload;

  @Option(
      names = "--senders",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Dev accounts sending in parallel; Hardhat funds 20 (default ${DEFAULT-VALUE}).")
  int senders;

  @Option(
      names = "--target",
      paramLabel = "levity|hardhat|both",
      defaultValue = "both",
      description = "levity, hardhat or both (default ${DEFAULT-VALUE}).")
  TargetChoice target;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "Drive the Levity node at this JSON-RPC URL instead of starting a devnet.")
  URI rpc;

  @Option(
      names = "--hardhat-rpc",
      paramLabel = "URL",
      description = "Drive the Hardhat node at this URL instead of starting one.")
  URI hardhatRpc;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "128",
      description =
          "Most transactions per sender waiting for a block, 1..256 (default ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--rate",
      paramLabel = "TX/S",
      defaultValue = "0",
      description =
          "Offered load over all senders; 0 sends as fast as the node acknowledges"
              + " (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--block-time",
      paramLabel = "MS",
      defaultValue = "0",
      description = "--block-time of the devnet started here (default: the devnet's own, 1000 ms).")
  long blockTimeMillis;

  @Option(
      names = "--drain-timeout",
      paramLabel = "TIME",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "After the window, how long to wait for acknowledged transactions to land"
              + " (default ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--poll",
      paramLabel = "TIME",
      defaultValue = "50ms",
      converter = DurationConverter.class,
      description = "How often the client looks for new blocks (default ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--receipts",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Receipts read back to count reverts: all, or a sample of this many (default ${DEFAULT-VALUE}).")
  int receipts;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the results as JSON to FILE.")
  Path json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    preloadOwnClasses();
    if (senders < 1 || senders > 1000) {
      throw new IllegalArgumentException("--senders must be in 1..1000, got " + senders);
    }
    TpsRun run =
        new TpsRun(
            new TpsRun.Config(
                duration,
                window,
                rate,
                poll,
                drainTimeout,
                receipts,
                Workload.DEFAULT_FEES,
                ThreadLocalRandom.current().nextLong()),
            err);
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(senders);
    List<TpsResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    if (target != TargetChoice.hardhat) {
      try (TargetChain chain =
          rpc != null
              ? new TargetChain.Existing("levity", rpc, senders)
              : LevityDevnet.start(Math.max(10, senders), blockTimeMillis, err)) {
        results.addAll(runAll(run, chain, keys));
      }
    }
    if (target != TargetChoice.levity) {
      String reason = null;
      if (senders > HardhatPeer.ACCOUNTS) {
        reason =
            "Hardhat funds "
                + HardhatPeer.ACCOUNTS
                + " dev accounts, --senders "
                + senders
                + " asks for more";
      } else {
        try (TargetChain chain =
            hardhatRpc != null
                ? new TargetChain.Existing("hardhat", hardhatRpc, senders)
                : HardhatPeer.start(LevityHome.root(), err)) {
          results.addAll(runAll(run, chain, keys));
        } catch (HardhatPeer.Unavailable e) {
          reason = e.getMessage();
        } catch (IOException
            | RuntimeException e) { // keep Levity's figures: report the peer's failure instead
          reason = "the run on Hardhat failed: " + e.getMessage();
        }
      }
      if (reason != null) {
        skipped.put("hardhat", reason);
        err.println("hardhat: peer skipped: " + reason);
      }
    }
    ResultTable.print(out, results, skipped);
    if (json != null) {
      ResultTable.writeJson(json, results, skipped, options());
      out.println("results written to " + json.toAbsolutePath());
    }
    out.flush();
    long lost = results.stream().mapToLong(TpsResult::lost).sum();
    if (lost > 0) {
      err.println("levity: " + lost + " acknowledged transactions never reached a block");
      return 1;
    }
    return results.isEmpty() ? 1 : 0;
  }

  private List<TpsResult> runAll(TpsRun run, TargetChain chain, List<Secp256k1.KeyPair> keys)
      throws IOException, InterruptedException {
    EthRpc client = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(30));
    long chainId = client.chainId();
    requireFunded(client, chain, keys);
    List<TpsResult> out = new ArrayList<>();
    if (workload != WorkloadChoice.erc20) {
      out.add(
          run.run(
              chain.name(),
              chain.description(),
              client,
              chainId,
              keys,
              new Workload.EthTransfers()));
    }
    if (workload != WorkloadChoice.eth) {
      Workload tokens =
          TokenSetup.run(
              client,
              chainId,
              keys,
              Workload.DEFAULT_FEES,
              benchTokenInitcode(),
              Duration.ofMinutes(2),
              err);
      out.add(run.run(chain.name(), chain.description(), client, chainId, keys, tokens));
    }
    return out;
  }

  /**
   * Every sender must hold at least 1 ETH on the target, or the run would only measure refusals.
   */
  private static void requireFunded(EthRpc rpc, TargetChain chain, List<Secp256k1.KeyPair> keys) {
    List<UInt256> balances =
        rpc.getBalances(keys.stream().map(Secp256k1.KeyPair::address).toList(), BlockTag.LATEST);
    BigInteger oneEther = BigInteger.TEN.pow(18);
    for (int i = 0; i < keys.size(); i++) {
      BigInteger b = balances.get(i).toBigInteger();
      if (b.compareTo(oneEther) < 0) {
        throw new IllegalStateException(
            chain.name()
                + ": sender "
                + i
                + " ("
                + keys.get(i).address().toChecksumHex()
                + ") holds "
                + b
                + " wei; fund the first "
                + keys.size()
                + " dev accounts (levity devnet --accounts "
                + keys.size()
                + ") or use fewer --senders");
      }
    }
  }

  /**
   * {@code ./levity} rebuilds the CLI jar whenever sources change, also while a benchmark of
   * several minutes runs from it; classes not loaded by then could no longer be read. Loads this
   * command's classes up front.
   */
  private static void preloadOwnClasses() throws IOException {
    CodeSource source = TpsBenchCommand.class.getProtectionDomain().getCodeSource();
    if (source == null || !source.getLocation().getPath().endsWith(".jar"))
      return; // a classes directory
    ClassLoader loader = TpsBenchCommand.class.getClassLoader();
    try (JarFile jar = new JarFile(new File(URI.create(source.getLocation().toString())))) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (name.startsWith("io/levity/cli/bench/tps/") && name.endsWith(".class")) {
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException ex) {
            throw new IOException("cannot load " + name + " from " + source.getLocation(), ex);
          }
        }
      }
    }
  }

  private static Bytes benchTokenInitcode() throws IOException {
    Path file = LevityHome.root().resolve("bench/tps/BenchToken.json");
    JsonNode contract = new ObjectMapper().readTree(file.toFile());
    String code = contract.path("initcode").asText("");
    if (!code.startsWith("0x") || code.length() < 4)
      throw new IOException(file + " has no initcode");
    return Bytes.fromHex(code);
  }

  private Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("duration", duration.toMillis() / 1000.0);
    o.put("workload", workload.name());
    o.put("senders", senders);
    o.put("target", target.name());
    o.put("window", window);
    o.put("rate", rate);
    o.put("pollMillis", poll.toMillis());
    o.put("drainTimeoutSeconds", drainTimeout.toSeconds());
    o.put("receiptSample", receipts);
    if (rpc != null) o.put("rpc", rpc.toString());
    if (hardhatRpc != null) o.put("hardhatRpc", hardhatRpc.toString());
    if (blockTimeMillis > 0) o.put("blockTimeMillis", blockTimeMillis);
    return o;
  }
}
