package io.levity.node.api.trace;

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
import io.levity.evm.InMemoryWorld;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.IntrinsicGas;
import io.levity.execution.tx.ValidatedTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The hand-assembled contracts, world and block the tracer tests run on, and a runner that traces
 * one transaction to them with given options and limits.
 */
final class TracerFixture {
  private TracerFixture() {}

  static final ObjectMapper JSON = new ObjectMapper();
  static final Address SENDER = Address.fromHex("0x" + "5e".repeat(20));
  static final Address A = Address.fromHex("0x" + "aa".repeat(20));
  static final Address B = Address.fromHex("0x" + "bb".repeat(20));
  static final Address C = Address.fromHex("0x" + "cc".repeat(20));
  static final Address LOOP = Address.fromHex("0x" + "dd".repeat(20));
  static final Address INV = Address.fromHex("0x" + "e1".repeat(20));
  static final Address MEM = Address.fromHex("0x" + "e2".repeat(20));
  static final Address SD = Address.fromHex("0x" + "5d".repeat(20));
  static final Address POOR_CREATOR = Address.fromHex("0x" + "fc".repeat(20));
  static final Address POOR = Address.fromHex("0x" + "fb".repeat(20));
  static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));
  static final long GAS = 200_000;
  static final long SMALL_GAS = 21_000 + 1_000;
  static final String ZERO64 = "0".repeat(64);
  static final String ONE64 = "0".repeat(63) + "1";

  /** SSTORE(0, 1); SLOAD(0); MSTORE(0, it); LOG1(0, 32, 0xaa); RETURN(0, 32). */
  static final String B_CODE = "6001600055600054600052" + "60aa60206000a1" + "60206000f3";

  /** REVERT with Error("no"). */
  static final String C_CODE =
      "7f08c379a0"
          + "00".repeat(28)
          + "600052" // selector
          + "6020600452" // offset 0x20
          + "6002602452" // length 2
          + "7f6e6f"
          + "00".repeat(30)
          + "604452" // "no"
          + "60646000fd";

  static final String A_CODE = call(B, 0x20) + call(C, 0) + "00";

  /** CALL(gas, to, 0, 0, 0, 0, outLen) then POP. */
  static String call(Address to, int outLen) {
    return String.format("60%02x", outLen)
        + "6000600060006000"
        + "73"
        + to.toHex().substring(2)
        + "5af150";
  }

  static final TimeSource CLOCK =
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

  static InMemoryWorld world() {
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

  static final BlockContext BLOCK =
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

  static JsonNode trace(Optional<Address> to, String data, String options) throws Exception {
    return trace(to, data, options, TraceLimits.DEFAULT);
  }

  static JsonNode trace(Optional<Address> to, String data, String options, TraceLimits limits)
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
        .trace(world, pre, BLOCK, v, 30_000_000, o, new TraceBudget(limits, CLOCK, 1000));
  }

  static JsonNode step(JsonNode r, String op) {
    for (JsonNode s : r.get("structLogs")) if (s.get("op").asText().equals(op)) return s;
    throw new AssertionError("no " + op + " step");
  }
}
