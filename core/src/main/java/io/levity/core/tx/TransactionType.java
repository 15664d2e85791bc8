package io.levity.core.tx;

/** The EIP-2718 envelope of a transaction; legacy transactions have no type byte and report 0. */
public enum TransactionType {
  LEGACY(0),
  /** EIP-2930. */
  ACCESS_LIST(1),
  /** EIP-1559. */
  DYNAMIC_FEE(2),
  /** EIP-4844. */
  BLOB(3);

  private final int code;

  TransactionType(int code) {
    this.code = code;
  }

  /** The type byte (0 for legacy, which is written without one). */
  public int code() {
    return code;
  }
}
