package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import io.levity.evm.Log;
import io.levity.evm.trace.StepView;
import io.levity.execution.state.TransactionResult.Executed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * geth's {@code callTracer}: the call tree, one frame per message call or creation, {@code {type,
 * from, to, value, gas, gasUsed, input, output, error, revertReason, calls, logs}}. As geth: the
 * top frame's gas is the transaction's gas limit and its gasUsed the receipt's; value is left out
 * for STATICCALL; output is kept on success and revert only; a failed creation has no {@code to};
 * {@code revertReason} decodes an Error(string) revert; with {@code withLog}, logs of frames that
 * failed (or whose ancestors failed) are dropped, and each log carries its {@code position}, the
 * number of sub-calls its frame had made before it. {@code onlyTopCall} records the top frame only.
 */
public final class CallTracer implements TxTracer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final class Frame {
    final int type;
    final Address from;
    final Address to;
    final UInt256 value;
    final long gas;
    final byte[] input;
    long gasUsed;
    byte[] output;
    String error;
    final List<Frame> calls = new ArrayList<>();
    final List<Log> logs = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();

    Frame(int type, Address from, Address to, UInt256 value, long gas, byte[] input) {
      this.type = type;
      this.from = from;
      this.to = to;
      this.value = value;
      this.gas = gas;
      this.input = input;
    }
  }

  private final TraceOptions options;
  private final TraceBudget budget;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private Frame root;

  public CallTracer(TraceOptions options, TraceBudget budget) {
    this.options = options;
    this.budget = budget;
  }

  private StepView last;

  @Override
  public void beforeOp(StepView step) {
    budget.tick();
    last = step;
  }

  @Override
  public void afterOp(long gasCost, String error) {}

  @Override
  public void enter(int type, Address from, Address to, UInt256 value, long gas, byte[] input) {
    Frame f = new Frame(type, from, to, value, gas, input);
    if (root == null) {
      root = f;
    } else if (!options.onlyTopCall()) {
      budget.bytes(200L + input.length * 2L);
      stack.peek().calls.add(f);
    }
    stack.push(f);
  }

  @Override
  public void exit(byte[] output, long gasUsed, String error) {
    Frame f = stack.pop();
    f.gasUsed = gasUsed;
    f.output = output;
    f.error =
        error != null && last != null && last.depth() == stack.size() + 1
            ? StructLogger.gethError(error, StructLogger.opName(last))
            : error;
    if (stack.size() > 0 || f == root) budget.bytes(output.length * 2L);
  }

  @Override
  public void log(Log log) {
    if (!options.withLog()) return;
    Frame f = stack.peek();
    if (options.onlyTopCall() && f != root) return;
    budget.bytes(200L + log.data().size() * 2L);
    f.logs.add(log);
    f.positions.add(f.calls.size());
  }

  @Override
  public JsonNode result(TxInfo tx, Executed executed) {
    if (root == null) {
      // The message failed before its frame started (a creation's address collision).
      boolean create = tx.to().isEmpty();
      root =
          new Frame(
              create ? CREATE : CALL,
              tx.sender(),
              tx.to().orElse(tx.sender()),
              tx.value(),
              tx.gasLimit(),
              tx.input().toArray());
      root.output = new byte[0];
      root.error =
          executed.haltReason() == null ? "execution failed" : executed.haltReason().message();
    }
    root.gasUsed = executed.gasUsed();
    return json(root, tx.gasLimit(), false);
  }

  private ObjectNode json(Frame f, long gas, boolean ancestorFailed) {
    ObjectNode o = F.objectNode();
    o.put("type", typeName(f.type));
    o.put("from", f.from.toHex());
    boolean create = f.type == CREATE || f.type == CREATE2;
    if (!(create && f.error != null)) o.put("to", f.to.toHex());
    if (f.type != STATICCALL) o.put("value", f.value.toHexQuantity());
    o.put("gas", q(gas));
    o.put("gasUsed", q(f.gasUsed));
    o.put("input", Hex.encode(f.input));
    boolean reverted = "execution reverted".equals(f.error);
    if ((f.error == null || reverted) && f.output.length > 0) o.put("output", Hex.encode(f.output));
    if (f.error != null) o.put("error", f.error);
    if (reverted) {
      String reason = revertReason(f.output);
      if (reason != null) o.put("revertReason", reason);
    }
    boolean failed = ancestorFailed || f.error != null;
    if (!f.calls.isEmpty()) {
      ArrayNode calls = o.putArray("calls");
      for (Frame c : f.calls) calls.add(json(c, c.gas, failed));
    }
    if (!f.logs.isEmpty() && !failed) {
      ArrayNode logs = o.putArray("logs");
      for (int i = 0; i < f.logs.size(); i++) {
        Log l = f.logs.get(i);
        ObjectNode lo = logs.addObject();
        lo.put("address", l.address().toHex());
        ArrayNode topics = lo.putArray("topics");
        for (Bytes32 t : l.topics()) topics.add(t.toString());
        lo.put("data", l.data().toHex());
        lo.put("position", q(f.positions.get(i)));
      }
    }
    return o;
  }

  static String typeName(int type) {
    return switch (type) {
      case CALL -> "CALL";
      case CALLCODE -> "CALLCODE";
      case DELEGATECALL -> "DELEGATECALL";
      case STATICCALL -> "STATICCALL";
      case CREATE2 -> "CREATE2";
      case SELFDESTRUCT -> "SELFDESTRUCT";
      default -> "CREATE";
    };
  }

  private static String q(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** The message of an Error(string) revert payload, or null. */
  static String revertReason(byte[] data) {
    if (data.length < 4 + 64) return null;
    if ((data[0] & 0xff) != 0x08
        || (data[1] & 0xff) != 0xc3
        || (data[2] & 0xff) != 0x79
        || (data[3] & 0xff) != 0xa0) {
      return null;
    }
    UInt256 offset = UInt256.fromBytes(data, 4, 32);
    if (!offset.fitsLong() || offset.toLong() > data.length - 4 - 32) return null;
    int off = 4 + (int) offset.toLong();
    UInt256 length = UInt256.fromBytes(data, off, 32);
    if (!length.fitsLong() || length.toLong() > data.length - off - 32) return null;
    return new String(
        Bytes.wrap(data).slice(off + 32, (int) length.toLong()).toArray(), StandardCharsets.UTF_8);
  }
}
