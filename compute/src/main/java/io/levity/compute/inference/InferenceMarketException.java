package io.levity.compute.inference;

/** A market call that reverted (the message names the contract's custom error) or went wrong. */
public final class InferenceMarketException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InferenceMarketException(String message) {
    super(message);
  }

  public InferenceMarketException(String message, Throwable cause) {
    super(message, cause);
  }
}
