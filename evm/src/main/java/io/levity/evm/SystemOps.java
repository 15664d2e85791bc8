package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.evm.fork.GasSchedule;
import io.levity.evm.trace.Tracer;

/** CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2, RETURN, REVERT and SELFDESTRUCT. */
final class SystemOps {
  static final int CALL = 0xf1;
  static final int CALLCODE = 0xf2;
  static final int DELEGATECALL = 0xf4;
  static final int STATICCALL = 0xfa;

  private SystemOps() {}

  /** RETURN and REVERT: (offset, size). */
  static int ret(Execution x, Frame f, Outcome outcome) {
    long[] s = f.stack;
    int t = ColdOps.top(f);
    long end = Words.memoryEnd(s, t, t - 4);
    if (!ColdOps.payMemory(x, f, end, 0)) return f.halt(HaltReason.OUT_OF_GAS);
    f.output = end == 0 ? Memory.EMPTY : f.memory.slice(Words.index(s, t), Words.index(s, t - 4));
    f.sp -= 2;
    f.outcome = outcome;
    return Frame.DONE;
  }

  /**
   * The four calls. Gas: memory expansion for both ranges, EIP-2929 access cost, value transfer
   * (9000) and new account (25000, CALL only, to a dead account) surcharges; then the callee gets
   * min(requested, all but 1/64 of what is left) plus the 2300 stipend when value moves. Depth and
   * balance failures push 0 and give the callee's gas back.
   */
  static int call(Execution x, Frame f, int op) {
    GasSchedule g = x.gas;
    long[] s = f.stack;
    int t = ColdOps.top(f);
    boolean hasValue = op == CALL || op == CALLCODE;
    long requested = Words.saturated(s, t);
    Address to = Words.toAddress(s, t - 4);
    UInt256 value = hasValue ? Words.toUInt256(s, t - 8) : UInt256.ZERO;
    int args = hasValue ? t - 12 : t - 8;
    long inEnd = Words.memoryEnd(s, args, args - 4);
    long outEnd = Words.memoryEnd(s, args - 8, args - 12);
    long inOff = inEnd == 0 ? 0 : Words.index(s, args);
    long inLen = inEnd == 0 ? 0 : Words.index(s, args - 4);
    long outOff = outEnd == 0 ? 0 : Words.index(s, args - 8);
    long outLen = outEnd == 0 ? 0 : Words.index(s, args - 12);
    f.sp -= hasValue ? 7 : 6;
    boolean transfers = !value.isZero();
    if (op == CALL && transfers && f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    if (inEnd < 0 || outEnd < 0) return f.halt(HaltReason.OUT_OF_GAS);

    long cost = ColdOps.accountAccessCost(x, to);
    if (transfers) {
      cost += g.callValueTransfer();
      if (op == CALL && x.world.isDead(to)) cost += g.newAccount();
    }
    if (!ColdOps.payMemory(x, f, Math.max(inEnd, outEnd), cost))
      return f.halt(HaltReason.OUT_OF_GAS);
    long callGas = Math.min(requested, f.gas - f.gas / 64);
    f.gas -= callGas;
    if (transfers) callGas += g.callStipend();

    f.returnData = Memory.EMPTY;
    int resultSlot = f.sp << 2;
    if (f.depth >= x.rules.maxCallDepth()
        || (transfers && x.world.balance(f.address).compareTo(value) < 0)) {
      Arith.setZero(s, resultSlot);
      f.sp++;
      f.gas += callGas;
      if (x.tracer != null) traceFailedCall(x, f, op, to, value, inOff, inLen, callGas);
      return Frame.CONTINUE;
    }
    byte[] input = f.memory.slice(inOff, inLen);
    Frame child =
        switch (op) {
          case CALL ->
              x.callFrame(f, op, f.address, to, to, value, value, input, callGas, f.isStatic);
          case CALLCODE ->
              x.callFrame(
                  f, op, f.address, f.address, to, value, value, input, callGas, f.isStatic);
          case DELEGATECALL ->
              x.callFrame(
                  f,
                  op,
                  f.caller,
                  f.address,
                  to,
                  UInt256.ZERO,
                  f.value,
                  input,
                  callGas,
                  f.isStatic);
          default ->
              x.callFrame(
                  f, op, f.address, to, to, UInt256.ZERO, UInt256.ZERO, input, callGas, true);
        };
    child.returnOffset = outOff;
    child.returnLength = outLen;
    f.child = child;
    return Frame.SUSPEND;
  }

  /**
   * A call that failed before its frame started still shows as a frame that used no gas (as
   * go-ethereum traces it), and its step's cost counts the gas that went straight back.
   */
  private static void traceFailedCall(
      Execution x, Frame f, int op, Address to, UInt256 value, long inOff, long inLen, long gas) {
    f.returnedCallGas = gas; // with the stipend, which the caller got back as well
    x.tracer.enter(op, f.address, to, value, gas, f.memory.slice(inOff, inLen));
    x.tracer.exit(
        Memory.EMPTY,
        0,
        f.depth >= x.rules.maxCallDepth()
            ? "max call depth exceeded"
            : HaltReason.INSUFFICIENT_BALANCE.message());
  }

  /**
   * CREATE and CREATE2: memory, EIP-3860 initcode words (2 gas each) and, for CREATE2, hashing
   * words; the child gets all but 1/64 of what is left. Depth, balance and nonce-overflow failures
   * push 0 and cost nothing more; an address collision pushes 0 and loses the child's gas.
   */
  static int create(Execution x, Frame f, boolean create2) {
    if (f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    GasSchedule g = x.gas;
    long[] s = f.stack;
    int t = ColdOps.top(f);
    UInt256 value = Words.toUInt256(s, t);
    long end = Words.memoryEnd(s, t - 4, t - 8);
    long len = end == 0 ? 0 : Words.index(s, t - 8);
    if (end < 0) return f.halt(HaltReason.OUT_OF_GAS);
    if (len > x.rules.maxInitcodeSize()) return f.halt(HaltReason.INITCODE_SIZE_LIMIT);
    Bytes32 salt = create2 ? Words.toBytes32(s, t - 12) : null;
    f.sp -= create2 ? 4 : 3;
    long words = ColdOps.words(len);
    long cost = g.initcodeWord() * words + (create2 ? g.keccakWord() * words : 0);
    if (!ColdOps.payMemory(x, f, end, cost)) return f.halt(HaltReason.OUT_OF_GAS);
    byte[] initcode = len == 0 ? Memory.EMPTY : f.memory.slice(Words.index(s, t - 4), len);

    f.returnData = Memory.EMPTY;
    int resultSlot = f.sp << 2;
    Arith.setZero(s, resultSlot);
    f.sp++;
    long nonce = x.world.nonce(f.address);
    if (f.depth >= x.rules.maxCallDepth()
        || x.world.balance(f.address).compareTo(value) < 0
        || nonce == -1L) {
      if (x.tracer != null) traceFailedCreate(x, f, create2, salt, value, initcode, nonce);
      return Frame.CONTINUE;
    }
    long callGas = f.gas - f.gas / 64;
    f.gas -= callGas;
    Address address =
        create2
            ? ContractAddress.create2(f.address, salt, Keccak.hash(initcode))
            : ContractAddress.create(f.address, nonce);
    x.world.setNonce(f.address, nonce + 1);
    x.state.warm(address);
    if (x.collides(address)) {
      if (x.tracer != null) {
        x.tracer.enter(
            create2 ? Tracer.CREATE2 : Tracer.CREATE, f.address, address, value, callGas, initcode);
        x.tracer.exit(Memory.EMPTY, callGas, HaltReason.CREATE_COLLISION.message());
      }
      return Frame.CONTINUE;
    }
    f.sp--; // the result is pushed when the child returns
    f.child =
        x.createFrame(
            f,
            create2 ? Tracer.CREATE2 : Tracer.CREATE,
            f.address,
            address,
            value,
            initcode,
            callGas);
    return Frame.SUSPEND;
  }

  /** A creation that failed before its frame started, traced as a frame that used no gas. */
  private static void traceFailedCreate(
      Execution x,
      Frame f,
      boolean create2,
      Bytes32 salt,
      UInt256 value,
      byte[] initcode,
      long nonce) {
    Address address =
        create2
            ? ContractAddress.create2(f.address, salt, Keccak.hash(initcode))
            : ContractAddress.create(f.address, nonce);
    x.tracer.enter(
        create2 ? Tracer.CREATE2 : Tracer.CREATE,
        f.address,
        address,
        value,
        f.gas - f.gas / 64,
        initcode);
    String error =
        f.depth >= x.rules.maxCallDepth()
            ? "max call depth exceeded"
            : nonce == -1L ? "nonce uint64 overflow" : HaltReason.INSUFFICIENT_BALANCE.message();
    x.tracer.exit(Memory.EMPTY, 0, error);
  }

  /**
   * SELFDESTRUCT: 5000 gas, plus 2600 for a cold beneficiary and 25000 when a non-zero balance goes
   * to a dead account. The balance moves to the beneficiary; the account is deleted at the end of
   * the transaction only if it was created in it (EIP-6780), or always on forks before Cancun.
   */
  static int selfDestruct(Execution x, Frame f) {
    if (f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    GasSchedule g = x.gas;
    int t = ColdOps.top(f);
    Address beneficiary = Words.toAddress(f.stack, t);
    f.sp--;
    long cost = x.state.warm(beneficiary) ? g.coldAccountAccess() : 0;
    UInt256 balance = x.world.balance(f.address);
    if (!balance.isZero() && x.world.isDead(beneficiary)) cost += g.selfdestructNewAccount();
    if (!f.use(cost)) return f.halt(HaltReason.OUT_OF_GAS);
    boolean deletes = !x.rules.selfdestructOnlyInSameTx() || x.state.createdInThisTx(f.address);
    if (deletes) {
      x.world.setBalance(f.address, UInt256.ZERO);
      if (!beneficiary.equals(f.address)) x.world.addBalance(beneficiary, balance);
      x.state.markSelfDestructed(f.address);
    } else if (!beneficiary.equals(f.address)) {
      x.world.subtractBalance(f.address, balance);
      x.world.addBalance(beneficiary, balance);
    }
    x.state.touch(beneficiary);
    if (x.tracer != null) {
      x.tracer.enter(Tracer.SELFDESTRUCT, f.address, beneficiary, balance, 0, Memory.EMPTY);
      x.tracer.exit(Memory.EMPTY, 0, null);
    }
    f.outcome = Outcome.SUCCESS;
    return Frame.DONE;
  }
}
