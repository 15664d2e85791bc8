package io.levity.node.mempool;

/** A transaction refused by the mempool, with the rule it broke. */
public final class MempoolException extends Exception {
  private final MempoolError error;

  public MempoolException(MempoolError error, String detail) {
    super(detail == null ? error.text() : error.text() + ": " + detail);
    this.error = error;
  }

  public MempoolError error() {
    return error;
  }
}
