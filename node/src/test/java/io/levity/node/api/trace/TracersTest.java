package io.levity.node.api.trace;

import static io.levity.node.api.trace.TracerFixture.A;
import static io.levity.node.api.trace.TracerFixture.B;
import static io.levity.node.api.trace.TracerFixture.B_CODE;
import static io.levity.node.api.trace.TracerFixture.C;
import static io.levity.node.api.trace.TracerFixture.COINBASE;
import static io.levity.node.api.trace.TracerFixture.GAS;
import static io.levity.node.api.trace.TracerFixture.INV;
import static io.levity.node.api.trace.TracerFixture.LOOP;
import static io.levity.node.api.trace.TracerFixture.MEM;
import static io.levity.node.api.trace.TracerFixture.ONE64;
import static io.levity.node.api.trace.TracerFixture.POOR;
import static io.levity.node.api.trace.TracerFixture.POOR_CREATOR;
import static io.levity.node.api.trace.TracerFixture.SD;
import static io.levity.node.api.trace.TracerFixture.SENDER;
import static io.levity.node.api.trace.TracerFixture.ZERO64;
import static io.levity.node.api.trace.TracerFixture.call;
import static io.levity.node.api.trace.TracerFixture.step;
import static io.levity.node.api.trace.TracerFixture.trace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.evm.ContractAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each tracer's JSON on small hand-assembled contracts, field by field against geth's format. */
class TracersTest {
  @Test
  void structLoggerStorageAndGasAsGeth() throws Exception {
    JsonNode r = trace(Optional.of(B), "", null);
    assertThat(r.get("failed").asBoolean()).isFalse();
    assertThat(r.get("returnValue").asText()).isEqualTo(ONE64);
    JsonNode first = r.get("structLogs").get(0);
    assertThat(first.get("pc").asInt()).isZero();
    assertThat(first.get("op").asText()).isEqualTo("PUSH1");
    assertThat(first.get("gas").asLong()).isEqualTo(GAS - 21_000);
    assertThat(first.get("gasCost").asLong()).isEqualTo(3);
    assertThat(first.get("depth").asInt()).isEqualTo(1);
    assertThat(first.get("stack")).isEmpty();
    assertThat(first.has("memory")).isFalse(); // enableMemory defaults to false
    assertThat(first.has("storage")).isFalse(); // only on SLOAD and SSTORE
    assertThat(first.has("refund")).isFalse();
    JsonNode sstore = step(r, "SSTORE");
    assertThat(sstore.get("gasCost").asLong()).isEqualTo(22_100);
    assertThat(sstore.get("stack").get(0).asText()).isEqualTo("0x1");
    assertThat(sstore.get("storage").get(ZERO64).asText()).isEqualTo(ONE64);
    JsonNode sload = step(r, "SLOAD");
    assertThat(sload.get("gasCost").asLong()).isEqualTo(100);
    assertThat(sload.get("storage").get(ZERO64).asText()).isEqualTo(ONE64);
    long used = GAS - first.get("gas").asLong() + 21_000;
    assertThat(r.get("gas").asLong()).isPositive().isLessThan(used + 30_000);
  }

  @Test
  void structLoggerOptions() throws Exception {
    JsonNode r =
        trace(
            Optional.of(B),
            "",
            "{\"enableMemory\":true,\"disableStack\":true,\"disableStorage\":true}");
    JsonNode afterMstore = r.get("structLogs").get(7); // the PUSH1 after MSTORE
    assertThat(afterMstore.get("op").asText()).isEqualTo("PUSH1");
    assertThat(afterMstore.get("memory").get(0).asText()).isEqualTo(ONE64);
    assertThat(afterMstore.has("stack")).isFalse();
    assertThat(step(r, "SSTORE").has("storage")).isFalse();
  }

  @Test
  void nestedCallsRevertAndDepth() throws Exception {
    JsonNode r = trace(Optional.of(A), "", null);
    assertThat(r.get("structLogs").findValues("depth").stream().mapToInt(JsonNode::asInt).max())
        .hasValue(2);
    JsonNode revert = step(r, "REVERT");
    assertThat(revert.get("depth").asInt()).isEqualTo(2);
    assertThat(r.get("failed").asBoolean()).isFalse();
  }

  @Test
  void outOfGasMarksTheStep() throws Exception {
    JsonNode r = trace(Optional.of(LOOP), "", null);
    assertThat(r.get("failed").asBoolean()).isTrue();
    assertThat(r.get("returnValue").asText()).isEmpty();
    JsonNode last = r.get("structLogs").get(r.get("structLogs").size() - 1);
    assertThat(last.get("error").asText()).isEqualTo("out of gas");
    assertThat(r.get("gas").asLong()).isEqualTo(GAS);
    JsonNode call = trace(Optional.of(LOOP), "", "{\"tracer\":\"callTracer\"}");
    assertThat(call.get("error").asText()).isEqualTo("out of gas");
    assertThat(call.has("output")).isFalse();
  }

