package io.levity.da.chain;

/** The DataAvailability contract refused a call, or the chain could not be reached. */
public final class DaChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the reason (the contract's custom error decoded, or the RPC failure). */
  public DaChainException(String message, Throwable cause) {
    super(message, cause);
  }

  /** With the reason. */
  public DaChainException(String message) {
    super(message);
  }
}
