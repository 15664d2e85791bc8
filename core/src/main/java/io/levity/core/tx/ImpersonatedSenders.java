package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The senders of transactions a dev chain made for an impersonated account ({@code
 * anvil_impersonateAccount}): such a transaction carries a placeholder signature, so its sender is
 * recorded here by transaction hash and {@link Transaction#recoverSender()} answers it wherever the
 * transaction is decoded again (block building, RPC answers, traces). Only dev mode registers
 * anything; a node of a real network leaves this empty and pays one emptiness check per recovery.
 * The hash commits to the placeholder signature, which encodes the sender, so no signed transaction
 * can share an entry. Bounded: past {@link #MAX} entries registering fails.
 */
public final class ImpersonatedSenders {
  /** The most impersonated transactions one process remembers. */
  public static final int MAX = 1_000_000;

  private static final Map<Bytes32, Address> SENDERS = new ConcurrentHashMap<>();

  private ImpersonatedSenders() {}

  /**
   * Records {@code sender} as the sender of the transaction with this hash.
   *
   * @throws IllegalStateException when {@link #MAX} transactions are recorded already
   */
  public static void register(Bytes32 transactionHash, Address sender) {
    if (SENDERS.size() >= MAX && !SENDERS.containsKey(transactionHash))
      throw new IllegalStateException(
          "too many impersonated transactions in this process (" + MAX + ")");
    SENDERS.put(transactionHash, sender);
  }

  static boolean none() {
    return SENDERS.isEmpty();
  }

  static Optional<Address> lookup(Bytes32 transactionHash) {
    return Optional.ofNullable(SENDERS.get(transactionHash));
  }
}
