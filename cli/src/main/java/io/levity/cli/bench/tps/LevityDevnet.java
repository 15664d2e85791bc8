package io.levity.cli.bench.tps;

import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fresh {@code levity devnet} in a child JVM (same java binary, JVM options and class path as
 * this process) on free loopback ports with a temporary data directory, so the chain under test
 * does not share a heap, GC or threads with the benchmark client. {@link #close} stops it (SIGTERM,
 * so its stores close) and deletes the data.
 */
public final class LevityDevnet implements TargetChain {
  private static final String READY_PREFIX = "HTTP JSON-RPC: ";

  private final ChildProcess process;
  private final Path dataDir;
  private final URI rpcUrl;
  private final int accounts;
  private final long blockTimeMillis;

  private LevityDevnet(
      ChildProcess process, Path dataDir, URI rpcUrl, int accounts, long blockTimeMillis) {
    this.process = process;
    this.dataDir = dataDir;
    this.rpcUrl = rpcUrl;
    this.accounts = accounts;
    this.blockTimeMillis = blockTimeMillis;
  }

  /**
   * Starts the devnet funding {@code accounts} dev accounts and waits until it has committed a
   * block.
   *
   * @param blockTimeMillis the devnet's --block-time, or 0 for its default
   */
  public static LevityDevnet start(int accounts, long blockTimeMillis, PrintStream log)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("levity-tps-");
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherits(a)) cmd.add(a);
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.levity.cli.Levity",
            "devnet",
            "--data-dir",
            dir.resolve("chain").toString(),
            "--http-port",
            "0",
            "--ws-port",
            "0",
            "--metrics-port",
            "0",
            "--p2p-port",
            "0",
            "--accounts",
            Integer.toString(accounts)));
    if (blockTimeMillis > 0) cmd.addAll(List.of("--block-time", Long.toString(blockTimeMillis)));
    log.println("levity: starting a devnet (child JVM, data in " + dir + ") ...");
    ChildProcess p =
        ChildProcess.start(
            "levity devnet",
            cmd,
            dir,
            dir.resolve("devnet.log"),
            line ->
                line.startsWith(READY_PREFIX)
                    ? line.substring(READY_PREFIX.length()).trim()
                    : null);
    try {
      URI url = URI.create(p.awaitReady(Duration.ofMinutes(2)));
      LevityDevnet d = new LevityDevnet(p, dir, url, accounts, blockTimeMillis);
      d.awaitFirstBlock(Duration.ofSeconds(60));
      log.println("levity: devnet ready at " + url + " (pid " + p.pid() + ")");
      return d;
    } catch (IOException | RuntimeException | InterruptedException e) {
      p.stop(Duration.ofSeconds(10));
      deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * JVM options worth passing on (stack size, GC, native access, system properties), not agents or
   * debuggers.
   */
  static boolean inherits(String jvmArg) {
    return !(jvmArg.startsWith("-agentlib")
        || jvmArg.startsWith("-javaagent")
        || jvmArg.startsWith("-agentpath")
        || jvmArg.startsWith("-Xrunjdwp")
        || jvmArg.equals("-Xdebug"));
  }

  private void awaitFirstBlock(Duration timeout) throws IOException, InterruptedException {
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

  @Override
  public String name() {
    return "levity";
  }

  @Override
  public String description() {
    return "levity devnet: 4 validators in a child JVM (pid "
        + process.pid()
        + "), block time "
        + (blockTimeMillis > 0 ? blockTimeMillis + " ms" : "default (1000 ms)")
        + ", RPC "
        + rpcUrl;
  }

  @Override
  public URI rpcUrl() {
    return rpcUrl;
  }

  @Override
  public int fundedAccounts() {
    return accounts;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
    deleteRecursively(dataDir);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("levity: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
