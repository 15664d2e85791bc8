package io.levity.consensus.engine;

import io.levity.consensus.types.ValidatorSet;

/**
 * What the parts of one engine share and never change: its tunables, the validator set and this
 * validator's index in it, the message checks, and the outbox everything it produces goes to.
 */
record EngineContext(
    EngineConfig cfg, ValidatorSet validators, int self, MessageVerifier verifier, Outbox out) {
  /** True when this validator leads {@code round}. */
  boolean leads(long round) {
    return validators.leader(round) == self;
  }
}
