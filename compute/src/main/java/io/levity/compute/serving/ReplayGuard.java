package io.levity.compute.serving;

import io.levity.core.bytes.Address;

/**
 * The replay guard: per user, the highest nonce admitted; a request is fresh only with a higher one
 * (unsigned 64-bit order). Admitting a nonce must survive a crash whenever its answer could have
 * been delivered.
 */
public interface ReplayGuard {
  /** Whether {@code nonce} is above every nonce admitted from {@code user}. */
  boolean fresh(Address user, long nonce);

  /** The highest nonce admitted from {@code user}, or -1 (2^64 - 1 unsigned) for none. */
  long highest(Address user);

  /** Admits {@code nonce} if fresh; false (and nothing recorded) if not. */
  boolean accept(Address user, long nonce);
}
