package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import java.util.HashMap;
import java.util.Map;

/**
 * A replay guard that writes nothing of its own: admitted nonces are kept in memory and, at start,
 * restored from the receipt journal. This is crash-safe because an answer is sent only after its
 * receipt is fsynced: a nonce whose answer may have reached the user is in the journal, and a nonce
 * lost in a crash had its answer lost too (nothing served, nothing charged), so serving it once
 * after the restart is not a replay. It saves the file replacement {@link DurableNonceGuard} does
 * per request (two fsyncs and a rename).
 */
public final class JournalReplayGuard implements ReplayGuard {
  private final Map<Address, Long> highest = new HashMap<>();

  /** Starts from the highest nonce of each user in {@code journaled} (every receipt kept). */
  public JournalReplayGuard(Iterable<ServingReceipt> journaled) {
    for (ServingReceipt r : journaled)
      highest.merge(
          r.request().user(),
          r.request().nonce(),
          (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
  }

  @Override
  public synchronized boolean fresh(Address user, long nonce) {
    Long last = highest.get(user);
    return last == null || Long.compareUnsigned(nonce, last) > 0;
  }

  @Override
  public synchronized long highest(Address user) {
    return highest.getOrDefault(user, -1L);
  }

  @Override
  public synchronized boolean accept(Address user, long nonce) {
    if (!fresh(user, nonce)) return false;
    highest.put(user, nonce);
    return true;
  }
}
