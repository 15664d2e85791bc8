package io.levity.sdk.abi;

/** ABI data or a value that does not fit its type, or a type or signature that does not parse. */
public final class AbiException extends RuntimeException {
  public AbiException(String message) {
    super(message);
  }
}
