package io.levity.consensus.safety;

import java.util.Optional;

/**
 * Port for the persistent safety state. {@link #save} must be durable when it returns (fsync in a
 * real store): the engine calls it before any vote or timeout leaves, so a restart can never sign
 * twice for a round.
 */
public interface SafetyStore {
  Optional<SafetyState> load();

  void save(SafetyState state);
}
