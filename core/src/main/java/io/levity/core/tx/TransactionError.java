package io.levity.core.tx;

/**
 * The rule a rejected transaction broke. Decoding raises the structural ones; the execution layer's
 * {@code TransactionValidator} the ones that depend on the fork and the chain; the state transition
 * ({@code io.levity.execution.state}) the ones that depend on the sender's account and the block.
 * Names follow the ethereum/tests exception names where one exists.
 */
public enum TransactionError {
  /** Malformed or non-canonical RLP: bad lengths, truncated input, trailing bytes. */
  RLP_ERROR,
  /** An integer field has leading zero bytes. */
  RLP_LEADING_ZEROS,
  /** A list appears where a byte string belongs. */
  RLP_UNEXPECTED_LIST,
  /**
   * A byte string appears where a list belongs (the transaction itself, an access list, blob
   * hashes).
   */
  RLP_EXPECTED_LIST,
  RLP_TOO_FEW_FIELDS,
  RLP_TOO_MANY_FIELDS,
  /** Unknown envelope type, or a type the fork does not accept yet. */
  TYPE_NOT_SUPPORTED,
  /** The nonce does not fit in 64 bits. */
  NONCE_OVERFLOW,
  /** The nonce is 2^64-1, which EIP-2681 forbids. */
  NONCE_TOO_BIG,
  /** The gas limit does not fit in 64 bits. */
  GAS_LIMIT_OVERFLOW,
  /** The gas price (or max fee per gas) does not fit in 256 bits. */
  GAS_PRICE_OVERFLOW,
  /** The max priority fee per gas does not fit in 256 bits. */
  PRIORITY_FEE_OVERFLOW,
  /** The max fee per blob gas does not fit in 256 bits. */
  BLOB_GAS_PRICE_OVERFLOW,
  /** The value does not fit in 256 bits. */
  VALUE_OVERFLOW,
  /** gas limit * (max fee per) gas price does not fit in 256 bits. */
  GAS_LIMIT_PRICE_PRODUCT_OVERFLOW,
  /** max priority fee per gas > max fee per gas (EIP-1559). */
  PRIORITY_FEE_GREATER_THAN_MAX_FEE,
  /** A recipient or access-list address shorter than 20 bytes. */
  ADDRESS_TOO_SHORT,
  /** A recipient or access-list address longer than 20 bytes. */
  ADDRESS_TOO_LONG,
  /** An access-list storage key shorter than 32 bytes. */
  STORAGE_KEY_TOO_SHORT,
  /** An access-list storage key longer than 32 bytes. */
  STORAGE_KEY_TOO_LONG,
  /** v, yParity, r or s out of range, or a high s where EIP-2 applies. */
  INVALID_SIGNATURE,
  /** The signature is well-formed but does not recover to a public key. */
  SIGNATURE_RECOVERY_FAILED,
  /**
   * The chain id differs from the chain's, or an EIP-155 chain id before the fork that allows it.
   */
  INVALID_CHAIN_ID,
  /** The gas limit is below the transaction's intrinsic gas. */
  INTRINSIC_GAS_TOO_LOW,
  /** The initcode of a creating transaction exceeds the EIP-3860 limit. */
  INITCODE_SIZE_EXCEEDED,
  /**
   * A blob transaction without a recipient (EIP-4844 blob transactions cannot create contracts).
   */
  BLOB_TX_CONTRACT_CREATION,
  /** A blob transaction with no blob hashes. */
  BLOB_HASHES_EMPTY,
  /** A blob transaction with more blobs than the fork allows. */
  BLOB_COUNT_EXCEEDED,
  /** A blob versioned hash that is not 32 bytes. */
  BLOB_HASH_WRONG_SIZE,
  /** A blob versioned hash with a version byte the fork does not know. */
  BLOB_HASH_VERSION_INVALID,
  /** The nonce is below the sender's account nonce (already used). */
  NONCE_MISMATCH_TOO_LOW,
  /** The nonce is above the sender's account nonce (a gap). */
  NONCE_MISMATCH_TOO_HIGH,
  /** The sender's account has code (EIP-3607): only externally owned accounts send transactions. */
  SENDER_NOT_EOA,
  /** The gas limit exceeds the gas the block has left. */
  GAS_ALLOWANCE_EXCEEDED,
  /** The max fee per gas (or gas price) is below the block's base fee (EIP-1559). */
  INSUFFICIENT_MAX_FEE_PER_GAS,
  /** The max fee per blob gas is below the block's blob base fee (EIP-4844). */
  INSUFFICIENT_MAX_FEE_PER_BLOB_GAS,
  /** The sender cannot pay gasLimit * maxFeePerGas + value (+ blob gas * maxFeePerBlobGas). */
  INSUFFICIENT_ACCOUNT_FUNDS
}
