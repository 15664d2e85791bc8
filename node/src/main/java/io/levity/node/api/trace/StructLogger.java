package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import io.levity.evm.Outcome;
import io.levity.evm.trace.StepView;
import io.levity.execution.state.TransactionResult.Executed;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * geth's default tracer (the struct or opcode logger): {@code {gas, failed, returnValue,
 * structLogs:[{pc, op, gas, gasCost, depth, error?, stack, returnData?, memory?, storage?,
 * refund?}]}}. Stack words are minimal hex with 0x; memory is 32-byte words as 64 hex digits;
 * storage (only on SLOAD and SSTORE steps, as geth emits it) maps 64-digit slots to 64-digit values
 * and holds every slot of the current contract seen so far in the transaction; refund is left out
 * while zero. Each step counts against the {@link TraceBudget}.
 */
public final class StructLogger implements TxTracer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int SLOAD = 0x54;
  private static final int SSTORE = 0x55;

  private final TraceOptions options;
  private final TraceBudget budget;
  private final ArrayNode logs = F.arrayNode();
  private final Map<Address, TreeMap<String, String>> storage = new HashMap<>();
  // The step waiting for its gas cost.
  private int pc;
  private String op;
  private long gas;
  private int depth;
  private long refund;
  private ArrayNode stack;
  private ArrayNode memory;
  private String returnData;
  private ObjectNode stepStorage;
  private long size;
  private StepView view;

  public StructLogger(TraceOptions options, TraceBudget budget) {
    this.options = options;
    this.budget = budget;
  }

  @Override
  public void beforeOp(StepView s) {
    budget.tick();
    view = s;
    pc = s.pc();
    op = opName(s);
    gas = s.gas();
    depth = s.depth();
    refund = s.refund();
    size = 80;
    stack = null;
    memory = null;
    returnData = null;
    stepStorage = null;
    int n = s.stackSize();
    if (!options.disableStack()) {
      stack = F.arrayNode(n);
      for (int i = 0; i < n; i++) stack.add(word(s, i));
      size += 70L * n;
    }
    if (options.enableMemory()) {
      int len = (int) s.memorySize();
      budget.bytes(len * 2L + len / 32 * 4L);
      memory = F.arrayNode(len / 32);
      byte[] m = s.memory();
      for (int i = 0; i < len; i += 32) memory.add(Hex.encodeBare(m, i, 32));
    }
    if (options.enableReturnData()) {
      byte[] rd = s.returnData();
      returnData = Hex.encode(rd);
      size += rd.length * 2L;
    }
    int code = s.opcode();
    if (!options.disableStorage() && ((code == SLOAD && n >= 1) || (code == SSTORE && n >= 2))) {
      UInt256 key = stackWord(s, n - 1);
      UInt256 value = code == SLOAD ? s.storage(key) : stackWord(s, n - 2);
      TreeMap<String, String> slots = storage.computeIfAbsent(s.address(), a -> new TreeMap<>());
      slots.put(hex64(key), hex64(value));
      stepStorage = F.objectNode();
      slots.forEach(stepStorage::put);
      size += 136L * slots.size();
    }
  }

  @Override
  public void afterOp(long gasCost, String error) {
    ObjectNode l = F.objectNode();
    l.put("pc", pc);
    l.put("op", op);
    l.put("gas", gas);
    // A halting step costs what geth reports (the attempted cost), not all the gas the halt took.
    // A call that failed at once counts the gas that came back, as geth does.
    l.put("gasCost", error == null ? gasCost + view.returnedCallGas() : view.haltedCost(gas));
    l.put("depth", depth);
    if (error != null) l.put("error", gethError(error, op));
    if (stack != null) l.set("stack", stack);
    if (returnData != null) l.put("returnData", returnData);
    if (memory != null) l.set("memory", memory);
    if (stepStorage != null) l.set("storage", stepStorage);
    if (refund != 0) l.put("refund", refund);
    budget.step(size);
    logs.add(l);
  }

  @Override
  public JsonNode result(TxInfo tx, Executed executed) {
    ObjectNode r = F.objectNode();
    r.put("gas", executed.gasUsed());
    r.put("failed", executed.outcome() != Outcome.SUCCESS);
    // geth gives the output of a success or a revert; an exceptional halt returns nothing.
    r.put(
        "returnValue",
        executed.outcome() == Outcome.HALT ? "" : Hex.encodeBare(executed.output().toArray()));
    r.set("structLogs", logs);
    return r;
  }

  /** geth names the opcode in an invalid-opcode error: {@code invalid opcode: INVALID}. */
  static String gethError(String error, String op) {
    return error.equals("invalid opcode") ? "invalid opcode: " + op : error;
  }

  /** geth's names: INVALID for 0xfe, "opcode 0x.. not defined" for undefined slots. */
  static String opName(StepView s) {
    String n = s.opName();
    if (n.startsWith("0x")) {
      return s.opcode() == 0xfe
          ? "INVALID"
          : "opcode 0x" + Integer.toHexString(s.opcode()) + " not defined";
    }
    return n;
  }

  static UInt256 stackWord(StepView s, int i) {
    return new UInt256(s.stackLimb(i, 3), s.stackLimb(i, 2), s.stackLimb(i, 1), s.stackLimb(i, 0));
  }

  /** Minimal hex with 0x, as geth prints stack words. */
  static String word(StepView s, int i) {
    StringBuilder b = new StringBuilder(66).append("0x");
    boolean started = false;
    for (int limb = 3; limb >= 0; limb--) {
      long v = s.stackLimb(i, limb);
      String h = Long.toHexString(v);
      if (started) {
        for (int k = h.length(); k < 16; k++) b.append('0');
        b.append(h);
      } else if (v != 0) {
        b.append(h);
        started = true;
      }
    }
    if (!started) b.append('0');
    return b.toString();
  }

  static String hex64(UInt256 v) {
    return Hex.encodeBare(v.toBytes32().toArray());
  }
}
