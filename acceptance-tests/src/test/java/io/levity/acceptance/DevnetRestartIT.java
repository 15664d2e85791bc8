package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.CommandResult;
import io.levity.testing.RpcCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code levity devnet} stopped and started again on the same data and ports, as a user restarts
 * it: each time it must come back serving JSON-RPC and storage (its storage nodes registered
 * again), and stop on SIGINT or SIGTERM alike, also when started in the background by a shell
 * without job control (which starts it with SIGINT ignored). Restarts: {@code
 * -Dlevity.devnet.restarts=N} (default 3; 20 for the soak).
 */
class DevnetRestartIT {
  private static final int RESTARTS = Integer.getInteger("levity.devnet.restarts", 3);
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final String RPC_LINE = "HTTP JSON-RPC: ";
  private static final String STORAGE_LINE = "Storage: ";

  @TempDir Path work;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String[] ports;

  private List<String> devnet(boolean reset) throws IOException {
    if (ports == null) ports = DevnetProcess.freePorts();
    List<String> args = DevnetProcess.arguments(work, ports, reset);
    return LevityCli.launcher().withJvmOptions(LevityCli.STORAGE_JVM).command(args);
  }

  private ChildProcess start(List<String> command, String readyLine) throws IOException {
    return ChildProcess.launch("levity-devnet", command, work.resolve("devnet.log"))
        .in(work)
        .appendingLog()
        .readyWhen(line -> line.startsWith(readyLine) ? line : null)
        .start();
  }

  private JsonNode rpc(String method) throws IOException, InterruptedException {
    return RpcCalls.call(http, URI.create("http://127.0.0.1:" + ports[0]), method, "[]");
  }

  @Test
  void theDevnetComesBackServingRpcAndStorageAfterEveryRestart() throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Path file = work.resolve("file.bin");
    Files.write(file, data);
    Path network = work.resolve("devnet-data").resolve("storage.json");
    for (int run = 0; run <= RESTARTS; run++) {
      ChildProcess p = start(devnet(run == 0), STORAGE_LINE);
      try {
        String context = "run " + run + " of " + RESTARTS + " restarts";
        try {
          p.awaitReady(UP_TIMEOUT);
        } catch (IOException | RuntimeException e) {
          throw new AssertionError(context + ": storage not up: " + e + "\n" + p.tail(), e);
        }
        assertThat(rpc("eth_blockNumber").path("result").asText())
            .as(context + "\n" + p.tail())
            .startsWith("0x");
        CommandResult up =
            CommandResult.run(
                LevityCli.launcher()
                    .withJvmOptions(LevityCli.STORAGE_JVM)
                    .command("storage", "upload", "--network", network.toString(), file.toString()),
                work,
                Duration.ofSeconds(90));
        assertThat(up.exitCode())
            .as("%s: upload:\n%s%s\ndevnet:\n%s", context, up.stdout(), up.stderr(), p.tail())
            .isZero();
        assertThat(up.lastLine()).matches("0x[0-9a-f]{64}");
        assertThat(p.isAlive()).as(context + ": devnet alive\n" + p.tail()).isTrue();
      } finally {
        p.stop(STOP_GRACE); // SIGTERM
      }
      assertThat(p.isAlive()).as("stopped by SIGTERM").isFalse();
    }
  }

  @Test
  void sigintStopsADevnetStartedInTheBackgroundByAShellWithoutJobControl() throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & wait", "sh"));
    command.addAll(devnet(true));
    ChildProcess shell = start(command, RPC_LINE);
    try {
      shell.awaitReady(UP_TIMEOUT);
      ProcessHandle java =
          ProcessHandle.of(shell.pid())
              .orElseThrow()
              .children()
              .findFirst()
              .orElseThrow(() -> new AssertionError("no devnet under the shell"));
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(java.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(java.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get())
          .as("the devnet ended on SIGINT\n" + shell.tail())
          .isNotNull();
      assertThat(java.isAlive()).isFalse();
    } finally {
      shell.stop(STOP_GRACE);
    }
  }
}
