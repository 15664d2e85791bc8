package io.levity.execution.tx;

/** A transaction was rejected; {@link #error()} names the rule broken and the message says how. */
public final class InvalidTransactionException extends RuntimeException {
  private final TransactionError error;

  public InvalidTransactionException(TransactionError error, String detail) {
    super(error + ": " + detail);
    this.error = error;
  }

  public TransactionError error() {
    return error;
  }
}
