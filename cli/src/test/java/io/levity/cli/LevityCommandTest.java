package io.levity.cli;

import static io.levity.cli.LevityRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree: help everywhere, shared options alike in every command, usage errors. */
class LevityCommandTest {
  /** The help text of one option, from its name to the next option. */
  private static String optionHelp(String help, String option) {
    int from = help.indexOf("\n      " + option + "=");
    assertThat(from).as(option).isNotNegative();
    Matcher next = Pattern.compile("\n  [ -]{4}-").matcher(help);
    return help.substring(from, next.find(from + 1) ? next.start() : help.length());
  }

  @Test
  void everyCommandHasHelpAndVersion() {
    for (String[] cmd :
        new String[][] {
          {"devnet"}, {"init"}, {"node"}, {"storage", "upload"}, {"storage", "node"},
          {"bench", "tps"}, {"bench", "storage"}, {"sim", "consensus"}, {"evm", "run"}, {"reftest"}
        }) {
      String[] args = new String[cmd.length + 1];
      System.arraycopy(cmd, 0, args, 0, cmd.length);
      args[cmd.length] = "--help";
      LevityRun o = run(args);
      assertThat(o.exit()).as(String.join(" ", cmd)).isZero();
      assertThat(o.out()).contains("--version").contains("LEVITY_");
    }
    assertThat(run("devnet", "--version").out()).startsWith("levity ");
  }

  @Test
  void devnetAndInitShareTheirChainOptions() {
    String devnet = run("devnet", "--help").out();
    String init = run("init", "--help").out();
    for (String option :
        new String[] {"--validators", "--chain-id", "--accounts", "--block-time", "--gas-limit"})
      assertThat(optionHelp(devnet, option)).isEqualTo(optionHelp(init, option));
    assertThat(optionHelp(devnet, "--accounts")).contains("0..1000").contains("Default: 10");
  }

  @Test
  void outOfRangeChainOptionsAreUsageErrorsInBothCommands() {
    for (String cmd : new String[] {"devnet", "init"}) {
      LevityRun o = run(cmd, "--accounts", "1001", "--dir", "/nonexistent/never-written");
      assertThat(o.exit()).as(cmd).isEqualTo(2);
      assertThat(o.err()).contains("--accounts must be in 0..1000");
      LevityRun gas = run(cmd, "--gas-limit", "4999", "--dir", "/nonexistent/never-written");
      assertThat(gas.exit()).as(cmd).isEqualTo(2);
      assertThat(gas.err()).contains("--gas-limit must be at least 5000, got 4999");
    }
    assertThat(run("devnet", "--validators", "65").err()).contains("--validators must be in 1..64");
    assertThat(run("devnet", "--storage-nodes", "65").exit()).isEqualTo(2);
  }

  @Test
  void devModeRefusesTheBftDevnetsOptionsAndOtherChainIds() {
    LevityRun v = run("devnet", "--dev", "--validators", "1");
    assertThat(v.exit()).isEqualTo(2);
    assertThat(v.err()).contains("--validators does not apply with --dev");
    LevityRun d = run("devnet", "--dev", "--data-dir", "/nonexistent/never-written");
    assertThat(d.exit()).isEqualTo(2);
    assertThat(d.err()).contains("--data-dir does not apply with --dev");
    LevityRun c = run("devnet", "--dev", "--chain-id", "1");
    assertThat(c.exit()).isEqualTo(2);
    assertThat(c.err()).contains("--dev runs on the dev chain id 1337 only");
  }

  @Test
  void aStorageRootMustBeOne() {
    LevityRun o = run("storage", "status", "0x1234");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("not a file root (0x + 64 hex digits): 0x1234");
  }

  @Test
  void theOldSpellingOfTheStorageDevnetFolderStillWorks() {
    CommandLine.ParseResult r =
        Levity.commandLine(Map.of()).parseArgs("storage", "devnet", "--dir", "/tmp/x");
    assertThat(r.subcommand().subcommand().matchedOptionValue("--data-dir", null).toString())
        .isEqualTo("/tmp/x");
  }
}
