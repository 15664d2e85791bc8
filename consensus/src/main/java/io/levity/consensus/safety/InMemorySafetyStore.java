package io.levity.consensus.safety;

import java.util.Optional;

/**
 * A safety store that lives as long as the object: enough for tests and the simulator, where it
 * outlives "crashes".
 */
public final class InMemorySafetyStore implements SafetyStore {
  private SafetyState state;
  private long saves;

  @Override
  public Optional<SafetyState> load() {
    return Optional.ofNullable(state);
  }

  @Override
  public void save(SafetyState s) {
    state = s;
    saves++;
  }

  public long saves() {
    return saves;
  }

  /** Forgets everything: only for tests that show what happens without persistence. */
  public void wipeForTesting() {
    state = null;
  }
}
