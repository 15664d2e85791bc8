package io.levity.cli.bench.tps;

import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hardhat 2 ({@code npx hardhat node}, chain id 31337, automine, the standard mnemonic's first 20
 * accounts) as the peer chain. The shared peer definition (../shared/peers/hardhat next to the
 * repository) is copied to bench/tps/.hardhat-peer, git-ignored, and installed there once with npm;
 * later runs reuse it.
 */
public final class HardhatPeer implements TargetChain {
  /** The peer could not be set up; the benchmark prints the reason and goes on without it. */
  public static final class Unavailable extends Exception {
    public Unavailable(String reason) {
      super(reason);
    }
  }

  static final List<String> PEER_FILES = List.of("package.json", "hardhat.config.js");

  /** Accounts the peer config funds (hardhat.config.js). */
  public static final int ACCOUNTS = 20;

  private final ChildProcess process;
  private final URI rpcUrl;
  private final String version;

  private HardhatPeer(ChildProcess process, URI rpcUrl, String version) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.version = version;
  }

  /** The cache directory the peer is installed in. */
  public static Path installDir(Path repoRoot) {
    return repoRoot.resolve("bench/tps/.hardhat-peer");
  }

  /** True when the peer is installed already (no npm run needed). */
  public static boolean isInstalled(Path repoRoot) {
    return Files.isRegularFile(installDir(repoRoot).resolve("node_modules/hardhat/package.json"));
  }

  public static HardhatPeer start(Path repoRoot, PrintStream log)
      throws Unavailable, InterruptedException {
    Path source = repoRoot.resolve("../shared/peers/hardhat").normalize();
    Path dir = installDir(repoRoot);
    String node = run(List.of("node", "--version"), repoRoot, Duration.ofSeconds(20));
    if (node == null) throw new Unavailable("Node.js ('node') is not installed or does not run");
    try {
      boolean changed = copyPeerFiles(source, dir);
      if (changed || !isInstalled(repoRoot)) {
        log.println("hardhat: installing the peer (npm install in " + dir + ", once) ...");
        if (run(List.of("npm", "install", "--no-audit", "--no-fund"), dir, Duration.ofMinutes(10))
                == null
            || !isInstalled(repoRoot)) {
          throw new Unavailable(
              "npm install failed in " + dir + " (see " + dir.resolve("npm-install.log") + ")");
        }
      }
      int port = ChildProcess.freeLoopbackPort();
      log.println("hardhat: starting npx hardhat node on 127.0.0.1:" + port + " ...");
      ChildProcess p =
          ChildProcess.start(
              "hardhat node",
              List.of(
                  "npx",
                  "hardhat",
                  "node",
                  "--hostname",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port)),
              dir,
              dir.resolve("node.log"),
              line -> line.contains("Started HTTP and WebSocket JSON-RPC server at") ? line : null);
      try {
        p.awaitReady(Duration.ofMinutes(3));
        URI url = URI.create("http://127.0.0.1:" + port);
        EthRpc rpc = EthRpc.connect(url, Duration.ofSeconds(10));
        // `hardhat node` prints every request and transaction to its console; that costs it time
        // the benchmark should not charge to it, and Levity's devnet prints only a line per block.
        rpc.call("hardhat_setLoggingEnabled", false);
        String version = rpc.clientVersion();
        log.println(
            "hardhat: ready at "
                + url
                + " ("
                + version
                + ", Node.js "
                + node
                + ", pid "
                + p.pid()
                + ")");
        return new HardhatPeer(p, url, version + ", Node.js " + node);
      } catch (IOException | RuntimeException e) {
        p.stop(Duration.ofSeconds(10));
        throw new Unavailable("hardhat node did not start: " + e.getMessage());
      }
    } catch (IOException e) {
      throw new Unavailable(e.getMessage());
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

  /**
   * Runs a short command; its trimmed output when it exits 0, else null (output kept in a log for
   * npm).
   */
  private static String run(List<String> cmd, Path dir, Duration timeout)
      throws InterruptedException {
    try {
      boolean npm = cmd.get(0).equals("npm");
      Path out = npm ? dir.resolve("npm-install.log") : Files.createTempFile("levity-tps-", ".out");
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return null;
      }
      String text = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (!npm) Files.deleteIfExists(out);
      return p.exitValue() == 0 ? text : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return "hardhat";
  }

  @Override
  public String description() {
    return "Hardhat 2 node ("
        + version
        + "), automine, chain id 31337, console logging off, pid "
        + process.pid()
        + ", RPC "
        + rpcUrl;
  }

  @Override
  public URI rpcUrl() {
    return rpcUrl;
  }

  @Override
  public int fundedAccounts() {
    return ACCOUNTS;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
