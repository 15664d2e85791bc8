package io.levity.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.LoopbackPorts;
import io.levity.testing.RpcCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code levity devnet} run as a separate OS process from the built CLI jar, on free 127.0.0.1
 * ports and a fresh data directory ({@code devnet-data} in the work directory). Its output goes to
 * {@code devnet.log} next to it.
 */
final class DevnetProcess implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int VALIDATORS = 4; // validator i listens on the first p2p port + i
  private static final String READY = "HTTP JSON-RPC: ";

  private final ChildProcess process;
  private final URI httpUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DevnetProcess(ChildProcess process, URI httpUrl) {
    this.process = process;
    this.httpUrl = httpUrl;
  }

  /** Free loopback ports for HTTP, WebSocket, and the first of the validators' p2p ports. */
  static String[] freePorts() throws IOException {
    try (LoopbackPorts free = new LoopbackPorts()) {
      return new String[] {
        Integer.toString(free.one()),
        Integer.toString(free.one()),
        Integer.toString(free.range(VALIDATORS))
      };
    }
  }

  /** The devnet's arguments: data under {@code workDir}, the given ports, no metrics. */
  static List<String> arguments(Path workDir, String[] ports, boolean reset) {
    return arguments(workDir, ports, reset, List.of());
  }

  /** As above, with {@code extra} arguments at the end. */
  static List<String> arguments(Path workDir, String[] ports, boolean reset, List<String> extra) {
    List<String> args = new ArrayList<>();
    args.add("devnet");
    if (reset) args.add("--reset");
    args.addAll(
        List.of(
            "--data-dir",
            workDir.resolve("devnet-data").toString(),
            "--http-port",
            ports[0],
            "--ws-port",
            ports[1],
            "--metrics-port",
            "0",
            "--p2p-port",
            ports[2],
            "--oracle-port",
            "0",
            "--compute-port",
            "0"));
    args.addAll(extra);
    return args;
  }

  /** Starts the devnet and returns once it serves JSON-RPC over HTTP. */
  static DevnetProcess start(Path workDir) throws IOException, InterruptedException {
    return start(workDir, List.of());
  }

  /**
   * Starts the chain alone (no storage, iNFT, compute or DA layers), for tests of JSON-RPC: it is
   * up in a few seconds.
   */
  static DevnetProcess startChain(Path workDir) throws IOException, InterruptedException {
    return start(workDir, List.of("--storage-nodes", "0", "--da-nodes", "0"));
  }

  private static DevnetProcess start(Path workDir, List<String> extra)
      throws IOException, InterruptedException {
    ChildProcess p =
        ChildProcess.launch(
                "levity-devnet",
                LevityCli.launcher().command(arguments(workDir, freePorts(), true, extra)),
                workDir.resolve("devnet.log"))
            .in(workDir)
            .readyWhen(
                line -> line.startsWith(READY) ? line.substring(READY.length()).trim() : null)
            .start();
    try {
      DevnetProcess devnet = new DevnetProcess(p, URI.create(p.awaitReady(STARTUP_TIMEOUT)));
      JsonNode head = devnet.rpc("eth_blockNumber", "[]");
      if (!head.path("result").asText().startsWith("0x"))
        throw new IllegalStateException("eth_blockNumber answered " + head);
      return devnet;
    } catch (IOException | RuntimeException | InterruptedException e) {
      p.close();
      throw e;
    }
  }

  /**
   * Starts {@code levity devnet --dev} (one in-memory node) on free ports and returns once it
   * serves JSON-RPC over HTTP.
   */
  static DevnetProcess startDev(Path workDir) throws IOException, InterruptedException {
    ChildProcess p =
        ChildProcess.launch(
                "levity-devnet-dev",
                LevityCli.launcher()
                    .command(List.of("devnet", "--dev", "--http-port", "0", "--ws-port", "0")),
                workDir.resolve("devnet-dev.log"))
            .in(workDir)
            .readyWhen(
                line -> line.startsWith(READY) ? line.substring(READY.length()).trim() : null)
            .start();
    try {
      return new DevnetProcess(p, URI.create(p.awaitReady(STARTUP_TIMEOUT)));
    } catch (IOException | RuntimeException | InterruptedException e) {
      p.close();
      throw e;
    }
  }

  String httpUrl() {
    return httpUrl.toString();
  }

  /** Calls one JSON-RPC method; the whole response object. */
  JsonNode rpc(String method, String paramsJson) throws IOException, InterruptedException {
    return RpcCalls.call(http, httpUrl, method, paramsJson);
  }

  /** The last lines of the devnet's output, for failure messages. */
  String logTail() {
    return process.tail();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.close();
  }
}
