package io.levity.node.api.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.evm.BlockContext;
import io.levity.evm.ContractAddress;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.IntrinsicGas;
import io.levity.execution.tx.ValidatedTransaction;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each tracer's JSON on small hand-assembled contracts, field by field against geth's format. */
class TracersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address SENDER = Address.fromHex("0x" + "5e".repeat(20));
  private static final Address A = Address.fromHex("0x" + "aa".repeat(20));
  private static final Address B = Address.fromHex("0x" + "bb".repeat(20));
  private static final Address C = Address.fromHex("0x" + "cc".repeat(20));
  private static final Address LOOP = Address.fromHex("0x" + "dd".repeat(20));
  private static final Address INV = Address.fromHex("0x" + "e1".repeat(20));
  private static final Address MEM = Address.fromHex("0x" + "e2".repeat(20));
  private static final Address SD = Address.fromHex("0x" + "5d".repeat(20));
  private static final Address POOR_CREATOR = Address.fromHex("0x" + "fc".repeat(20));
  private static final Address POOR = Address.fromHex("0x" + "fb".repeat(20));
  private static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));
  private static final long GAS = 200_000;
  private static final long SMALL_GAS = 21_000 + 1_000;
  private static final String ZERO64 = "0".repeat(64);
  private static final String ONE64 = "0".repeat(63) + "1";

  /** SSTORE(0, 1); SLOAD(0); MSTORE(0, it); LOG1(0, 32, 0xaa); RETURN(0, 32). */
  private static final String B_CODE = "6001600055600054600052" + "60aa60206000a1" + "60206000f3";

  /** REVERT with Error("no"). */
  private static final String C_CODE =
      "7f08c379a0"
          + "00".repeat(28)
          + "600052" // selector
          + "6020600452" // offset 0x20
          + "6002602452" // length 2
          + "7f6e6f"
          + "00".repeat(30)
          + "604452" // "no"
          + "60646000fd";

  private static final String A_CODE = call(B, 0x20) + call(C, 0) + "00";

  /** CALL(gas, to, 0, 0, 0, 0, outLen) then POP. */
  private static String call(Address to, int outLen) {
    return String.format("60%02x", outLen)
        + "6000600060006000"
        + "73"
        + to.toHex().substring(2)
        + "5af150";
  }

  private final TimeSource clock =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return 0;
        }

        @Override
        public long epochMillis() {
          return 0;
        }
      };

  private InMemoryWorld world() {
    InMemoryWorld w = new InMemoryWorld();
    w.put(SENDER, UInt256.valueOf(1_000_000_000_000_000L), 0, Bytes.EMPTY, Map.of());
    w.put(A, UInt256.ZERO, 1, Bytes.fromHex(A_CODE), Map.of());
    w.put(B, UInt256.ZERO, 1, Bytes.fromHex(B_CODE), Map.of());
    w.put(C, UInt256.ZERO, 1, Bytes.fromHex(C_CODE), Map.of());
    w.put(LOOP, UInt256.ZERO, 1, Bytes.fromHex("5b600056"), Map.of());
    // CALL(gas, B, value 1, 0, 0, 0, 0) with no balance.
    w.put(
        POOR,
        UInt256.ZERO,
        1,
        Bytes.fromHex("60006000600060006001" + "73" + B.toHex().substring(2) + "5af15000"),
        Map.of());
    w.put(SD, UInt256.valueOf(5), 1, Bytes.fromHex("73" + "bb".repeat(20) + "ff"), Map.of());
    // CREATE(value 1, 0, 0) with no balance.
    w.put(POOR_CREATOR, UInt256.ZERO, 1, Bytes.fromHex("600060006001f05000"), Map.of());
    w.put(INV, UInt256.ZERO, 1, Bytes.fromHex("6001fe"), Map.of());
    // MSTORE(0x10000, 0): the expansion to 2049 words costs 14347 gas.
    w.put(MEM, UInt256.ZERO, 1, Bytes.fromHex("60006201000052"), Map.of());
    w.beginTransaction();
    return w;
  }

  private static final BlockContext BLOCK =
      new BlockContext(
          COINBASE,
          1,
          1000,
          30_000_000,
          Bytes32.ZERO,
          UInt256.ZERO,
          UInt256.ONE,
          1,
          n -> Bytes32.ZERO);

  private JsonNode trace(Optional<Address> to, String data, String options) throws Exception {
    return trace(to, data, options, TraceLimits.DEFAULT);
  }

  private JsonNode trace(Optional<Address> to, String data, String options, TraceLimits limits)
      throws Exception {
    Transaction tx =
        new LegacyTransaction(
            0,
            UInt256.ONE,
            to.equals(Optional.of(MEM)) ? SMALL_GAS : GAS,
            to,
            UInt256.ZERO,
            Bytes.fromHex(data),
            OptionalLong.empty(),
            Transaction.UNSIGNED);
    ValidatedTransaction v = new ValidatedTransaction(tx, SENDER, IntrinsicGas.of(tx, Fork.CANCUN));
    TraceOptions o = TraceOptions.parse(options == null ? null : JSON.readTree(options), limits);
    InMemoryWorld world = world();
    InMemoryWorld pre = world();
    return new TraceRunner(Fork.CANCUN, 1)
        .trace(world, pre, BLOCK, v, 30_000_000, o, new TraceBudget(limits, clock, 1000));
  }

  private static JsonNode step(JsonNode r, String op) {
    for (JsonNode s : r.get("structLogs")) if (s.get("op").asText().equals(op)) return s;
    throw new AssertionError("no " + op + " step");
  }

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

  @Test
  void limitsGiveClearErrors() {
    TraceLimits tight =
        new TraceLimits(5, 1 << 20, 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThatThrownBy(() -> trace(Optional.of(B), "", null, tight))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("limit of 5 struct log steps");
    TraceLimits small =
        new TraceLimits(1000, 500, 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThatThrownBy(() -> trace(Optional.of(B), "", null, small))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("limit of 500 bytes");
    assertThatThrownBy(() -> trace(Optional.of(B), "", "{\"tracer\":\"4byteTracer\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"4byteTracer\" is not supported");
  }

  @Test
  void timeoutStopsALongTrace() throws Exception {
    long[] now = {0};
    TimeSource ticking =
        new TimeSource() {
          @Override
          public long nanoTime() {
            now[0] += 2_000_000; // 2 ms per reading
            return now[0];
          }

          @Override
          public long epochMillis() {
            return now[0] / 1_000_000;
          }
        };
    Transaction tx =
        new LegacyTransaction(
            0,
            UInt256.ONE,
            GAS,
            Optional.of(LOOP),
            UInt256.ZERO,
            Bytes.EMPTY,
            OptionalLong.empty(),
            Transaction.UNSIGNED);
    ValidatedTransaction v = new ValidatedTransaction(tx, SENDER, 21_000);
    InMemoryWorld world = world();
    TraceOptions o = TraceOptions.defaults(TraceLimits.DEFAULT);
    TraceBudget budget = new TraceBudget(TraceLimits.DEFAULT, ticking, 5);
    assertThatThrownBy(
            () ->
                new TraceRunner(Fork.CANCUN, 1)
                    .trace(world, world, BLOCK, v, 30_000_000, o, budget))
        .isInstanceOf(TraceLimitException.class)
        .hasMessageContaining("execution timeout: the trace took more than 5 ms");
  }

  @Test
  void timeoutIsParsedAndCapped() throws Exception {
    TraceOptions o =
        TraceOptions.parse(JSON.readTree("{\"timeout\":\"1m30s\"}"), TraceLimits.DEFAULT);
    assertThat(o.timeoutMillis()).isEqualTo(30_000); // capped to the 30 s maximum
    o = TraceOptions.parse(JSON.readTree("{\"timeout\":\"1500ms\"}"), TraceLimits.DEFAULT);
    assertThat(o.timeoutMillis()).isEqualTo(1_500);
    assertThat(TraceOptions.defaults(TraceLimits.DEFAULT).timeoutMillis()).isEqualTo(5_000);
    assertThatThrownBy(
            () -> TraceOptions.parse(JSON.readTree("{\"timeout\":\"soon\"}"), TraceLimits.DEFAULT))
        .hasMessageContaining("not a duration");
  }
}
