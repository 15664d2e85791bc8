package io.levity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code LEVITY_<OPTION>} environment variables as option defaults, from an injected map. */
class EnvironmentDefaultsTest {
  /** The value of {@code option} of the (sub)command {@code args} names, once parsed. */
  private static Object value(Map<String, String> env, String option, String... args) {
    ParseResult r = Levity.commandLine(env).parseArgs(args);
    while (r.hasSubcommand()) r = r.subcommand();
    return r.commandSpec().findOption(option).getValue();
  }

  @Test
  void variablesAreThePrefixAndTheLongestNameInCapitals() {
    CommandSpec tps =
        Levity.commandLine()
            .getSubcommands()
            .get("bench")
            .getSubcommands()
            .get("tps")
            .getCommandSpec();
    assertThat(EnvironmentDefaults.variable(tps.findOption("--drain-timeout")))
        .contains("LEVITY_DRAIN_TIMEOUT");
    CommandSpec reftest = Levity.commandLine().getSubcommands().get("reftest").getCommandSpec();
    assertThat(EnvironmentDefaults.variable(reftest.findOption("-j"))).contains("LEVITY_THREADS");
  }

  @Test
  void theEnvironmentSetsDefaultsAndTheCommandLineWins() {
    Map<String, String> env =
        Map.of(
            "LEVITY_CHAIN_ID", "7",
            "LEVITY_VALIDATORS", "2",
            "LEVITY_BLOCK_TIME", " 500 ",
            "LEVITY_DATA_DIR", "/tmp/elsewhere",
            "LEVITY_UNRELATED", "x");
    assertThat(value(env, "--chain-id", "devnet")).isEqualTo(7L);
    assertThat(value(env, "--validators", "init")).isEqualTo(2);
    assertThat(value(env, "--block-time", "init")).isEqualTo(500L);
    assertThat(value(env, "--data-dir", "storage", "devnet").toString())
        .isEqualTo("/tmp/elsewhere");
    assertThat(value(env, "--chain-id", "devnet", "--chain-id", "9")).isEqualTo(9L);
    assertThat(value(Map.of(), "--chain-id", "devnet")).isEqualTo(1337L);
    assertThat(value(Map.of("LEVITY_CHAIN_ID", ""), "--chain-id", "devnet"))
        .as("a blank variable is no default")
        .isEqualTo(1337L);
  }

  @Test
  void switchesRepeatableAndRequiredOptionsAreNotRead() {
    Map<String, String> env =
        Map.of(
            "LEVITY_RESET", "true",
            "LEVITY_WORKLOAD", "erc20",
            "LEVITY_DATA_DIR", "/tmp/somewhere");
    assertThat(value(env, "--reset", "devnet")).isEqualTo(false);
    assertThat(value(env, "--workload", "bench", "evm")).isNull();
    assertThat(value(env, "--workload", "bench", "tps").toString()).isEqualTo("erc20");
    assertThatThrownBy(() -> Levity.commandLine(env).parseArgs("storage", "node"))
        .isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining("--data-dir");
  }

  @Test
  void theHelpShowsTheDefaultFromTheEnvironmentAndExplainsTheVariables() {
    LevityRun r = LevityRun.run(Map.of("LEVITY_CHAIN_ID", "77"), "devnet", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .containsPattern("--chain-id=ID\\s+Chain id\\.\\s+Default: 77")
        .contains("LEVITY_CHAIN_ID=7 for --chain-id 7");
  }

  @Test
  void aBadValueFromTheEnvironmentIsAUsageErrorThatNamesTheVariable() {
    LevityRun r =
        LevityRun.run(
            Map.of("LEVITY_CHAIN_ID", "seven"), "init", "--dir", "/nonexistent/never-written");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("LEVITY_CHAIN_ID=seven").contains("--chain-id");
  }

  /** One variable never stands for two kinds of value in different commands. */
  @Test
  void everyVariableHasOneTypeAcrossCommands() {
    Map<String, Class<?>> types = new HashMap<>();
    Deque<CommandLine> todo = new ArrayDeque<>(List.of(Levity.commandLine(Map.of())));
    int read = 0;
    while (!todo.isEmpty()) {
      CommandLine c = todo.pop();
      todo.addAll(c.getSubcommands().values());
      for (OptionSpec o : c.getCommandSpec().options()) {
        Optional<String> v = EnvironmentDefaults.variable(o);
        if (v.isEmpty()) continue;
        read++;
        Class<?> before = types.putIfAbsent(v.get(), o.type());
        assertThat(before == null || before == o.type())
            .as("%s is %s in one command, %s in %s", v.get(), before, o.type(), c.getCommandName())
            .isTrue();
      }
    }
    assertThat(read).isGreaterThan(40);
    assertThat(types).containsKeys("LEVITY_CHAIN_ID", "LEVITY_NETWORK", "LEVITY_HOME");
  }
}
