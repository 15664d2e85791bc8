package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.process.CommandResult;
import io.levity.testing.Await;
import io.levity.testing.RpcCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters, watchers and subscriptions as dApp tools use them, against {@code levity devnet} run as
 * a separate process: viem 2.58.8 (event, contract-event, block and pending filters; watchBlocks,
 * watchEvent and watchPendingTransactions over HTTP polling and over WebSocket), ethers 6 ({@code
 * on('pending')} over HTTP and WebSocket, without crashing node) and web3.js 4.16.0
 * (newBlockHeaders, pendingTransactions and logs subscriptions). The clients run in {@code
 * js-tools/tools.mjs}, with exact versions from its package-lock.json ({@code npm ci}); skipped
 * when node or npm is missing.
 */
class ToolsFiltersAcceptanceIT {
  /**
   * Dev account 2 of the {@code test test ... junk} mnemonic (public key material; devnet only).
   */
  private static final String KEY_2 =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  private static final Pattern WS_LINE = Pattern.compile("WebSocket:\\s+(ws://\\S+)");
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> PACKAGES = List.of("viem", "ethers", "web3", "solc");

  @TempDir static Path work;

  private static DevnetProcess devnet;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet = DevnetProcess.startChain(work);
  }

  @AfterAll
  static void stopDevnet() {
    if (devnet != null) {
      devnet.close();
      assertThat(devnet.isAlive()).as("devnet process stopped").isFalse();
    }
  }

  @Test
  @Timeout(value = 420, unit = TimeUnit.SECONDS) // includes a first npm ci
  void viemEthersAndWeb3SeeFiltersWatchersAndSubscriptions() throws Exception {
    Path js = NpmPackage.folder("levity.acceptance.js-tools", "js-tools");
    NpmPackage.ready(js, "the viem / ethers / web3.js acceptance test", PACKAGES);
    String ws = wsUrl();
    CommandResult script =
        new JarCommands(work, NODE_TIMEOUT, devnet::logTail)
            .run(List.of("node", "tools.mjs", devnet.httpUrl(), ws, KEY_2), js);
    if (!script.succeeded()) {
      fail(
          "node tools.mjs exited with "
              + script.exitCode()
              + " (an unhandled rejection in a client ends the process)\nstderr:\n"
              + script.stderr()
              + "\nstdout:\n"
              + script.stdout()
              + "\ndevnet log tail:\n"
              + devnet.logTail());
    }
    JsonNode r = RpcCalls.parse(script.lastLine());
    assertThat(r.path("solcVersion").asText()).startsWith("0.8.30");
    assertThat(r.path("errors")).as("client errors").isEmpty();
    assertThat(r.path("processAlive").asBoolean()).isTrue();
    List<String> txs = strings(r.path("txHashes"));
    assertThat(txs).hasSize(3);
    long lastBlock = 0;
    for (JsonNode n : r.path("blockNumbers")) lastBlock = Math.max(lastBlock, n.asLong());

    // viem's filters, polled once after the transactions: everything since they were installed
    JsonNode f = r.path("viemHttpFilters");
    assertThat(strings(f.path("eventFilter"))).as("createEventFilter").isEqualTo(txs);
    assertThat(strings(f.path("contractFilter"))).as("createContractEventFilter").isEqualTo(txs);
    assertThat(strings(f.path("contractFilterArgs"))).containsExactly("1", "2", "3");
    assertThat(strings(f.path("contractFilterEventNames"))).containsOnly("Ping");
    assertThat(strings(f.path("blockFilter")))
        .as("createBlockFilter")
        .containsAll(strings(r.path("blockHashes")));
    assertThat(strings(f.path("pendingFilter")))
        .as("createPendingTransactionFilter")
        .containsAll(txs);
    assertThat(f.path("eventFilterSecondPoll").asInt()).as("nothing new on a second poll").isZero();
    assertThat(strings(f.path("contractFilterLogs"))).as("getFilterLogs").isEqualTo(txs);
    assertThat(f.path("uninstalled").asBoolean()).isTrue();
    assertThat(f.path("uninstalledTwice").asBoolean()).isFalse();

    // watchers and subscriptions, over HTTP polling and WebSocket
    for (String k :
        List.of(
            "viemHttpWatchEvent",
            "viemWsWatchEvent",
            "web3Logs",
            "viemHttpWatchPending",
            "viemWsWatchPending",
            "ethersHttpPending",
            "ethersWsPending",
            "web3PendingTransactions")) {
      assertThat(strings(r.path(k))).as(k).containsAll(txs);
    }
    for (String k : List.of("viemHttpWatchBlocks", "viemWsWatchBlocks", "web3NewBlockHeaders")) {
      long max = 0;
      for (JsonNode n : r.path(k)) max = Math.max(max, n.asLong());
      assertThat(max).as(k + ": the newest block seen").isGreaterThanOrEqualTo(lastBlock);
    }
    assertThat(devnet.isAlive()).isTrue();
  }

  /** The WebSocket URL the devnet printed right after its HTTP one. */
  private static String wsUrl() throws InterruptedException {
    Path log = work.resolve("devnet.log");
    AtomicReference<String> url = new AtomicReference<>();
    Await.until(
        Duration.ofSeconds(20),
        () -> {
          Matcher m = WS_LINE.matcher(read(log));
          if (m.find()) url.set(m.group(1));
          return url.get() != null;
        },
        () -> "the devnet's WebSocket URL in " + log + "\n" + devnet.logTail());
    return url.get();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