  @Test
  void haltingStepCostsWhatGethReports() throws Exception {
    JsonNode inv = trace(Optional.of(INV), "", null);
    JsonNode last = inv.get("structLogs").get(1);
    assertThat(last.get("op").asText()).isEqualTo("INVALID");
    assertThat(last.get("gasCost").asLong()).isZero(); // not the gas the halt consumed
    assertThat(last.get("error").asText()).isEqualTo("invalid opcode: INVALID");
    JsonNode call = trace(Optional.of(INV), "", "{\"tracer\":\"callTracer\"}");
    assertThat(call.get("error").asText()).isEqualTo("invalid opcode: INVALID");
    JsonNode mem = trace(Optional.of(MEM), "", null);
    JsonNode mstore = mem.get("structLogs").get(2);
    assertThat(mstore.get("op").asText()).isEqualTo("MSTORE");
    assertThat(mstore.get("error").asText()).isEqualTo("out of gas");
    assertThat(mstore.get("gasCost").asLong()).isEqualTo(3 + 14_347); // constant + expansion
  }

  @Test
  void callThatFailsAtOnceIsAFrameAndCountsItsGas() throws Exception {
    JsonNode r = trace(Optional.of(POOR), "", "{\"tracer\":\"callTracer\"}");
    JsonNode failed = r.get("calls").get(0);
    assertThat(failed.get("to").asText()).isEqualTo(B.toHex());
    assertThat(failed.get("value").asText()).isEqualTo("0x1");
    assertThat(failed.get("gasUsed").asText()).isEqualTo("0x0");
    assertThat(failed.get("error").asText()).isEqualTo("insufficient balance for transfer");
    JsonNode call = step(trace(Optional.of(POOR), "", null), "CALL");
    long gasBefore = call.get("gas").asLong();
    long handed = (gasBefore - 11_600) - (gasBefore - 11_600) / 64;
    assertThat(call.get("gasCost").asLong()).isEqualTo(11_600 + handed);
  }

  @Test
  void createThatFailsAtOnceIsAFrameWithoutTo() throws Exception {
    JsonNode r = trace(Optional.of(POOR_CREATOR), "", "{\"tracer\":\"callTracer\"}");
    JsonNode failed = r.get("calls").get(0);
    assertThat(failed.get("type").asText()).isEqualTo("CREATE");
    assertThat(failed.get("from").asText()).isEqualTo(POOR_CREATOR.toHex());
    assertThat(failed.has("to")).isFalse();
    assertThat(failed.get("value").asText()).isEqualTo("0x1");
    assertThat(failed.get("gasUsed").asText()).isEqualTo("0x0");
    assertThat(failed.get("error").asText()).isEqualTo("insufficient balance for transfer");
  }

  @Test
  void callTracerTree() throws Exception {
    JsonNode r = trace(Optional.of(A), "", "{\"tracer\":\"callTracer\"}");
    assertThat(r.get("type").asText()).isEqualTo("CALL");
    assertThat(r.get("from").asText()).isEqualTo(SENDER.toHex());
    assertThat(r.get("to").asText()).isEqualTo(A.toHex());
    assertThat(r.get("value").asText()).isEqualTo("0x0");
    assertThat(r.get("gas").asText()).isEqualTo("0x" + Long.toHexString(GAS));
    assertThat(Long.decode(r.get("gasUsed").asText())).isGreaterThan(21_000);
    assertThat(r.get("input").asText()).isEqualTo("0x");
    assertThat(r.has("error")).isFalse();
    JsonNode b = r.get("calls").get(0);
    assertThat(b.get("type").asText()).isEqualTo("CALL");
    assertThat(b.get("from").asText()).isEqualTo(A.toHex());
    assertThat(b.get("to").asText()).isEqualTo(B.toHex());
    assertThat(b.get("output").asText()).isEqualTo("0x" + ONE64);
    assertThat(b.has("logs")).isFalse(); // withLog off
    assertThat(b.has("calls")).isFalse();
    JsonNode c = r.get("calls").get(1);
    assertThat(c.get("error").asText()).isEqualTo("execution reverted");
    assertThat(c.get("revertReason").asText()).isEqualTo("no");
    assertThat(c.get("output").asText()).startsWith("0x08c379a0");
    assertThat(Long.decode(c.get("gasUsed").asText()))
        .isLessThan(Long.decode(c.get("gas").asText()));
  }

