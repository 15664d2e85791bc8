package io.levity.cli.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvmCommandTest {
  record Outcome(int exit, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new EvmCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void runsCodeAndPrintsResult() {
    // MSTORE 0x2a at 0, RETURN 32 bytes.
    Outcome o = run("run", "--code", "602a60005260206000f3", "--gas", "100000");
    assertThat(o.exit()).isZero();
    assertThat(o.out())
        .contains("result:   success")
        .contains("gas used: 18")
        .contains("output:   0x" + "00".repeat(31) + "2a");
  }

  @Test
  void reportsRevertAndHalt() {
    assertThat(run("run", "--code", "0x60006000fd").out()).contains("result:   revert");
    Outcome halt = run("run", "--code", "0x01", "--gas", "500");
    assertThat(halt.out()).contains("result:   halt: stack underflow").contains("gas used: 500");
  }

  @Test
  void inputReachesCalldata() {
    // CALLDATALOAD(0), return it.
    Outcome o = run("run", "--code", "60003560005260206000f3", "--input", "0x" + "11".repeat(32));
    assertThat(o.out()).contains("output:   0x" + "11".repeat(32));
  }

  @Test
  void traceEmitsEip3155Lines() throws Exception {
    Outcome o = run("run", "--code", "604060005260206000f3", "--gas", "10000000000", "--trace");
    List<String> lines = o.out().lines().toList();
    assertThat(lines).hasSize(7);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("pc").asInt()).isZero();
    assertThat(first.get("op").asInt()).isEqualTo(0x60);
    assertThat(first.get("gas").asText()).isEqualTo("0x2540be400");
    assertThat(first.get("gasCost").asText()).isEqualTo("0x3");
    assertThat(first.get("opName").asText()).isEqualTo("PUSH1");
    JsonNode summary = json.readTree(lines.get(6));
    assertThat(summary.get("gasUsed").asText()).isEqualTo("0x12");
    assertThat(summary.get("output").asText()).endsWith("40");
  }

  @Test
  void rejectsBadHex() {
    Outcome o = run("run", "--code", "0xzz");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("invalid hex");
  }
}
