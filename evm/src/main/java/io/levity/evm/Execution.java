package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.evm.fork.GasSchedule;
import io.levity.evm.fork.Rules;
import io.levity.evm.precompile.Precompile;
import io.levity.evm.trace.Tracer;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One transaction's execution: its contexts, substate and the frame driver. Frames run without Java
 * recursion: a CALL or CREATE suspends the caller, the driver runs the child, then resumes the
 * caller with the result, so depth 1024 needs no deep Java stack.
 */
final class Execution {
  private static final long[] NO_JUMPDESTS = new long[0];

  final Evm evm;
  final WorldView world;
  final BlockContext block;
  final TxContext tx;
  final Tracer tracer;
  final GasSchedule gas;
  final Rules rules;
  final TxState state = new TxState();

  Execution(Evm evm, WorldView world, BlockContext block, TxContext tx, Tracer tracer) {
    this.evm = evm;
    this.world = world;
    this.block = block;
    this.tx = tx;
    this.tracer = tracer;
    this.gas = evm.spec().gas();
    this.rules = evm.spec().rules();
  }

  ExecutionResult run(CallMessage m, List<AccessListEntry> accessList) {
    // EIP-2929 / EIP-2930 / EIP-3651: what starts warm.
    state.warm(tx.origin());
    state.warm(m.caller());
    state.warm(m.target());
    if (rules.warmCoinbase()) state.warm(block.coinbase());
    for (Address a : evm.precompileAddresses()) state.warm(a);
    for (AccessListEntry e : accessList) {
      state.warm(e.address());
      for (Bytes32 k : e.storageKeys())
        state.warm(new TxState.Slot(e.address(), UInt256.fromBytes(k)));
    }
    Frame root;
    if (m.kind() == CallMessage.Kind.CREATE) {
      if (collides(m.target())) return failure(m, HaltReason.CREATE_COLLISION, 0);
      root =
          createFrame(
              null, Tracer.CREATE, m.caller(), m.target(), m.value(), m.data().toArray(), m.gas());
    } else {
      if (world.balance(m.caller()).compareTo(m.value()) < 0) {
        return failure(m, HaltReason.INSUFFICIENT_BALANCE, m.gas());
      }
      root =
          callFrame(
              null,
              SystemOps.CALL,
              m.caller(),
              m.target(),
              m.target(),
              m.value(),
              m.value(),
              m.data().toArray(),
              m.gas(),
              false);
    }
    return drive(root, m);
  }

  private ExecutionResult failure(CallMessage m, HaltReason reason, long gasLeft) {
    if (tracer != null) tracer.end(Memory.EMPTY, m.gas() - gasLeft, reason.message());
    return new ExecutionResult(
        Outcome.HALT,
        reason,
        gasLeft,
        0,
        Bytes.EMPTY,
        List.of(),
        null,
        new LinkedHashSet<>(state.touched),
        new LinkedHashSet<>(state.selfDestructed));
  }

  /** EIP-684 / EIP-7610: creation fails where an account has a nonce, code or storage. */
  boolean collides(Address a) {
    if (world.nonce(a) != 0 || world.hasStorage(a)) return true;
    Bytes32 h = world.codeHash(a);
    return !h.equals(Keccak.EMPTY_HASH) && !h.isZero();
  }

  /**
   * Starts a call frame: snapshots, moves value and touches the callee as go-ethereum does (a
   * zero-value CALL to an absent non-precompile account does neither).
   */
  Frame callFrame(
      Frame parent,
      int op,
      Address caller,
      Address address,
      Address codeAddress,
      UInt256 transfer,
      UInt256 apparentValue,
      byte[] input,
      long gasLimit,
      boolean isStatic) {
    int ws = world.snapshot();
    int ss = state.snapshot();
    Precompile precompile = evm.precompile(codeAddress);
    if (op == SystemOps.STATICCALL) {
      state.touch(address);
    } else if (op == SystemOps.CALL || op == SystemOps.CALLCODE) {
      boolean skip =
          op == SystemOps.CALL && transfer.isZero() && precompile == null && !world.exists(address);
      if (!skip) {
        if (!transfer.isZero()) {
          world.subtractBalance(caller, transfer);
          world.addBalance(address, transfer);
        }
        state.touch(address);
      }
    }
    byte[] code = Memory.EMPTY;
    long[] jumpDests = NO_JUMPDESTS;
    if (precompile == null) {
      code = world.code(codeAddress).unsafeArray();
      if (code.length > 0) jumpDests = evm.jumpDests.forCode(world.codeHash(codeAddress), code);
    }
    if (tracer != null) {
      // As go-ethereum reports it: from the calling contract (for DELEGATECALL too).
      Address from = parent == null ? caller : parent.address;
      tracer.enter(op, from, codeAddress, apparentValue, gasLimit, input);
    }
    return new Frame(
        this,
        parent,
        isStatic,
        false,
        address,
        caller,
        apparentValue,
        input,
        code,
        jumpDests,
        precompile,
        gasLimit,
        ws,
        ss);
  }

