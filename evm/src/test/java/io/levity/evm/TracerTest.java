package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.evm.trace.Eip3155Tracer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EIP-3155 trace lines: fields, formats, depth, gas accounting, errors and the summary. */
class TracerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> trace(TestChain chain, Bytes code, long gas) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    chain.tracer = new Eip3155Tracer(new PrintStream(buf, true, StandardCharsets.UTF_8));
    chain.run(code, gas);
    return buf.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void stepLinesFollowEip3155() throws Exception {
    List<String> lines =
        trace(new TestChain(), Bytes.fromHex("0x604060005260206000f3"), 0x2540be400L);
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"pc\":0,\"op\":96,\"gas\":\"0x2540be400\",\"gasCost\":\"0x3\",\"memSize\":0,"
                + "\"stack\":[],\"depth\":1,\"refund\":0,\"opName\":\"PUSH1\"}");
    assertThat(lines.get(2))
        .isEqualTo(
            "{\"pc\":4,\"op\":82,\"gas\":\"0x2540be3fa\",\"gasCost\":\"0x6\",\"memSize\":0,"
                + "\"stack\":[\"0x40\",\"0x0\"],\"depth\":1,\"refund\":0,\"opName\":\"MSTORE\"}");
    JsonNel ret = JsonNel.of(lines.get(5));
    assertThat(ret.text("opName")).isEqualTo("RETURN");
    assertThat(ret.node.get("memSize").asLong()).isEqualTo(32);
    assertThat(lines).hasSize(7);
    assertThat(lines.get(6))
        .isEqualTo("{\"output\":\"" + "00".repeat(31) + "40\",\"gasUsed\":\"0x12\"}");
  }

  @Test
  void gasDecreasesByGasCostAndChildFramesAreDeeper() throws Exception {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.OTHER, Bytes.fromHex("0x600160015500"));
    Bytes code = new Asm().call("CALL", TestChain.OTHER, 0, 0, 0, 0, 0, 50_000).op("POP").build();
    List<JsonNel> steps = new ArrayList<>();
    for (String l : trace(chain, code, 100_000))
      if (l.startsWith("{\"pc\"")) steps.add(JsonNel.of(l));
    List<Integer> depths = steps.stream().map(s -> s.node.get("depth").asInt()).toList();
    assertThat(depths).containsSubsequence(1, 2, 2, 2, 2, 1);
    for (int i = 0; i + 1 < steps.size(); i++) {
      JsonNel a = steps.get(i);
      JsonNel b = steps.get(i + 1);
      if (a.node.get("depth").asInt() == b.node.get("depth").asInt()) {
        assertThat(b.hex("gas")).as("step %d", i).isEqualTo(a.hex("gas") - a.hex("gasCost"));
      }
    }
    JsonNel call =
        steps.stream().filter(s -> s.text("opName").equals("CALL")).findFirst().orElseThrow();
    assertThat(call.hex("gasCost"))
        .isEqualTo(2600 + 50_000); // cold access plus the gas handed over
  }

  @Test
  void failingOperationCarriesTheError() throws Exception {
    List<String> lines = trace(new TestChain(), Bytes.fromHex("0x600101"), 1000);
    JsonNel last = JsonNel.of(lines.get(lines.size() - 2));
    assertThat(last.text("opName")).isEqualTo("ADD");
    assertThat(last.text("error")).isEqualTo("stack underflow");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("{\"output\":\"\",\"gasUsed\":\"0x3e8\",\"error\":\"stack underflow\"}");
  }

  @Test
  void returnDataAppearsAfterACall() throws Exception {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.OTHER, new Asm().push(0xab).returnTop().build());
    Bytes code = new Asm().call("CALL", TestChain.OTHER, 0, 0, 0, 0, 0, -1).op("POP").build();
    List<String> lines = trace(chain, code, 100_000);
    JsonNel pop =
        lines.stream()
            .filter(l -> l.contains("\"POP\""))
            .map(JsonNel::of)
            .findFirst()
            .orElseThrow();
    assertThat(pop.text("returnData")).isEqualTo("0x" + "00".repeat(31) + "ab");
  }

  /** A parsed trace line. */
  record JsonNel(JsonNode node) {
    static JsonNel of(String line) {
      try {
        return new JsonNel(JSON.readTree(line));
      } catch (Exception e) {
        throw new IllegalArgumentException(line, e);
      }
    }

    String text(String f) {
      return node.get(f).asText();
    }

    long hex(String f) {
      return Long.parseLong(text(f).substring(2), 16);
    }
  }
}
