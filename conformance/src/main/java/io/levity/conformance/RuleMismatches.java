package io.levity.conformance;

import io.levity.core.tx.TransactionError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which ethereum/tests exception names mean the same rule as a Levity {@link TransactionError}, and
 * a count of the cases where a fixture expected a rejection for another rule than the one Levity
 * reported. A fixture that expects an exception passes on any rejection; the count shows where the
 * reason differs. Thread-safe.
 */
final class RuleMismatches {
  /**
   * Our rule, then the fixture names that mean it. A name absent here only matches the rule of the
   * same name.
   */
  private static final String SAME_RULE_TABLE =
      """
      RLP_ERROR RLP_ERROR_SIZE RLP_ERROR_EOF RLP_ERROR_SIZE_LEADING_ZEROS RLP_INVALID_HEADER
      RLP_ERROR RLP_LEADING_ZEROS_NONCE_SIZE RLP_LEADING_ZEROS_DATA_SIZE
      RLP_LEADING_ZEROS RLP_LEADING_ZEROS_NONCE RLP_LEADING_ZEROS_GASLIMIT RLP_LEADING_ZEROS_GASPRICE
      RLP_LEADING_ZEROS RLP_LEADING_ZEROS_VALUE RLP_LEADING_ZEROS_V RLP_LEADING_ZEROS_R
      RLP_LEADING_ZEROS RLP_LEADING_ZEROS_S RLP_LEADING_ZEROS_BASEFEE RLP_LEADING_ZEROS_PRIORITY_FEE
      RLP_UNEXPECTED_LIST RLP_INVALID_NONCE RLP_INVALID_GASLIMIT RLP_INVALID_TO RLP_INVALID_DATA
      RLP_UNEXPECTED_LIST RLP_INVALID_SIGNATURE_R RLP_INVALID_SIGNATURE_S RLP_INVALID_VALUE
      RLP_UNEXPECTED_LIST RLP_INVALID_GASPRICE
      RLP_EXPECTED_LIST RLP_INVALID_HEADER
      RLP_TOO_FEW_FIELDS RLP_TOO_FEW_ELEMENTS
      RLP_TOO_MANY_FIELDS RLP_TOO_MANY_ELEMENTS
      NONCE_TOO_BIG NONCE_IS_MAX
      GAS_LIMIT_OVERFLOW GASLIMIT_OVERFLOW
      GAS_PRICE_OVERFLOW GASPRICE_OVERFLOW
      PRIORITY_FEE_OVERFLOW PRIORITY_OVERFLOW
      VALUE_OVERFLOW RLP_INVALID_VALUE
      GAS_LIMIT_PRICE_PRODUCT_OVERFLOW GASLIMIT_PRICE_PRODUCT_OVERFLOW
      PRIORITY_FEE_GREATER_THAN_MAX_FEE PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS
      PRIORITY_FEE_GREATER_THAN_MAX_FEE PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2
      ADDRESS_TOO_SHORT RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT
      ADDRESS_TOO_LONG RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG
      STORAGE_KEY_TOO_SHORT RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT
      STORAGE_KEY_TOO_LONG RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG
      INVALID_SIGNATURE INVALID_SIGNATURE_VRS
      SIGNATURE_RECOVERY_FAILED EC_RECOVERY_FAIL
      INVALID_CHAIN_ID INVALID_CHAINID
      BLOB_TX_CONTRACT_CREATION TYPE_3_TX_CONTRACT_CREATION
      BLOB_HASHES_EMPTY TYPE_3_TX_ZERO_BLOBS
      BLOB_COUNT_EXCEEDED TYPE_3_TX_BLOB_COUNT_EXCEEDED TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED
      BLOB_HASH_VERSION_INVALID TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH
      """;

  private static final Map<TransactionError, List<String>> SAME_RULE = parse(SAME_RULE_TABLE);

  private final Map<String, Integer> counts = new ConcurrentSkipListMap<>();

  /** Records a rejection for {@code ours} where the fixture expected {@code expected}. */
  void note(TransactionError ours, String expected) {
    if (!sameRule(ours, expected)) {
      counts.merge(expected.replace("TransactionException.", "") + " -> " + ours, 1, Integer::sum);
    }
  }

  /** Expected exception -> the rule we raised instead, with the number of cases. */
  Map<String, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  /**
   * True when the fixture's exception (such as {@code TransactionException.INTRINSIC_GAS_TOO_LOW},
   * or alternatives separated by '|') names our rule.
   */
  static boolean sameRule(TransactionError ours, String exception) {
    for (String alt : exception.split("\\|", -1)) {
      String name = alt.trim();
      name = name.substring(name.lastIndexOf('.') + 1);
      if (name.equals(ours.name()) || SAME_RULE.getOrDefault(ours, List.of()).contains(name))
        return true;
    }
    return false;
  }

  private static Map<TransactionError, List<String>> parse(String table) {
    Map<TransactionError, List<String>> m = new EnumMap<>(TransactionError.class);
    for (String line : table.strip().split("\n", -1)) {
      List<String> words = List.of(line.trim().split(" +", -1));
      m.computeIfAbsent(TransactionError.valueOf(words.get(0)), k -> new ArrayList<>())
          .addAll(words.subList(1, words.size()));
    }
    return m;
  }
}