  /**
   * Starts a creation frame at {@code address}: fresh account with nonce 1 (EIP-161), value moved.
   */
  Frame createFrame(
      Frame parent,
      int op,
      Address caller,
      Address address,
      UInt256 value,
      byte[] initcode,
      long gasLimit) {
    int ws = world.snapshot();
    int ss = state.snapshot();
    world.createAccount(address);
    world.setNonce(address, 1);
    if (!value.isZero()) {
      world.subtractBalance(caller, value);
      world.addBalance(address, value);
    }
    state.touch(address);
    state.markCreated(address);
    long[] jumpDests = initcode.length == 0 ? NO_JUMPDESTS : JumpDests.analyze(initcode);
    if (tracer != null) tracer.enter(op, caller, address, value, gasLimit, initcode);
    return new Frame(
        this,
        parent,
        false,
        true,
        address,
        caller,
        value,
        Memory.EMPTY,
        initcode,
        jumpDests,
        null,
        gasLimit,
        ws,
        ss);
  }

  private ExecutionResult drive(Frame root, CallMessage m) {
    Frame f = root;
    while (true) {
      int r;
      if (f.precompile != null) {
        r = runPrecompile(f);
      } else if (f.code.length == 0) {
        f.outcome = Outcome.SUCCESS;
        r = Frame.DONE;
      } else {
        r = evm.interpreter.run(this, f);
      }
      if (r == Frame.SUSPEND) {
        f = f.child;
        continue;
      }
      finish(f);
      if (tracer != null) {
        tracer.exit(f.output, f.startGas - f.gas, f.outcome == Outcome.SUCCESS ? null : error(f));
      }
      Frame parent = f.parent;
      if (parent == null) return result(f, m);
      resume(parent, f);
      f = parent;
    }
  }

  private static int runPrecompile(Frame f) {
    long cost = f.precompile.gas(f.input);
    if (!f.use(cost)) return f.halt(HaltReason.OUT_OF_GAS);
    byte[] out = f.precompile.run(f.input);
    if (out == null) return f.halt(HaltReason.PRECOMPILE_FAILURE);
    f.output = out;
    f.outcome = Outcome.SUCCESS;
    return Frame.DONE;
  }

  /** Deposits created code, then keeps or undoes the frame's changes. */
  private void finish(Frame f) {
    if (f.outcome == Outcome.SUCCESS && f.isCreate) {
      byte[] code = f.output;
      if (code.length > rules.maxCodeSize()) {
        f.halt(HaltReason.CODE_SIZE_LIMIT);
      } else if (rules.rejectEfCode() && code.length > 0 && code[0] == (byte) 0xef) {
        f.halt(HaltReason.INVALID_CODE_PREFIX);
      } else if (!f.use(gas.codeDepositByte() * code.length)) {
        f.halt(HaltReason.CODE_DEPOSIT_OUT_OF_GAS);
      } else {
        world.setCode(f.address, Bytes.wrap(code));
      }
    }
    if (f.outcome == Outcome.SUCCESS) {
      world.commit(f.worldSnapshot);
    } else {
      world.revert(f.worldSnapshot);
      state.revert(f.stateSnapshot);
    }
  }

  /**
   * Hands a finished child's result to its parent: gas back, result word, return data, output copy.
   */
  private static void resume(Frame p, Frame c) {
    p.child = null;
    p.gas += c.gas;
    int slot = p.sp << 2;
    p.sp++;
    if (c.isCreate) {
      if (c.outcome == Outcome.SUCCESS) Words.set(p.stack, slot, c.address);
      else Arith.setZero(p.stack, slot);
      p.returnData = c.outcome == Outcome.REVERT ? c.output : Memory.EMPTY;
    } else {
      Arith.set(p.stack, slot, c.outcome == Outcome.SUCCESS ? 1 : 0);
      if (c.outcome == Outcome.HALT) {
        p.returnData = Memory.EMPTY;
      } else {
        p.returnData = c.output;
        long n = Math.min(c.returnLength, c.output.length);
        if (n > 0) System.arraycopy(c.output, 0, p.memory.data(), (int) c.returnOffset, (int) n);
      }
    }
  }

  private static String error(Frame f) {
    return f.outcome == Outcome.HALT ? f.haltReason.message() : "execution reverted";
  }

  private ExecutionResult result(Frame f, CallMessage m) {
    boolean ok = f.outcome == Outcome.SUCCESS;
    Bytes output = f.output.length == 0 ? Bytes.EMPTY : Bytes.wrap(f.output);
    if (tracer != null) {
      tracer.end(
          f.output,
          m.gas() - f.gas,
          f.outcome == Outcome.HALT
              ? f.haltReason.message()
              : f.outcome == Outcome.REVERT ? "execution reverted" : null);
    }
    return new ExecutionResult(
        f.outcome,
        f.haltReason,
        f.gas,
        ok ? state.refund : 0,
        output,
        ok ? List.copyOf(state.logs) : List.of(),
        ok && f.isCreate ? f.address : null,
        new LinkedHashSet<>(state.touched),
        new LinkedHashSet<>(state.selfDestructed));
  }
}
