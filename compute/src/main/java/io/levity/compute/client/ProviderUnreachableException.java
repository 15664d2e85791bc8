package io.levity.compute.client;

import io.levity.core.bytes.Address;

/** The provider's registered endpoint did not answer (refused, timed out, or cut off). */
public final class ProviderUnreachableException extends InferenceClientException {
  private static final long serialVersionUID = 1L;

  public ProviderUnreachableException(Address provider, String endpoint, Throwable cause) {
    super(
        "provider "
            + provider.toHex()
            + " at "
            + endpoint
            + " is unreachable: "
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
        cause);
  }
}
