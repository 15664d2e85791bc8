package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.evm.fork.GasSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations that touch the environment or state, dispatched from the interpreter's {@code default}
 * branch with the frame's pc, sp and gas written back. Each returns {@link Frame#CONTINUE}, {@link
 * Frame#DONE} or {@link Frame#SUSPEND}; none moves the pc (the interpreter does).
 */
final class ColdOps {
  private ColdOps() {}

  static int execute(Execution x, Frame f, int op) {
    return switch (op) {
      case 0x20 -> keccak(x, f);
      case 0x31, 0x3b, 0x3f -> accountQuery(x, f, op);
      case 0x32 -> push(f, x.tx.origin());
      case 0x37 -> copy(x, f, f.input);
      case 0x39 -> copy(x, f, f.code);
      case 0x3a -> push(f, x.tx.gasPrice());
      case 0x3c -> extCodeCopy(x, f);
      case 0x3d -> pushLong(f, f.returnData.length);
      case 0x3e -> returnDataCopy(x, f);
      case 0x40 -> blockHash(x, f);
      case 0x41 -> push(f, x.block.coinbase());
      case 0x42 -> pushLong(f, x.block.timestamp());
      case 0x43 -> pushLong(f, x.block.number());
      case 0x44 -> push(f, UInt256.fromBytes(x.block.prevRandao()));
      case 0x45 -> pushLong(f, x.block.gasLimit());
      case 0x46 -> pushLong(f, x.block.chainId());
      case 0x47 -> push(f, x.world.balance(f.address));
      case 0x48 -> push(f, x.block.baseFee());
      case 0x49 -> blobHash(x, f);
      case 0x4a -> push(f, x.block.blobBaseFee());
      case 0x54 -> sload(x, f);
      case 0x55 -> sstore(x, f);
      case 0x5c -> tload(x, f);
      case 0x5d -> tstore(x, f);
      case 0x5e -> mcopy(x, f);
      case 0xa0, 0xa1, 0xa2, 0xa3, 0xa4 -> log(x, f, op - 0xa0);
      case 0xf0 -> SystemOps.create(x, f, false);
      case 0xf1, 0xf2, 0xf4, 0xfa -> SystemOps.call(x, f, op);
      case 0xf3 -> SystemOps.ret(x, f, Outcome.SUCCESS);
      case 0xf5 -> SystemOps.create(x, f, true);
      case 0xfd -> SystemOps.ret(x, f, Outcome.REVERT);
      case 0xff -> SystemOps.selfDestruct(x, f);
      default -> f.halt(HaltReason.INVALID_OPCODE);
    };
  }

  static int top(Frame f) {
    return (f.sp - 1) << 2;
  }

  private static int push(Frame f, Address a) {
    Words.set(f.stack, f.sp << 2, a);
    f.sp++;
    return Frame.CONTINUE;
  }

  private static int push(Frame f, UInt256 v) {
    Words.set(f.stack, f.sp << 2, v);
    f.sp++;
    return Frame.CONTINUE;
  }

  /** Pushes an unsigned 64-bit value. */
  private static int pushLong(Frame f, long v) {
    Arith.set(f.stack, f.sp << 2, v);
    f.sp++;
    return Frame.CONTINUE;
  }

  static long words(long len) {
    return (len + 31) >>> 5;
  }

  /**
   * Pays for growing memory to {@code end} plus {@code extra} gas, and grows it. False when the
   * frame cannot pay (the caller halts it with out-of-gas).
   */
  static boolean payMemory(Execution x, Frame f, long end, long extra) {
    if (end < 0 || extra < 0) return false;
    long c = f.memory.expansionCost(end, x.gas);
    if (c < 0) return false;
    c += extra;
    if (c < 0 || c > f.gas) {
      f.failedCost = c;
      return false;
    }
    f.gas -= c;
    f.memory.expand(end);
    return true;
  }

  /** EIP-2929 account access: 100 if warm, else 2600 (and the address becomes warm). */
  static long accountAccessCost(Execution x, Address a) {
    return x.state.warm(a) ? x.gas.coldAccountAccess() : x.gas.warmStorageRead();
  }

