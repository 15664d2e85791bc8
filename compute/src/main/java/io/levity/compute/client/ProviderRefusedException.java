package io.levity.compute.client;

import io.levity.core.bytes.Address;

/**
 * The provider answered with an error status: 401 (the reason), 402 (insufficient balance), 404
 * (unknown model), 413 and so on; {@link #status()} is the provider's.
 */
public final class ProviderRefusedException extends InferenceClientException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String reason;

  public ProviderRefusedException(Address provider, int status, String reason) {
    super("provider " + provider.toHex() + " refused (" + status + "): " + reason);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  /** The provider's own message. */
  public String reason() {
    return reason;
  }
}
