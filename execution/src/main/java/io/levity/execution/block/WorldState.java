package io.levity.execution.block;

import io.levity.core.bytes.Bytes32;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.WorldView;

/**
 * A world a block executes on: the EVM's {@link WorldView} plus the two things a block needs
 * between transactions: marking where a transaction starts (original storage values, EIP-2200) and
 * the state root after the last one. {@code TrieWorldState} is the persistent one; {@link
 * #copyOf(InMemoryWorld)} makes an in-memory one for tests and tools.
 */
public interface WorldState extends WorldView {
  /**
   * Marks the start of a transaction: original storage values are taken from now; the journal is
   * dropped.
   */
  void beginTransaction();

  /**
   * The Ethereum state root of the current content. Ends the current transaction (no revert past
   * it).
   */
  Bytes32 stateRoot();

  /**
   * A block world in memory holding a copy of the accounts of {@code world} (later changes to
   * either do not reach the other); its state root is computed over all of it with StateRoots.
   */
  static WorldState copyOf(InMemoryWorld world) {
    return new InMemoryWorldState(world);
  }
}
