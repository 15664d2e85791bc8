package io.levity.compute.client;

import io.levity.core.bytes.Address;

/**
 * An answer whose receipt failed a {@link ReceiptCheck}: it is not handed on, and the receipt is
 * kept in the user's store as evidence.
 */
public final class ReceiptRejectedException extends InferenceClientException {
  private static final long serialVersionUID = 1L;
  private final ReceiptCheck check;

  public ReceiptRejectedException(Address provider, ReceiptCheck check, String detail) {
    super(
        "provider "
            + provider.toHex()
            + "'s answer failed the "
            + check
            + " check: "
            + check.meaning()
            + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.check = check;
  }

  public ReceiptCheck check() {
    return check;
  }
}