  private static int keccak(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    long end = Words.memoryEnd(s, t, t - 4);
    long len = end == 0 ? 0 : Words.index(s, t - 4);
    if (!payMemory(x, f, end, x.gas.keccakWord() * words(len)))
      return f.halt(HaltReason.OUT_OF_GAS);
    byte[] h =
        len == 0
            ? Keccak.EMPTY_HASH.unsafeArray()
            : Keccak.hash256(f.memory.data(), (int) Words.index(s, t), (int) len);
    Words.set(s, t - 4, h, 0);
    f.sp--;
    return Frame.CONTINUE;
  }

  /**
   * BALANCE, EXTCODESIZE and EXTCODEHASH: an EIP-2929 account access, then one fact of the account
   * (the code hash of a dead account is zero).
   */
  private static int accountQuery(Execution x, Frame f, int op) {
    long[] s = f.stack;
    int t = top(f);
    Address a = Words.toAddress(s, t);
    if (!f.use(accountAccessCost(x, a))) return f.halt(HaltReason.OUT_OF_GAS);
    switch (op) {
      case 0x31 -> Words.set(s, t, x.world.balance(a));
      case 0x3b -> Arith.set(s, t, x.world.codeSize(a));
      default -> {
        if (x.world.isDead(a)) Arith.setZero(s, t);
        else Words.set(s, t, x.world.codeHash(a).unsafeArray(), 0);
      }
    }
    return Frame.CONTINUE;
  }

  /** CALLDATACOPY and CODECOPY: (destOffset, offset, size). */
  private static int copy(Execution x, Frame f, byte[] src) {
    long[] s = f.stack;
    int t = top(f);
    long end = Words.memoryEnd(s, t, t - 8);
    long len = end == 0 ? 0 : Words.index(s, t - 8);
    if (!payMemory(x, f, end, x.gas.copyWord() * words(len))) return f.halt(HaltReason.OUT_OF_GAS);
    if (len > 0) f.memory.copyPadded(Words.index(s, t), src, Words.saturated(s, t - 4), len);
    f.sp -= 3;
    return Frame.CONTINUE;
  }

  private static int extCodeCopy(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    Address a = Words.toAddress(s, t);
    long end = Words.memoryEnd(s, t - 4, t - 12);
    long len = end == 0 ? 0 : Words.index(s, t - 12);
    long extra = accountAccessCost(x, a) + x.gas.copyWord() * words(len);
    if (!payMemory(x, f, end, extra)) return f.halt(HaltReason.OUT_OF_GAS);
    if (len > 0) {
      byte[] code = x.world.code(a).unsafeArray();
      f.memory.copyPadded(Words.index(s, t - 4), code, Words.saturated(s, t - 8), len);
    }
    f.sp -= 4;
    return Frame.CONTINUE;
  }

  private static int returnDataCopy(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    long end = Words.memoryEnd(s, t, t - 8);
    long len = end == 0 ? 0 : Words.index(s, t - 8);
    if (!payMemory(x, f, end, x.gas.copyWord() * words(len))) return f.halt(HaltReason.OUT_OF_GAS);
    long srcOff = Words.index(s, t - 4);
    long lenWord = Words.index(s, t - 8);
    if (srcOff < 0 || lenWord < 0 || srcOff + lenWord > f.returnData.length) {
      return f.halt(HaltReason.RETURN_DATA_OUT_OF_BOUNDS);
    }
    if (len > 0) f.memory.copyPadded(Words.index(s, t), f.returnData, srcOff, len);
    f.sp -= 3;
    return Frame.CONTINUE;
  }

  private static int blockHash(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    long current = x.block.number();
    long n = Words.saturated(s, t);
    long oldest = Math.max(0, current - x.gas.blockhashWindow());
    Bytes32 h = null;
    if (n < current && n >= oldest) h = x.block.blockHashes().hash(n);
    if (h == null) Arith.setZero(s, t);
    else Words.set(s, t, h.unsafeArray(), 0);
    return Frame.CONTINUE;
  }

  private static int blobHash(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    List<Bytes32> hashes = x.tx.blobVersionedHashes();
    long i = Words.saturated(s, t);
    if (i < hashes.size()) Words.set(s, t, hashes.get((int) i).unsafeArray(), 0);
    else Arith.setZero(s, t);
    return Frame.CONTINUE;
  }

  private static int sload(Execution x, Frame f) {
    int t = top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    boolean cold = x.state.warm(new TxState.Slot(f.address, key));
    if (!f.use(cold ? x.gas.coldSload() : x.gas.warmStorageRead()))
      return f.halt(HaltReason.OUT_OF_GAS);
    Words.set(f.stack, t, x.world.storage(f.address, key));
    return Frame.CONTINUE;
  }

