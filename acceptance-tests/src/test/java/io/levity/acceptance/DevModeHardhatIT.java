package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code levity devnet --dev} driven by the tools test suites use: a Hardhat 2 project's mocha
 * suite (hardhat-ethers, hardhat-chai-matchers: events seen before {@code wait()}, custom errors,
 * fixtures through evm_snapshot/evm_revert, time travel) compiled with the solc npm package, and
 * viem's test client in anvil mode ({@code hardhat-dev/}).
 */
class DevModeHardhatIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path work;

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS) // includes a first npm install
  void hardhatSuiteAndViemTestClientPassAgainstDevMode() throws Exception {
    Path project = NpmPackage.folder("levity.acceptance.hardhat", "hardhat-dev");
    NpmPackage.ready(project, "the Hardhat and viem dev mode test", List.of("hardhat", "viem"));
    try (DevnetProcess dev = DevnetProcess.startDev(work)) {
      CommandResult mocha =
          CommandResult.run(
              List.of(
                  "env",
                  "LEVITY_RPC=" + dev.httpUrl(),
                  "HARDHAT_DISABLE_TELEMETRY_PROMPT=true",
                  "npx",
                  "hardhat",
                  "test",
                  "--network",
                  "levity"),
              project,
              RUN_TIMEOUT);
      String report = mocha.stdout() + mocha.stderr() + "\ndev node log:\n" + dev.logTail();
      assertThat(mocha.exitCode()).as(report).isZero();
      assertThat(mocha.stdout()).as(report).contains("7 passing").doesNotContain("failing");

      CommandResult viem =
          CommandResult.run(
              List.of("node", "viem-test-client.mjs", dev.httpUrl()), project, RUN_TIMEOUT);
      assertThat(viem.exitCode())
          .as("%s%s\ndev node log:\n%s", viem.stdout(), viem.stderr(), dev.logTail())
          .isZero();
      JsonNode r = RpcCalls.parse(viem.lastLine());
      assertThat(r.path("account").asText())
          .isEqualToIgnoringCase("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
      assertThat(r.path("minedTo").asInt()).isGreaterThan(r.path("revertedTo").asInt());
      assertThat(r.path("impersonated").asText())
          .isEqualTo("0x00000000000000000000000000000000000000cc");
      assertThat(r.path("reset").asBoolean()).isTrue();
    }
  }
}
