package io.levity.core.tx;

/** The EIP-2718 envelope of a transaction; legacy transactions have no type byte and report 0. */
public enum TransactionType {
  LEGACY,
  /** EIP-2930. */
  ACCESS_LIST,
  /** EIP-1559. */
  DYNAMIC_FEE,
  /** EIP-4844. */
  BLOB;

  /** The type byte (0 for legacy, which is written without one). */
  public int code() {
    return switch (this) {
      case LEGACY -> 0;
      case ACCESS_LIST -> 1;
      case DYNAMIC_FEE -> 2;
      case BLOB -> 3;
    };
  }
}
