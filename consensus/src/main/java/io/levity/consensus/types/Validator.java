package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;

/** One member of a validator set: its consensus public key and voting power. */
public record Validator(Bytes publicKey, long power) {
  public Validator {
    if (power <= 0)
      throw new IllegalArgumentException("voting power must be positive, got " + power);
  }
}
