package io.levity.evm;

import io.levity.evm.fork.EvmSpec;
import io.levity.evm.fork.GasSchedule;
import io.levity.evm.trace.Tracer;

/**
 * The hot loop. Program counter, stack pointer and gas live in locals; the stack is a flat {@code
 * long[]} (four limbs per word) and memory a growable {@code byte[]}. Arithmetic, stack, memory and
 * control-flow opcodes are dispatched inline through a {@code switch}; the rest go to {@link
 * ColdOps} with the locals written back to the frame. Nothing is allocated per operation on the
 * inline paths.
 */
final class Interpreter {
  private final long[] constantGas;
  private final int[] minStack;
  private final int[] maxStack;
  private final GasSchedule gas;
  private final Division.Scratch scratch = new Division.Scratch();

  Interpreter(EvmSpec spec) {
    this.constantGas = spec.operations().constantGasTable();
    this.minStack = spec.operations().minStackTable();
    this.maxStack = spec.operations().maxStackTable();
    this.gas = spec.gas();
  }

  /**
   * Runs the frame until it finishes ({@link Frame#DONE}) or starts a child frame ({@link
   * Frame#SUSPEND}).
   */
  int run(Execution x, Frame f) {
    final byte[] code = f.code;
    final int codeLen = code.length;
    final long[] s = f.stack;
    final long[] jumpDests = f.jumpDests;
    final Memory mem = f.memory;
    final Tracer tracer = x.tracer;
    final long[] constantGas = this.constantGas;
    final int[] minStack = this.minStack;
    final int[] maxStack = this.maxStack;
    final GasSchedule g = this.gas;
    final Division.Scratch sc = this.scratch;

    int pc = f.pc;
    int sp = f.sp;
    long gas = f.gas;
    long gasAtStep = gas;
    HaltReason error = null;
    int status = Frame.DONE;

    loop:
    while (true) {
      final int op = pc < codeLen ? code[pc] & 0xff : 0;
      if (tracer != null) {
        gasAtStep = gas;
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        f.traceOp = op;
        f.failedCost = -1;
        f.returnedCallGas = 0;
        tracer.beforeOp(f);
      }
      if (sp < minStack[op]) {
        error = HaltReason.STACK_UNDERFLOW;
        break;
      }
      if (sp > maxStack[op]) {
        error = HaltReason.STACK_OVERFLOW;
        break;
      }
      final long cg = constantGas[op];
      if (cg < 0) {
        error = HaltReason.INVALID_OPCODE;
        break;
      }
      if (gas < cg) {
        f.failedCost = cg;
        error = HaltReason.OUT_OF_GAS;
        break;
      }
      gas -= cg;
      final int t = (sp - 1) << 2; // offset of the top word
      switch (op) {
        case 0x00 -> { // STOP
          f.outcome = Outcome.SUCCESS;
          status = Frame.DONE;
          break loop;
        }
        case 0x01 -> {
          Arith.add(s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x02 -> {
          Arith.mul(s, t, s, t - 4, s, t - 4);
          sp--;
          pc++;
        }
        case 0x03 -> {
          Arith.sub(s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x04 -> {
          Division.div(sc, s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x05 -> {
          Division.sdiv(sc, s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x06 -> {
          Division.mod(sc, s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x07 -> {
          Division.smod(sc, s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x08 -> {
          Division.addmod(sc, s, t, t - 4, t - 8);
          sp -= 2;
          pc++;
        }
        case 0x09 -> {
          Division.mulmod(sc, s, t, t - 4, t - 8);
          sp -= 2;
          pc++;
        }
        case 0x0a -> { // EXP: 50 gas per byte of exponent (EIP-160)
          long c = g.expByte() * Arith.byteLength(s, t - 4);
          if (gas < c) {
            f.failedCost = c;
            error = HaltReason.OUT_OF_GAS;
            break loop;
          }
          gas -= c;
          Arith.exp(sc, s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x0b -> {
          Arith.signExtend(s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x10 -> {
          Arith.set(s, t - 4, Arith.compareUnsigned(s, t, s, t - 4) < 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case 0x11 -> {
          Arith.set(s, t - 4, Arith.compareUnsigned(s, t, s, t - 4) > 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case 0x12 -> {
          Arith.set(s, t - 4, Arith.compareSigned(s, t, t - 4) < 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case 0x13 -> {
          Arith.set(s, t - 4, Arith.compareSigned(s, t, t - 4) > 0 ? 1 : 0);
          sp--;
          pc++;
        }
        case 0x14 -> {
          Arith.set(s, t - 4, Arith.eq(s, t, t - 4) ? 1 : 0);
          sp--;
          pc++;
        }
        case 0x15 -> {
          Arith.set(s, t, Arith.isZero(s, t) ? 1 : 0);
          pc++;
        }
        case 0x16 -> {
          s[t - 4] &= s[t];
          s[t - 3] &= s[t + 1];
          s[t - 2] &= s[t + 2];
          s[t - 1] &= s[t + 3];
          sp--;
          pc++;
        }
        case 0x17 -> {
          s[t - 4] |= s[t];
          s[t - 3] |= s[t + 1];
          s[t - 2] |= s[t + 2];
          s[t - 1] |= s[t + 3];
          sp--;
          pc++;
        }
        case 0x18 -> {
          s[t - 4] ^= s[t];
          s[t - 3] ^= s[t + 1];
          s[t - 2] ^= s[t + 2];
          s[t - 1] ^= s[t + 3];
          sp--;
          pc++;
        }
        case 0x19 -> {
          s[t] = ~s[t];
          s[t + 1] = ~s[t + 1];
          s[t + 2] = ~s[t + 2];
          s[t + 3] = ~s[t + 3];
          pc++;
        }
        case 0x1a -> {
          Arith.byteOp(s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x1b -> {
          Arith.shl(s, t, t - 4);
          sp--;
          pc++;
        }
        case 0x1c -> {
          Arith.shr(s, t, t - 4, false);
          sp--;
          pc++;
        }
        case 0x1d -> {
          Arith.shr(s, t, t - 4, true);
          sp--;
          pc++;
        }
        case 0x30 -> { // ADDRESS
          Words.set(s, t + 4, f.address);
          sp++;
          pc++;
        }
        case 0x33 -> { // CALLER
          Words.set(s, t + 4, f.caller);
          sp++;
          pc++;
        }
        case 0x34 -> { // CALLVALUE
          Words.set(s, t + 4, f.value);
          sp++;
          pc++;
        }
        case 0x35 -> { // CALLDATALOAD
          byte[] in = f.input;
          long off = Words.index(s, t);
          if (off >= 0 && off + 32 <= in.length) {
            Words.set(s, t, in, (int) off);
          } else {
            Arith.setZero(s, t);
            if (off >= 0 && off < in.length) {
              for (int i = (int) off; i < in.length; i++) {
                int pos = 31 - (i - (int) off); // byte position from the least significant end
                s[t + (pos >>> 3)] |= (in[i] & 0xffL) << ((pos & 7) << 3);
              }
            }
          }
          pc++;
        }
        case 0x36 -> { // CALLDATASIZE
          Arith.set(s, t + 4, f.input.length);
          sp++;
          pc++;
        }
        case 0x38 -> { // CODESIZE
          Arith.set(s, t + 4, codeLen);
          sp++;
          pc++;
        }
        case 0x50 -> { // POP
          sp--;
          pc++;
        }
        case 0x51 -> { // MLOAD
          long off = Words.index(s, t);
          long c = off < 0 ? -1 : mem.expansionCost(off + 32, g);
          if (c < 0 || c > gas) {
            f.failedCost = c;
            error = HaltReason.OUT_OF_GAS;
            break loop;
          }
          gas -= c;
          mem.expand(off + 32);
          Words.set(s, t, mem.data(), (int) off);
          pc++;
        }
        case 0x52 -> { // MSTORE
          long off = Words.index(s, t);
          long c = off < 0 ? -1 : mem.expansionCost(off + 32, g);
          if (c < 0 || c > gas) {
            f.failedCost = c;
            error = HaltReason.OUT_OF_GAS;
            break loop;
          }
          gas -= c;
          mem.expand(off + 32);
          Words.write(s, t - 4, mem.data(), (int) off);
          sp -= 2;
          pc++;
        }
        case 0x53 -> { // MSTORE8
          long off = Words.index(s, t);
          long c = off < 0 ? -1 : mem.expansionCost(off + 1, g);
          if (c < 0 || c > gas) {
            f.failedCost = c;
            error = HaltReason.OUT_OF_GAS;
            break loop;
          }
          gas -= c;
          mem.expand(off + 1);
          mem.data()[(int) off] = (byte) s[t - 4];
          sp -= 2;
          pc++;
        }
        case 0x56 -> { // JUMP
          int dest = jumpTarget(s, t, codeLen, jumpDests);
          if (dest < 0) {
            error = HaltReason.INVALID_JUMP;
            break loop;
          }
          pc = dest;
          sp--;
        }
        case 0x57 -> { // JUMPI
          if (Arith.isZero(s, t - 4)) {
            pc++;
          } else {
            int dest = jumpTarget(s, t, codeLen, jumpDests);
            if (dest < 0) {
              error = HaltReason.INVALID_JUMP;
              break loop;
            }
            pc = dest;
          }
          sp -= 2;
        }
        case 0x58 -> { // PC
          Arith.set(s, t + 4, pc);
          sp++;
          pc++;
        }
        case 0x59 -> { // MSIZE
          Arith.set(s, t + 4, mem.size());
          sp++;
          pc++;
        }
        case 0x5a -> { // GAS
          Arith.set(s, t + 4, gas);
          sp++;
          pc++;
        }
        case 0x5b -> pc++; // JUMPDEST
        case 0x5f -> { // PUSH0
          Arith.setZero(s, t + 4);
          sp++;
          pc++;
        }
        case 0x60 -> { // PUSH1
          Arith.set(s, t + 4, pc + 1 < codeLen ? code[pc + 1] & 0xffL : 0);
          sp++;
          pc += 2;
        }
        case 0x61,
            0x62,
            0x63,
            0x64,
            0x65,
            0x66,
            0x67,
            0x68,
            0x69,
            0x6a,
            0x6b,
            0x6c,
            0x6d,
            0x6e,
            0x6f,
            0x70,
            0x71,
            0x72,
            0x73,
            0x74,
            0x75,
            0x76,
            0x77,
            0x78,
            0x79,
            0x7a,
            0x7b,
            0x7c,
            0x7d,
            0x7e,
            0x7f -> {
          int n = op - 0x5f;
          push(code, pc + 1, n, s, t + 4);
          sp++;
          pc += n + 1;
        }
        case 0x80,
            0x81,
            0x82,
            0x83,
            0x84,
            0x85,
            0x86,
            0x87,
            0x88,
            0x89,
            0x8a,
            0x8b,
            0x8c,
            0x8d,
            0x8e,
            0x8f -> {
          int src = (sp - (op - 0x7f)) << 2;
          int dst = t + 4;
          s[dst] = s[src];
          s[dst + 1] = s[src + 1];
          s[dst + 2] = s[src + 2];
          s[dst + 3] = s[src + 3];
          sp++;
          pc++;
        }
        case 0x90,
            0x91,
            0x92,
            0x93,
            0x94,
            0x95,
            0x96,
            0x97,
            0x98,
            0x99,
            0x9a,
            0x9b,
            0x9c,
            0x9d,
            0x9e,
            0x9f -> {
          int o = t - ((op - 0x8f) << 2);
          long w0 = s[t], w1 = s[t + 1], w2 = s[t + 2], w3 = s[t + 3];
          s[t] = s[o];
          s[t + 1] = s[o + 1];
          s[t + 2] = s[o + 2];
          s[t + 3] = s[o + 3];
          s[o] = w0;
          s[o + 1] = w1;
          s[o + 2] = w2;
          s[o + 3] = w3;
          pc++;
        }
        case 0xfe -> {
          error = HaltReason.INVALID_OPCODE;
          break loop;
        }
        default -> {
          f.pc = pc;
          f.sp = sp;
          f.gas = gas;
          int r = ColdOps.execute(x, f, op);
          sp = f.sp;
          gas = f.gas;
          if (r != Frame.CONTINUE) {
            if (r == Frame.SUSPEND) pc++;
            status = r;
            break loop;
          }
          pc++;
        }
      }
      if (tracer != null) tracer.afterOp(gasAtStep - gas, null);
    }
    f.pc = pc;
    f.sp = sp;
    f.gas = gas;
    if (error != null) status = f.halt(error);
    if (tracer != null) {
      tracer.afterOp(gasAtStep - f.gas, f.outcome == Outcome.HALT ? f.haltReason.message() : null);
    }
    return status;
  }

  /** The jump destination at {@code o} if it is a JUMPDEST instruction in the code, else -1. */
  private static int jumpTarget(long[] s, int o, int codeLen, long[] jumpDests) {
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || s[o] < 0 || s[o] >= codeLen) return -1;
    int dest = (int) s[o];
    return JumpDests.isJumpDest(jumpDests, dest) ? dest : -1;
  }

  /** PUSHn: n immediate bytes after the opcode, zero-padded past the end of the code. */
  private static void push(byte[] code, int start, int n, long[] s, int o) {
    int end = start + n;
    if (n == 32 && end <= code.length) {
      Words.set(s, o, code, start);
      return;
    }
    int i = end;
    for (int limb = 0; limb < 4; limb++) {
      long v = 0;
      if (i > start) {
        int from = Math.max(start, i - 8);
        for (int k = from; k < i; k++) v = (v << 8) | (k < code.length ? code[k] & 0xffL : 0);
        i = from;
      }
      s[o + limb] = v;
    }
  }
}
