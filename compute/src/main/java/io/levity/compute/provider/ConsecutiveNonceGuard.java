package io.levity.compute.provider;

import io.levity.compute.serving.JournalReplayGuard;
import io.levity.compute.serving.ReplayGuard;
import io.levity.compute.serving.ServingReceipt;
import io.levity.core.bytes.Address;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The replay guard a market provider needs: the contract settles a user's receipts only as a run of
 * consecutive nonces from its settled nonce + 1, so a request is fresh only with exactly the next
 * nonce. A gap would leave every later answer unpayable; it is refused like a replay. The next
 * nonce follows the journal (answers served) or, for a user with none journaled, the market's
 * settled nonce (read once per user and remembered).
 */
public final class ConsecutiveNonceGuard implements ReplayGuard {
  private final JournalReplayGuard served;
  private final ToLongFunction<Address> settledNonce;
  private final Map<Address, Long> floor = new HashMap<>();

  /**
   * @param journaled every receipt in the journal
   * @param settledNonce the market's settled nonce of a user with this provider
   */
  public ConsecutiveNonceGuard(
      Iterable<ServingReceipt> journaled, ToLongFunction<Address> settledNonce) {
    this.served = new JournalReplayGuard(journaled);
    this.settledNonce = settledNonce;
  }

  @Override
  public synchronized boolean fresh(Address user, long nonce) {
    long last = highest(user);
    return last != -1L && nonce == last + 1;
  }

  @Override
  public synchronized long highest(Address user) {
    long chain = floor.computeIfAbsent(user, settledNonce::applyAsLong);
    long journal = served.highest(user);
    return journal == -1L ? chain : Math.max(chain, journal);
  }

  @Override
  public synchronized boolean accept(Address user, long nonce) {
    if (!fresh(user, nonce)) return false;
    floor.put(user, nonce);
    return served.accept(user, nonce);
  }
}
