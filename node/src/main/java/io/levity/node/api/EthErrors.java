package io.levity.node.api;

import io.levity.core.tx.TransactionError;

/**
 * go-ethereum's wording for transaction rejections, which ethers.js and web3j match on to classify
 * errors.
 */
final class EthErrors {
  private EthErrors() {}

  static String wording(TransactionError e) {
    return switch (e) {
      case RLP_ERROR,
          RLP_LEADING_ZEROS,
          RLP_UNEXPECTED_LIST,
          RLP_EXPECTED_LIST,
          RLP_TOO_FEW_FIELDS,
          RLP_TOO_MANY_FIELDS,
          ADDRESS_TOO_SHORT,
          ADDRESS_TOO_LONG,
          STORAGE_KEY_TOO_SHORT,
          STORAGE_KEY_TOO_LONG,
          BLOB_TX_CONTRACT_CREATION,
          BLOB_HASH_WRONG_SIZE ->
          "rlp: invalid transaction encoding";
      case TYPE_NOT_SUPPORTED -> "transaction type not supported";
      case NONCE_OVERFLOW, NONCE_TOO_BIG -> "nonce has max value";
      case GAS_LIMIT_OVERFLOW -> "gas uint64 overflow";
      case GAS_PRICE_OVERFLOW, PRIORITY_FEE_OVERFLOW, BLOB_GAS_PRICE_OVERFLOW, VALUE_OVERFLOW ->
          "value exceeds 256 bits";
      case GAS_LIMIT_PRICE_PRODUCT_OVERFLOW -> "insufficient funds for gas * price + value";
      case PRIORITY_FEE_GREATER_THAN_MAX_FEE ->
          "max priority fee per gas higher than max fee per gas";
      case INVALID_SIGNATURE, SIGNATURE_RECOVERY_FAILED -> "invalid sender";
      case INVALID_CHAIN_ID -> "invalid chain id for signer";
      case INTRINSIC_GAS_TOO_LOW -> "intrinsic gas too low";
      case INITCODE_SIZE_EXCEEDED -> "max initcode size exceeded";
      case BLOB_HASHES_EMPTY -> "blob transaction missing blob hashes";
      case BLOB_COUNT_EXCEEDED -> "too many blobs in transaction";
      case BLOB_HASH_VERSION_INVALID -> "blob versioned hash has an invalid version";
      case NONCE_MISMATCH_TOO_LOW -> "nonce too low";
      case NONCE_MISMATCH_TOO_HIGH -> "nonce too high";
      case SENDER_NOT_EOA -> "sender not an eoa";
      case GAS_ALLOWANCE_EXCEEDED -> "gas limit reached";
      case INSUFFICIENT_MAX_FEE_PER_GAS -> "max fee per gas less than block base fee";
      case INSUFFICIENT_MAX_FEE_PER_BLOB_GAS -> "max fee per blob gas less than block blob gas fee";
      case INSUFFICIENT_ACCOUNT_FUNDS -> "insufficient funds for gas * price + value";
    };
  }
}
