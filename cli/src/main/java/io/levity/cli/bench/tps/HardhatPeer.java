package io.levity.cli.bench.tps;

import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.CommandResult;
import io.levity.cli.process.LoopbackPorts;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Hardhat 2 ({@code npx hardhat node}, chain id 31337, automine, the standard mnemonic's first 20
 * accounts) as the peer chain. The shared peer definition (../shared/peers/hardhat next to the
 * repository) is copied to bench/tps/.hardhat-peer, git-ignored, and installed there once with npm;
 * later runs reuse it.
 */
public final class HardhatPeer {
  /** The peer could not be set up; the benchmark prints the reason and goes on without it. */
  public static final class Unavailable extends Exception {
    public Unavailable(String reason) {
      super(reason);
    }
  }

  static final List<String> PEER_FILES = List.of("package.json", "hardhat.config.js");

  /** Accounts the peer config funds (hardhat.config.js). */
  public static final int ACCOUNTS = 20;

  private HardhatPeer() {}

  /** The cache directory the peer is installed in. */
  public static Path installDir(Path repoRoot) {
    return repoRoot.resolve("bench/tps/.hardhat-peer");
  }

  /** True when the peer is installed already (no npm run needed). */
  public static boolean isInstalled(Path repoRoot) {
    return Files.isRegularFile(installDir(repoRoot).resolve("node_modules/hardhat/package.json"));
  }

  /** Installs the peer if needed, starts {@code hardhat node} and waits until it serves. */
  public static TargetChain start(Path repoRoot, PrintWriter log)
      throws Unavailable, InterruptedException {
    return start(repoRoot, repoRoot.resolve("../shared/peers/hardhat").normalize(), log);
  }

  /** As {@link #start(Path, PrintWriter)} with the peer definition at {@code source}. */
  public static TargetChain start(Path repoRoot, Path source, PrintWriter log)
      throws Unavailable, InterruptedException {
    Path dir = installDir(repoRoot);
    String node = nodeVersion(repoRoot);
    try {
      boolean changed = copyPeerFiles(source, dir);
      if (changed || !isInstalled(repoRoot)) install(dir, repoRoot, log);
      int port = LoopbackPorts.free();
      log.println("hardhat: starting npx hardhat node on 127.0.0.1:" + port + " ...");
      ChildProcess p =
          ChildProcess.launch(
                  "hardhat-node",
                  List.of(
                      "npx",
                      "hardhat",
                      "node",
                      "--hostname",
                      "127.0.0.1",
                      "--port",
                      Integer.toString(port)),
                  dir.resolve("node.log"))
              .in(dir)
              .readyWhen(
                  line ->
                      line.contains("Started HTTP and WebSocket JSON-RPC server at") ? line : null)
              .start();
      return awaitServing(p, port, node, log);
    } catch (IOException e) {
      throw new Unavailable(e.getMessage());
    }
  }

  private static String nodeVersion(Path dir) throws Unavailable, InterruptedException {
    try {
      CommandResult node =
          CommandResult.run(List.of("node", "--version"), dir, Duration.ofSeconds(20));
      if (node.succeeded()) return node.stdout().trim();
    } catch (IOException e) {
      // not installed: said below
    }
    throw new Unavailable("Node.js ('node') is not installed or does not run");
  }

  private static void install(Path dir, Path repoRoot, PrintWriter log)
      throws IOException, InterruptedException, Unavailable {
    log.println("hardhat: installing the peer (npm install in " + dir + ", once) ...");
    CommandResult npm =
        CommandResult.run(
            List.of("npm", "install", "--no-audit", "--no-fund"), dir, Duration.ofMinutes(10));
    Path npmLog = dir.resolve("npm-install.log");
    Files.writeString(npmLog, npm.stdout() + npm.stderr(), StandardCharsets.UTF_8);
    if (!npm.succeeded() || !isInstalled(repoRoot))
      throw new Unavailable("npm install failed in " + dir + " (see " + npmLog + ")");
  }

  private static TargetChain awaitServing(
      ChildProcess p, int port, String nodeVersion, PrintWriter log)
      throws Unavailable, InterruptedException {
    try {
      p.awaitReady(Duration.ofMinutes(3));
      URI url = URI.create("http://127.0.0.1:" + port);
      EthRpc rpc = EthRpc.connect(url, Duration.ofSeconds(10));
      // `hardhat node` prints every request and transaction to its console; that costs it time
      // the benchmark should not charge to it, and Levity's devnet prints only a line per block.
      rpc.call("hardhat_setLoggingEnabled", false);
      String version = rpc.clientVersion() + ", Node.js " + nodeVersion;
      log.println("hardhat: ready at " + url + " (" + version + ", pid " + p.pid() + ")");
      String description =
          "Hardhat 2 node ("
              + version
              + "), automine, chain id 31337, console logging off, pid "
              + p.pid()
              + ", RPC "
              + url;
      return new TargetChain.Started(
          "hardhat", description, url, ACCOUNTS, p, Duration.ofSeconds(10), () -> {});
    } catch (InterruptedException e) {
      p.stop(Duration.ofSeconds(10));
      throw e;
    } catch (IOException | RuntimeException e) {
      p.stop(Duration.ofSeconds(10));
      throw new Unavailable("hardhat node did not start: " + e.getMessage());
    }
  }

  /**
   * Copies the peer definition into the cache dir; true if anything there changed (so npm must run
   * again).
   */
  static boolean copyPeerFiles(Path source, Path dir) throws IOException, Unavailable {
    if (!Files.isRegularFile(source.resolve("package.json"))) {
      throw new Unavailable("no Hardhat peer definition at " + source);
    }
    Files.createDirectories(dir);
    boolean changed = false;
    for (String f : PEER_FILES) {
      byte[] want = Files.readAllBytes(source.resolve(f));
      Path target = dir.resolve(f);
      if (!Files.exists(target) || !Arrays.equals(want, Files.readAllBytes(target))) {
        Files.write(target, want); // the source is read-only; the copy must not be
        changed = true;
      }
    }
    return changed;
  }
}
