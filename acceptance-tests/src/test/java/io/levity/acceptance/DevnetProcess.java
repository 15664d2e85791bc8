package io.levity.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code levity devnet} run as a separate OS process from the built CLI jar, on free 127.0.0.1
 * ports and a fresh data directory. Its output goes to {@code devnet.log} in the data directory's
 * parent, so a full pipe never blocks it.
 */
final class DevnetProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int P2P_PORTS = 4; // validator i listens on the first p2p port + i

  final int httpPort;
  final int wsPort;
  final int p2pPort;
  final Path log;
  private final Process process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DevnetProcess(Process process, Path log, int httpPort, int wsPort, int p2pPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.wsPort = wsPort;
    this.p2pPort = p2pPort;
  }

  /** Starts the devnet and returns once {@code eth_blockNumber} answers over HTTP. */
  static DevnetProcess start(Path cliJar, Path workDir) throws IOException, InterruptedException {
    if (!Files.isRegularFile(cliJar)) {
      throw new IllegalStateException(
          "CLI jar not found at "
              + cliJar
              + "; build it first: mvn -o -B install -pl cli -DskipTests (or ./levity --version)");
    }
    List<ServerSocket> held = new ArrayList<>();
    int httpPort;
    int wsPort;
    int p2pPort;
    try {
      httpPort = holdFreePort(held);
      wsPort = holdFreePort(held);
      p2pPort = holdFreeRange(held, P2P_PORTS);
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    Path dataDir = workDir.resolve("devnet-data");
    Path log = workDir.resolve("devnet.log");
    List<String> command =
        List.of(
            javaBinary(),
            "-jar",
            cliJar.toString(),
            "devnet",
            "--reset",
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            Integer.toString(httpPort),
            "--ws-port",
            Integer.toString(wsPort),
            "--metrics-port",
            "0",
            "--p2p-port",
            Integer.toString(p2pPort));
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DevnetProcess devnet = new DevnetProcess(process, log, httpPort, wsPort, p2pPort);
    try {
      devnet.awaitRpc();
    } catch (RuntimeException | InterruptedException e) {
      devnet.close();
      throw e;
    }
    return devnet;
  }

  String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Sends one JSON-RPC request and returns the raw response body. */
  String rpc(String method, String paramsJson) throws IOException, InterruptedException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
            + method
            + "\",\"params\":"
            + paramsJson
            + "}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(httpUrl()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private void awaitRpc() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "levity devnet exited with "
                + process.exitValue()
                + " before serving RPC:\n"
                + logTail());
      }
      try {
        String answer = rpc("eth_blockNumber", "[]");
        if (answer.contains("\"result\":\"0x")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException(
        "levity devnet did not answer eth_blockNumber within "
            + STARTUP_TIMEOUT
            + " on "
            + httpUrl()
            + ":\n"
            + logTail());
  }

  /** The last lines of the devnet's output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no devnet log: " + e + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static String javaBinary() {
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome == null
        || javaHome.isBlank()
        || !Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
      javaHome = System.getProperty("java.home");
    }
    return Path.of(javaHome, "bin", "java").toString();
  }

  static int holdFreePort(List<ServerSocket> held) throws IOException {
    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    held.add(socket);
    return socket.getLocalPort();
  }

  /**
   * A first port p such that p .. p + count - 1 are all free; the sockets stay open in {@code
   * held}. The range is taken below the kernel's ephemeral ports (32768 and up on Linux): a node
   * that is down has peers redialling its port, and a redial from an ephemeral port equal to the
   * target port connects to itself (TCP simultaneous open) and would then hold the port the
   * restarted node needs.
   */
  static int holdFreeRange(List<ServerSocket> held, int count) throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + random.nextInt(12_000 - count);
      List<ServerSocket> range = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; ok && i < count; i++) {
        try {
          range.add(new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress()));
        } catch (IOException taken) {
          ok = false;
        }
      }
      if (ok) {
        held.addAll(range);
        return base;
      }
      for (ServerSocket s : range) {
        s.close();
      }
    }
    throw new IOException("no " + count + " consecutive free ports on 127.0.0.1");
  }
}
