package io.levity.sdk.tx;

import io.levity.core.bytes.Bytes32;
import java.time.Duration;
import java.util.List;

/**
 * No receipt arrived for these transactions within the wait (or the waiting thread was
 * interrupted). They were sent and may still be mined later.
 */
public final class ReceiptWaitException extends RuntimeException {
  private final List<Bytes32> pending;
  private final boolean interrupted;

  public ReceiptWaitException(List<Bytes32> pending, Duration timeout, boolean interrupted) {
    super(message(pending, timeout, interrupted));
    this.pending = List.copyOf(pending);
    this.interrupted = interrupted;
  }

  private static String message(List<Bytes32> pending, Duration timeout, boolean interrupted) {
    String which =
        pending.size() == 1
            ? "transaction " + pending.get(0)
            : pending.size() + " transactions (first " + pending.get(0) + ")";
    return interrupted
        ? "interrupted while waiting for " + which + "; it may still be mined"
        : which + " not mined within " + timeout + "; it may still be mined later";
  }

  /** The transactions still without a receipt. */
  public List<Bytes32> pending() {
    return pending;
  }

  public boolean interrupted() {
    return interrupted;
  }
}
