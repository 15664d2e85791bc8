package io.levity.cli.bench.tps;

import io.levity.cli.node.DevnetCommand;
import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.Directories;
import io.levity.cli.process.LevityLauncher;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh {@code levity devnet} in a child JVM (same java binary, JVM options and class path as
 * this process) on free loopback ports with a temporary data directory, so the chain under test
 * does not share a heap, GC or threads with the benchmark client. Closing it stops it (SIGTERM, so
 * its stores close) and deletes the data.
 */
public final class LevityDevnet {
  private static final String READY_PREFIX = "HTTP JSON-RPC: ";

  private LevityDevnet() {}

  /**
   * The devnet's heap limit, as {@code ./levity devnet} sets it: without one the JVM grows toward a
   * quarter of the machine's memory under load.
   */
  static final String DEVNET_MAX_HEAP = "1g";

  /**
   * Starts the devnet funding {@code accounts} dev accounts and waits until it has committed a
   * block.
   *
   * @param blockTimeMillis the devnet's --block-time, or 0 for its default
   * @param gasLimit the devnet's --gas-limit (block gas limit of its genesis), or 0 for its default
   * @param validators the devnet's --validators, or 0 for its default (4)
   */
  public static TargetChain start(
      int accounts, long blockTimeMillis, long gasLimit, int validators, PrintWriter log)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("levity-tps-");
    List<String> args = arguments(dir, accounts, blockTimeMillis, gasLimit, validators);
    log.println("levity: starting a devnet (child JVM, data in " + dir + ") ...");
    ChildProcess p =
        ChildProcess.launch(
                "levity-devnet",
                LevityLauncher.fromClassPath().withMaxHeap(DEVNET_MAX_HEAP).command(args),
                dir.resolve("devnet.log"))
            .in(dir)
            .readyWhen(
                line ->
                    line.startsWith(READY_PREFIX)
                        ? line.substring(READY_PREFIX.length()).trim()
                        : null)
            .start();
    try {
      URI url = URI.create(p.awaitReady(Duration.ofMinutes(2)));
      awaitFirstBlock(p, url, Duration.ofSeconds(60));
      log.println("levity: devnet ready at " + url + " (pid " + p.pid() + ")");
      String description =
          "levity devnet: "
              + (validators > 0 ? validators : 4)
              + " validators in a child JVM (pid "
              + p.pid()
              + "), block time "
              + (blockTimeMillis > 0 ? blockTimeMillis + " ms" : "default (1000 ms)")
              + (gasLimit > 0 ? ", block gas limit " + gasLimit : "")
              + ", RPC "
              + url;
      return new TargetChain.Started(
          "levity", description, url, accounts, p, Duration.ofSeconds(20), () -> delete(dir));
    } catch (IOException | RuntimeException | InterruptedException e) {
      p.stop(Duration.ofSeconds(10));
      delete(dir);
      throw e;
    }
  }

  /** The devnet's command line: free ports, data in {@code dir}, the options given (0: unset). */
  static List<String> arguments(
      Path dir, int accounts, long blockTimeMillis, long gasLimit, int validators) {
    List<String> args = new ArrayList<>(List.of("devnet"));
    args.addAll(DevnetCommand.onFreePorts(dir.resolve("chain")));
    args.addAll(List.of("--accounts", Integer.toString(accounts)));
    if (blockTimeMillis > 0) args.addAll(List.of("--block-time", Long.toString(blockTimeMillis)));
    if (gasLimit > 0) args.addAll(List.of("--gas-limit", Long.toString(gasLimit)));
    if (validators > 0) args.addAll(List.of("--validators", Integer.toString(validators)));
    return args;
  }

  private static void awaitFirstBlock(ChildProcess process, URI rpcUrl, Duration timeout)
      throws IOException, InterruptedException {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    long deadline = System.nanoTime() + timeout.toNanos();
    long first = -1;
    EthRpcException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive())
        throw new IOException("the devnet exited; last output:\n" + process.tail());
      try {
        long head = rpc.blockNumber();
        if (first < 0) first = head;
        if (head > first) return; // consensus is committing blocks
      } catch (EthRpcException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "the devnet committed no block within "
            + timeout.toSeconds()
            + " s"
            + (last == null ? "" : " (last RPC error: " + last.getMessage() + ")")
            + "; last output:\n"
            + process.tail());
  }

  private static void delete(Path dir) {
    try {
      Directories.deleteTree(dir);
    } catch (IOException e) {
      System.err.println("levity: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