  @Test
  void callTracerLogsAndOnlyTopCall() throws Exception {
    JsonNode r =
        trace(
            Optional.of(A), "", "{\"tracer\":\"callTracer\",\"tracerConfig\":{\"withLog\":true}}");
    JsonNode log = r.get("calls").get(0).get("logs").get(0);
    assertThat(log.get("address").asText()).isEqualTo(B.toHex());
    assertThat(log.get("topics").get(0).asText()).isEqualTo("0x" + "0".repeat(62) + "aa");
    assertThat(log.get("data").asText()).isEqualTo("0x" + ONE64);
    assertThat(log.get("position").asText()).isEqualTo("0x0");
    JsonNode top =
        trace(
            Optional.of(A),
            "",
            "{\"tracer\":\"callTracer\",\"tracerConfig\":{\"onlyTopCall\":true}}");
    assertThat(top.has("calls")).isFalse();
    assertThat(top.get("to").asText()).isEqualTo(A.toHex());
  }

  @Test
  void callTracerCreate() throws Exception {
    // MSTORE8(0, 1); RETURN(0, 1): deploys the one-byte code 0x01.
    JsonNode r = trace(Optional.empty(), "600160005360016000f3", "{\"tracer\":\"callTracer\"}");
    assertThat(r.get("type").asText()).isEqualTo("CREATE");
    assertThat(r.get("to").asText()).isEqualTo(ContractAddress.create(SENDER, 0).toHex());
    assertThat(r.get("output").asText()).isEqualTo("0x01");
    assertThat(r.get("input").asText()).isEqualTo("0x600160005360016000f3");
  }

  @Test
  void selfdestructIsAFrameAndCreatedAccountsHaveNoPrestate() throws Exception {
    JsonNode r = trace(Optional.of(SD), "", "{\"tracer\":\"callTracer\"}");
    JsonNode sd = r.get("calls").get(0);
    assertThat(sd.get("type").asText()).isEqualTo("SELFDESTRUCT");
    assertThat(sd.get("from").asText()).isEqualTo(SD.toHex());
    assertThat(sd.get("to").asText()).isEqualTo(B.toHex());
    assertThat(sd.get("value").asText()).isEqualTo("0x5");
    assertThat(sd.get("gas").asText()).isEqualTo("0x0");
    assertThat(sd.get("gasUsed").asText()).isEqualTo("0x0");
    JsonNode pre =
        trace(Optional.empty(), "600160005360016000f3", "{\"tracer\":\"prestateTracer\"}");
    assertThat(pre.has(ContractAddress.create(SENDER, 0).toHex())).isFalse();
    assertThat(pre.has(SENDER.toHex())).isTrue();
  }

  @Test
  void prestateTracerBothModes() throws Exception {
    JsonNode r = trace(Optional.of(A), "", "{\"tracer\":\"prestateTracer\"}");
    assertThat(r.get(SENDER.toHex()).get("balance").asText()).isEqualTo("0x38d7ea4c68000");
    assertThat(r.get(SENDER.toHex()).has("nonce")).isFalse(); // nonce 0 is left out
    assertThat(r.get(B.toHex()).get("nonce").asLong()).isEqualTo(1);
    assertThat(r.get(B.toHex()).get("code").asText()).isEqualTo("0x" + B_CODE);
    assertThat(r.get(B.toHex()).get("storage").get("0x" + ZERO64).asText())
        .isEqualTo("0x" + ZERO64);
    assertThat(r.has(C.toHex())).isTrue();
    assertThat(r.has(COINBASE.toHex())).isTrue();

    JsonNode d =
        trace(
            Optional.of(A),
            "",
            "{\"tracer\":\"prestateTracer\",\"tracerConfig\":{\"diffMode\":true}}");
    JsonNode post = d.get("post");
    JsonNode pre = d.get("pre");
    assertThat(post.get(B.toHex()).get("storage").get("0x" + ZERO64).asText())
        .isEqualTo("0x" + ONE64);
    assertThat(post.get(B.toHex()).has("balance")).isFalse(); // unchanged fields left out
    assertThat(pre.get(B.toHex()).has("storage")).isFalse(); // the slot was zero before
    assertThat(post.get(SENDER.toHex()).get("nonce").asLong()).isEqualTo(1);
    assertThat(pre.has(C.toHex())).isFalse(); // C's revert changed nothing
    assertThat(post.has(C.toHex())).isFalse();
    assertThat(pre.has(COINBASE.toHex())).isFalse(); // absent before (tip 1 wei * gas is paid)
    assertThat(post.get(COINBASE.toHex()).has("balance")).isTrue();
  }
}
