package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.process.CommandResult;
import io.levity.testing.RpcCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * viem against {@code levity devnet} (js-tools/calls.mjs): {@code call} with a state override set
 * and block overrides, {@code simulateBlocks} and {@code simulateCalls} (eth_simulateV1, with
 * traced transfers) and {@code createAccessList}. The script checks each answer as viem parses it
 * and prints a summary, asserted here.
 */
class CallsViemIT {
  /**
   * Dev account 1 of the {@code test test ... junk} mnemonic (public key material; devnet only).
   */
  private static final String KEY_1 =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path work;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // includes a first npm install
  void viemCallsWithOverridesSimulatesAndCreatesAccessLists() throws Exception {
    Path js = NpmPackage.folder("levity.acceptance.js-tools", "js-tools");
    NpmPackage.ready(js, "the viem calls test", List.of("viem"));
    try (DevnetProcess devnet = DevnetProcess.startChain(work)) {
      CommandResult script =
          CommandResult.run(
              List.of("node", "calls.mjs", devnet.httpUrl(), KEY_1), js, SCRIPT_TIMEOUT);
      if (!script.succeeded()) {
        fail(
            "node calls.mjs exited with "
                + script.exitCode()
                + "\nstderr:\n"
                + script.stderr()
                + "\nstdout:\n"
                + script.stdout()
                + "\ndevnet log tail:\n"
                + devnet.logTail());
      }
      JsonNode r = RpcCalls.parse(script.lastLine());
      assertThat(r.path("callOverrides").path("code").asText()).endsWith("2a");
      assertThat(r.path("callOverrides").path("balance").asText()).endsWith("1234");
      assertThat(r.path("callOverrides").path("stateDiff").asText()).endsWith("07");
      assertThat(r.path("blockNumberOverride").asText()).endsWith("3039");
      JsonNode sim = r.path("simulateBlocks");
      assertThat(sim.path("statuses").toString())
          .isEqualTo("[\"success\",\"success\",\"failure\",\"success\"]");
      assertThat(sim.path("returns").get(3).asText()).endsWith("03");
      assertThat(Long.parseLong(sim.path("numbers").get(1).asText()))
          .isEqualTo(Long.parseLong(sim.path("numbers").get(0).asText()) + 1);
      assertThat(r.path("traceTransfers").path("logs").asInt()).isEqualTo(1);
      JsonNode acl = r.path("createAccessList");
      assertThat(acl.path("address").asText()).isEqualToIgnoringCase(acl.path("contract").asText());
      assertThat(acl.path("storageKeys")).hasSize(2);
    }
  }
}
