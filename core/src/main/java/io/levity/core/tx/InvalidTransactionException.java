package io.levity.core.tx;

/** A transaction was rejected; {@link #error()} names the rule broken and the message says how. */
public final class InvalidTransactionException extends RuntimeException {
  private final TransactionError error;

  /** The message is the rule's name, a colon and how it was broken. */
  public InvalidTransactionException(TransactionError error, String detail) {
    super(error + ": " + detail);
    this.error = error;
  }

  public TransactionError error() {
    return error;
  }

  /** How the rule was broken: the message without the rule's name. */
  public String detail() {
    return getMessage().substring(error.name().length() + 2);
  }
}
