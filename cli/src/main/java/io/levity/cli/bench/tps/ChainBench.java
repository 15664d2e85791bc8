package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The chosen workloads on one target chain: checks that every sender is funded, sets up the token
 * for the ERC-20 workload, and runs each workload with the same {@link TpsRun}.
 *
 * @param repoRoot where bench/tps/BenchToken.json is (asked for only when the ERC-20 workload runs)
 * @param warmup run before each workload's measured window, its figures not counted (a JIT-compiled
 *     node is measured warm, as a developer's long-running node would be); empty for none
 */
record ChainBench(
    TpsRun run,
    Optional<TpsRun> warmup,
    List<Secp256k1.KeyPair> keys,
    boolean eth,
    boolean erc20,
    Supplier<Path> repoRoot,
    PrintWriter log) {

  List<TpsResult> runOn(TargetChain chain) throws IOException, InterruptedException {
    EthRpc client = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(30));
    long chainId = client.chainId();
    requireFunded(client, chain);
    List<TpsResult> out = new ArrayList<>();
    if (eth) {
      Workload transfers = new Workload.EthTransfers();
      warmUp(chain, client, chainId, transfers);
      out.add(run.run(chain, client, chainId, keys, transfers));
    }
    if (erc20) {
      Workload tokens =
          TokenSetup.run(
              client,
              chainId,
              keys,
              Workload.DEFAULT_FEES,
              benchTokenInitcode(),
              Duration.ofMinutes(2),
              log);
      warmUp(chain, client, chainId, tokens);
      out.add(run.run(chain, client, chainId, keys, tokens));
    }
    return out;
  }

  private void warmUp(TargetChain chain, EthRpc client, long chainId, Workload workload)
      throws IOException, InterruptedException {
    if (warmup.isEmpty()) return;
    TpsResult w = warmup.get().run(chain, client, chainId, keys, workload);
    log.printf(
        Locale.ROOT,
        "%s %s: warm-up done, %.1f tx/s committed over %.0f s (not counted)%n",
        chain.name(),
        workload.name(),
        w.committedPerSecond(),
        w.seconds());
  }

  /**
   * Every sender must hold at least 1 ETH on the target, or the run would only measure refusals.
   */
  private void requireFunded(EthRpc rpc, TargetChain chain) {
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

  private Bytes benchTokenInitcode() throws IOException {
    return TokenSetup.benchTokenInitcode(repoRoot.get());
  }
}
