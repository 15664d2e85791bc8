package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;
import io.levity.evm.precompile.Precompile;
import io.levity.evm.trace.StepView;

/**
 * One message frame: its context, machine state (stack, memory, pc, gas) and, once done, its
 * outcome.
 */
final class Frame implements StepView {
  /** Operation results returned by the interpreter and the ops it delegates to. */
  static final int CONTINUE = 0;

  static final int DONE = 1;
  static final int SUSPEND = 2;

  final Frame parent;
  final int depth; // 0 for the top-level frame
  final boolean isStatic;
  final boolean isCreate;
  final Address address; // the account whose storage and balance the code acts on
  final Address caller;
  final UInt256 value;
  final byte[] input;
  final byte[] code;
  final long[] jumpDests;
  final Precompile precompile; // non-null when the code address is a precompile

  final long[] stack;
  int sp;
  int pc;
  long gas;
  final Memory memory = new Memory();
  byte[] returnData = Memory.EMPTY;

  Outcome outcome;
  HaltReason haltReason;
  byte[] output = Memory.EMPTY;

  final int worldSnapshot;
  final int stateSnapshot;

  Frame child;
  long returnOffset; // where the parent wants this (call) frame's output
  long returnLength;

  // For tracers only.
  private final Execution execution;
  int traceOp;
  final long startGas;
  long failedCost = -1; // the cost the current operation could not pay, or -1
  long gasAtHalt; // gas left when the frame halted, before the halt took it all
  long returnedCallGas; // gas of a call that failed at once and came straight back

  /**
   * A frame one level below {@code parent} (the top level when null), on the stack array of its
   * depth; the snapshots are those taken before the frame changed anything.
   */
  Frame(
      Execution execution,
      Frame parent,
      boolean isStatic,
      boolean isCreate,
      Address address,
      Address caller,
      UInt256 value,
      byte[] input,
      byte[] code,
      long[] jumpDests,
      Precompile precompile,
      long gas,
      int worldSnapshot,
      int stateSnapshot) {
    this.execution = execution;
    this.parent = parent;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.isStatic = isStatic;
    this.isCreate = isCreate;
    this.address = address;
    this.caller = caller;
    this.value = value;
    this.input = input;
    this.code = code;
    this.jumpDests = jumpDests;
    this.precompile = precompile;
    this.stack = execution.evm.stackFor(depth);
    this.gas = gas;
    this.startGas = gas;
    this.worldSnapshot = worldSnapshot;
    this.stateSnapshot = stateSnapshot;
  }

  /** Ends the frame with an exceptional halt: all gas is consumed. */
  int halt(HaltReason reason) {
    outcome = Outcome.HALT;
    haltReason = reason;
    gasAtHalt = gas;
    gas = 0;
    output = Memory.EMPTY;
    return DONE;
  }

  /**
   * Pays gas if there is enough (negative costs mean unpayable); false leaves the gas untouched.
   */
  boolean use(long cost) {
    if (cost < 0 || cost > gas) {
      failedCost = cost;
      return false;
    }
    gas -= cost;
    return true;
  }

  // StepView

  @Override
  public int pc() {
    return pc;
  }

  @Override
  public int opcode() {
    return traceOp;
  }

  @Override
  public String opName() {
    return execution.evm.operations.name(traceOp);
  }

  @Override
  public long gas() {
    return gas;
  }

  @Override
  public int depth() {
    return depth + 1;
  }

  @Override
  public long memorySize() {
    return memory.size();
  }

  @Override
  public long haltedCost(long gasBefore) {
    return gasBefore - gasAtHalt + Math.max(failedCost, 0);
  }

  @Override
  public long returnedCallGas() {
    return returnedCallGas;
  }

  @Override
  public byte[] memory() {
    return memory.data();
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public UInt256 storage(UInt256 key) {
    return execution.world.storage(address, key);
  }

  @Override
  public int stackSize() {
    return sp;
  }

  @Override
  public long stackLimb(int index, int limb) {
    return stack[(index << 2) + limb];
  }

  @Override
  public byte[] returnData() {
    return returnData;
  }

  @Override
  public long refund() {
    return execution.state.refund;
  }
}
