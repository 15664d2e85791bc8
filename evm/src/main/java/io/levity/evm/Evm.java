package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.tx.AccessListEntry;
import io.levity.evm.fork.EvmSpec;
import io.levity.evm.fork.OperationTable;
import io.levity.evm.precompile.Precompile;
import io.levity.evm.precompile.PrecompileSet;
import io.levity.evm.trace.Tracer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The EVM for one fork: runs a transaction's top-level message (call or creation) against a {@link
 * WorldView}. The execution layer does the transaction-level work (nonce, intrinsic gas, fee
 * payment, refund cap, coinbase) and calls {@link #execute}, then {@link #finalizeTransaction}.
 *
 * <p>An instance keeps scratch buffers, stack arrays and its JUMPDEST cache between runs; it is not
 * thread-safe: use one per thread.
 */
public final class Evm {
  private final EvmSpec spec;
  private final PrecompileSet precompiles;
  private final List<Address> precompileAddresses;
  final OperationTable operations;
  final Interpreter interpreter;
  final JumpDests jumpDests = new JumpDests();
  private final long[][] stacks;

  /** An EVM for the fork {@code spec} describes: its opcodes, gas, rules and precompiles. */
  public Evm(EvmSpec spec) {
    this.spec = spec;
    this.precompiles = spec.precompiles();
    this.precompileAddresses = precompiles.addresses();
    this.operations = spec.operations();
    this.interpreter = new Interpreter(spec);
    this.stacks = new long[spec.rules().maxCallDepth() + 1][];
  }

  public EvmSpec spec() {
    return spec;
  }

  /** Runs the message with no access list and no tracer. */
  public ExecutionResult execute(
      WorldView world, BlockContext block, TxContext tx, CallMessage message) {
    return execute(world, block, tx, message, List.of(), null);
  }

  /**
   * Runs a transaction's top-level message. Before it starts, the origin, the sender, the target
   * (or new contract address), the coinbase (EIP-3651), the fork's precompiles and the access list
   * entries are warm (EIP-2929, EIP-2930). For a creation, the caller has already incremented the
   * sender's nonce; a collision at the target ends with {@link HaltReason#CREATE_COLLISION} and no
   * gas left.
   *
   * @param tracer null for none
   */
  public ExecutionResult execute(
      WorldView world,
      BlockContext block,
      TxContext tx,
      CallMessage message,
      List<AccessListEntry> accessList,
      Tracer tracer) {
    if (message.gas() < 0) throw new IllegalArgumentException("negative gas: " + message.gas());
    return new Execution(this, world, block, tx, tracer).run(message, accessList);
  }

  /**
   * End-of-transaction cleanup, after the caller has paid the coinbase: deletes the self-destructed
   * accounts, then every touched account that is empty (EIP-161). Pass the accounts the caller
   * touched itself (sender, coinbase).
   */
  public static void finalizeTransaction(
      WorldView world, ExecutionResult result, Collection<Address> alsoTouched) {
    for (Address a : result.selfDestructed()) world.deleteAccount(a);
    List<Address> touched = new ArrayList<>(result.touched());
    touched.addAll(alsoTouched);
    for (Address a : touched) {
      if (world.isEmpty(a)) world.deleteAccount(a);
    }
  }

  /** The precompile at this address in this fork, or null. */
  public Precompile precompile(Address a) {
    return precompiles.at(a);
  }

  /** Addresses of the fork's precompiles (they start warm in every transaction). */
  public List<Address> precompileAddresses() {
    return precompileAddresses;
  }

  /**
   * The stack array for a depth; frames at one depth never overlap in time, so arrays are reused.
   */
  long[] stackFor(int depth) {
    long[] s = stacks[depth];
    if (s == null) {
      s = new long[OperationTable.STACK_LIMIT * 4];
      stacks[depth] = s;
    }
    return s;
  }
}