  /** SSTORE with EIP-2200 net metering, EIP-2929 cold surcharge and EIP-3529 refunds. */
  private static int sstore(Execution x, Frame f) {
    if (f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    GasSchedule g = x.gas;
    if (f.gas <= g.sstoreSentry()) return f.halt(HaltReason.OUT_OF_GAS);
    int t = top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    UInt256 value = Words.toUInt256(f.stack, t - 4);
    f.sp -= 2;
    long cost = x.state.warm(new TxState.Slot(f.address, key)) ? g.coldSload() : 0;
    long refund = 0;
    UInt256 current = x.world.storage(f.address, key);
    if (current.equals(value)) {
      cost += g.warmStorageRead();
    } else {
      UInt256 original = x.world.originalStorage(f.address, key);
      if (original.equals(current)) {
        if (original.isZero()) {
          cost += g.sstoreSet();
        } else {
          cost += g.sstoreReset();
          if (value.isZero()) refund += g.sstoreClearsRefund();
        }
      } else {
        cost += g.warmStorageRead();
        if (!original.isZero()) {
          if (current.isZero()) refund -= g.sstoreClearsRefund();
          else if (value.isZero()) refund += g.sstoreClearsRefund();
        }
        if (original.equals(value)) {
          refund +=
              original.isZero()
                  ? g.sstoreSet() - g.warmStorageRead()
                  : g.sstoreReset() - g.warmStorageRead();
        }
      }
    }
    if (!f.use(cost)) return f.halt(HaltReason.OUT_OF_GAS);
    if (refund != 0) x.state.addRefund(refund);
    if (!current.equals(value)) x.world.setStorage(f.address, key, value);
    return Frame.CONTINUE;
  }

  private static int tload(Execution x, Frame f) {
    int t = top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    Words.set(f.stack, t, x.state.tload(new TxState.Slot(f.address, key)));
    return Frame.CONTINUE;
  }

  private static int tstore(Execution x, Frame f) {
    if (f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    int t = top(f);
    UInt256 key = Words.toUInt256(f.stack, t);
    UInt256 value = Words.toUInt256(f.stack, t - 4);
    x.state.tstore(new TxState.Slot(f.address, key), value);
    f.sp -= 2;
    return Frame.CONTINUE;
  }

  /** MCOPY (EIP-5656): (dest, src, length), overlapping ranges copy as if through a buffer. */
  private static int mcopy(Execution x, Frame f) {
    long[] s = f.stack;
    int t = top(f);
    long len = Words.index(s, t - 8);
    if (Arith.isZero(s, t - 8)) {
      f.sp -= 3;
      return Frame.CONTINUE;
    }
    long dst = Words.index(s, t);
    long src = Words.index(s, t - 4);
    if (len < 0 || dst < 0 || src < 0) return f.halt(HaltReason.OUT_OF_GAS);
    long end = Math.max(dst, src) + len;
    if (!payMemory(x, f, end, x.gas.copyWord() * words(len))) return f.halt(HaltReason.OUT_OF_GAS);
    byte[] m = f.memory.data();
    System.arraycopy(m, (int) src, m, (int) dst, (int) len);
    f.sp -= 3;
    return Frame.CONTINUE;
  }

  private static int log(Execution x, Frame f, int topics) {
    if (f.isStatic) return f.halt(HaltReason.STATIC_STATE_CHANGE);
    long[] s = f.stack;
    int t = top(f);
    long end = Words.memoryEnd(s, t, t - 4);
    long len = end == 0 ? 0 : Words.index(s, t - 4);
    if (!payMemory(x, f, end, x.gas.logDataByte() * len)) return f.halt(HaltReason.OUT_OF_GAS);
    Bytes data = len == 0 ? Bytes.EMPTY : Bytes.wrap(f.memory.slice(Words.index(s, t), len));
    List<Bytes32> list = new ArrayList<>(topics);
    for (int i = 0; i < topics; i++) list.add(Words.toBytes32(s, t - 8 - 4 * i));
    Log log = new Log(f.address, list, data);
    x.state.log(log);
    if (x.tracer != null) x.tracer.log(log);
    f.sp -= 2 + topics;
    return Frame.CONTINUE;
  }
}
