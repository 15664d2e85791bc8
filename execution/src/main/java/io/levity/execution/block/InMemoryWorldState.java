package io.levity.execution.block;

import io.levity.core.bytes.Bytes32;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.state.StateRoots;

/** An {@link InMemoryWorld} as a block world: its state root is computed over all of it. */
final class InMemoryWorldState extends InMemoryWorld implements WorldState {
  /** A copy of the accounts of {@code world}. */
  InMemoryWorldState(InMemoryWorld world) {
    world.accounts().forEach((a, s) -> put(a, s.balance(), s.nonce(), s.code(), s.storage()));
  }

  @Override
  public Bytes32 stateRoot() {
    return StateRoots.stateRoot(this);
  }
}
