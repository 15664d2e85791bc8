package io.levity.core.tx;

/** A transaction was rejected; {@link #error()} names the rule broken and the message says how. */
public final class InvalidTransactionException extends RuntimeException {
  private final TransactionError error;
  private final String detail;

  public InvalidTransactionException(TransactionError error, String detail) {
    super(error + ": " + detail);
    this.error = error;
    this.detail = detail;
  }

  public TransactionError error() {
    return error;
  }

  /** How the rule was broken, without the rule's name. */
  public String detail() {
    return detail;
  }
}
