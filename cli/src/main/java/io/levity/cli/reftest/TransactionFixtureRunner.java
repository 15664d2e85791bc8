package io.levity.cli.reftest;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Hex;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.TransactionError;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * TransactionTests: {@code {name: {txbytes, result: {Fork: {hash, intrinsicGas, sender} |
 * {exception, ...}}}}}. Each (test, fork) pair is one case, named {@code name[Fork]}. A valid
 * expectation must decode and validate with the same hash, sender and intrinsic gas; an exception
 * expectation passes on any rejection, and a rejection for a different rule than the fixture names
 * is recorded in {@link #categoryMismatches()}. Fixtures use chain id 1.
 *
 * <p>Thread-safe: files may run in parallel.
 */
public final class TransactionFixtureRunner implements FixtureRunner {
  /** The chain id the fixtures are signed for. */
  public static final long FIXTURE_CHAIN_ID = 1;

  private static final Set<String> TEST_KEYS = Set.of("_info", "txbytes", "result");

  /**
   * Which ethereum/tests exception names count as the same rule as ours. A name absent here only
   * matches the rule of the same name.
   */
  private static final Map<TransactionError, List<String>> SAME_RULE = sameRule();

  private final Map<String, Integer> mismatches = new ConcurrentSkipListMap<>();

  @Override
  public String kind() {
    return "transaction";
  }

  @Override
  public boolean recognizes(Path file, JsonNode root) {
    if (!root.isObject() || root.isEmpty()) return false;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode test = e.getValue();
      if (!test.isObject() || !test.path("txbytes").isTextual() || !test.path("result").isObject())
        return false;
      for (Map.Entry<String, JsonNode> field : test.properties()) {
        if (!TEST_KEYS.contains(field.getKey())) return false;
      }
      for (Map.Entry<String, JsonNode> fork : test.get("result").properties()) {
        JsonNode r = fork.getValue();
        boolean valid = r.path("hash").isTextual() && r.path("sender").isTextual();
        boolean invalid = r.path("exception").isTextual();
        if (!r.isObject() || valid == invalid) return false;
      }
    }
    return true;
  }

  @Override
  public void run(Path file, JsonNode root, CaseSink sink) {
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String test = e.getKey();
      JsonNode body = e.getValue();
      byte[] raw;
      try {
        raw = Hex.decode(body.get("txbytes").asText());
      } catch (IllegalArgumentException ex) {
        raw = null; // reported per fork below
      }
      for (Map.Entry<String, JsonNode> f : body.get("result").properties()) {
        String name = test + "[" + f.getKey() + "]";
        Optional<Fork> fork = Fork.byName(f.getKey());
        if (fork.isEmpty()) {
          if (Fork.isNotImplemented(f.getKey()))
            sink.skipped(name, "fork " + f.getKey() + " not implemented");
          else sink.failed(name, "unknown fork name " + f.getKey());
          continue;
        }
        if (raw == null) {
          sink.failed(name, "fixture txbytes is not hex");
          continue;
        }
        try {
          String reason = check(raw, fork.get(), f.getValue(), name);
          if (reason == null) sink.passed(name);
          else sink.failed(name, reason);
        } catch (RuntimeException ex) {
          sink.failed(name, "unexpected " + ex);
        }
      }
    }
  }

  /**
   * Expected exception -> the rule we raised instead, with the number of cases; empty when all
   * agreed.
   */
  public Map<String, Integer> categoryMismatches() {
    return Collections.unmodifiableMap(mismatches);
  }

  private String check(byte[] raw, Fork fork, JsonNode expected, String name) {
    TransactionValidator validator = new TransactionValidator(fork, FIXTURE_CHAIN_ID);
    if (expected.has("exception")) {
      String exception = expected.get("exception").asText();
      try {
        ValidatedTransaction v = validator.decodeAndValidate(raw);
        return "accepted a transaction expected to fail with "
            + exception
            + " (sender "
            + v.sender()
            + ", intrinsic gas "
            + v.intrinsicGas()
            + ")";
      } catch (InvalidTransactionException ex) {
        if (!sameRule(ex.error(), exception)) {
          mismatches.merge(shortName(exception) + " -> " + ex.error(), 1, Integer::sum);
        }
        return null;
      }
    }
    ValidatedTransaction v;
    try {
      v = validator.decodeAndValidate(raw);
    } catch (InvalidTransactionException ex) {
      return "rejected a valid transaction: " + ex.getMessage();
    }
    List<String> wrong = new ArrayList<>();
    String hash = v.hash().toHex();
    if (!hash.equalsIgnoreCase(expected.get("hash").asText())) {
      wrong.add("hash " + hash + ", expected " + expected.get("hash").asText());
    }
    String sender = v.sender().toHex();
    if (!sender.equalsIgnoreCase(expected.get("sender").asText())) {
      wrong.add("sender " + sender + ", expected " + expected.get("sender").asText());
    }
    BigInteger gas = quantity(expected.get("intrinsicGas"));
    if (gas != null && !gas.equals(BigInteger.valueOf(v.intrinsicGas()))) {
      wrong.add("intrinsic gas " + v.intrinsicGas() + ", expected " + gas);
    }
    return wrong.isEmpty() ? null : String.join("; ", wrong);
  }

  private static BigInteger quantity(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isIntegralNumber()) return n.bigIntegerValue();
    String s = n.asText();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      return s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
    }
    return new BigInteger(s);
  }

  private static String shortName(String exception) {
    int dot = exception.lastIndexOf('.');
    return dot < 0 ? exception : exception.substring(dot + 1);
  }

  static boolean sameRule(TransactionError ours, String exception) {
    // A fixture may list alternatives separated by '|'.
    for (String alt : exception.split("\\|")) {
      String name = shortName(alt.trim());
      if (name.equals(ours.name()) || SAME_RULE.getOrDefault(ours, List.of()).contains(name))
        return true;
    }
    return false;
  }

  private static Map<TransactionError, List<String>> sameRule() {
    Map<TransactionError, List<String>> m = new EnumMap<>(TransactionError.class);
    m.put(
        TransactionError.RLP_ERROR,
        List.of(
            "RLP_ERROR_SIZE",
            "RLP_ERROR_EOF",
            "RLP_ERROR_SIZE_LEADING_ZEROS",
            "RLP_INVALID_HEADER",
            "RLP_LEADING_ZEROS_NONCE_SIZE",
            "RLP_LEADING_ZEROS_DATA_SIZE"));
    m.put(
        TransactionError.RLP_LEADING_ZEROS,
        List.of(
            "RLP_LEADING_ZEROS_NONCE",
            "RLP_LEADING_ZEROS_GASLIMIT",
            "RLP_LEADING_ZEROS_GASPRICE",
            "RLP_LEADING_ZEROS_VALUE",
            "RLP_LEADING_ZEROS_V",
            "RLP_LEADING_ZEROS_R",
            "RLP_LEADING_ZEROS_S",
            "RLP_LEADING_ZEROS_BASEFEE",
            "RLP_LEADING_ZEROS_PRIORITY_FEE"));
    m.put(
        TransactionError.RLP_UNEXPECTED_LIST,
        List.of(
            "RLP_INVALID_NONCE",
            "RLP_INVALID_GASLIMIT",
            "RLP_INVALID_TO",
            "RLP_INVALID_DATA",
            "RLP_INVALID_SIGNATURE_R",
            "RLP_INVALID_SIGNATURE_S",
            "RLP_INVALID_VALUE",
            "RLP_INVALID_GASPRICE"));
    m.put(TransactionError.RLP_EXPECTED_LIST, List.of("RLP_INVALID_HEADER"));
    m.put(TransactionError.RLP_TOO_FEW_FIELDS, List.of("RLP_TOO_FEW_ELEMENTS"));
    m.put(TransactionError.RLP_TOO_MANY_FIELDS, List.of("RLP_TOO_MANY_ELEMENTS"));
    m.put(TransactionError.NONCE_TOO_BIG, List.of("NONCE_IS_MAX"));
    m.put(TransactionError.GAS_LIMIT_OVERFLOW, List.of("GASLIMIT_OVERFLOW"));
    m.put(TransactionError.GAS_PRICE_OVERFLOW, List.of("GASPRICE_OVERFLOW"));
    m.put(TransactionError.PRIORITY_FEE_OVERFLOW, List.of("PRIORITY_OVERFLOW"));
    m.put(TransactionError.VALUE_OVERFLOW, List.of("RLP_INVALID_VALUE"));
    m.put(
        TransactionError.GAS_LIMIT_PRICE_PRODUCT_OVERFLOW,
        List.of("GASLIMIT_PRICE_PRODUCT_OVERFLOW"));
    m.put(
        TransactionError.PRIORITY_FEE_GREATER_THAN_MAX_FEE,
        List.of(
            "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS", "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2"));
    m.put(TransactionError.ADDRESS_TOO_SHORT, List.of("RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT"));
    m.put(TransactionError.ADDRESS_TOO_LONG, List.of("RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG"));
    m.put(
        TransactionError.STORAGE_KEY_TOO_SHORT,
        List.of("RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT"));
    m.put(
        TransactionError.STORAGE_KEY_TOO_LONG, List.of("RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG"));
    m.put(TransactionError.INVALID_SIGNATURE, List.of("INVALID_SIGNATURE_VRS"));
    m.put(TransactionError.SIGNATURE_RECOVERY_FAILED, List.of("EC_RECOVERY_FAIL"));
    m.put(TransactionError.INVALID_CHAIN_ID, List.of("INVALID_CHAINID"));
    m.put(TransactionError.BLOB_TX_CONTRACT_CREATION, List.of("TYPE_3_TX_CONTRACT_CREATION"));
    m.put(TransactionError.BLOB_HASHES_EMPTY, List.of("TYPE_3_TX_ZERO_BLOBS"));
    m.put(
        TransactionError.BLOB_COUNT_EXCEEDED,
        List.of("TYPE_3_TX_BLOB_COUNT_EXCEEDED", "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"));
    m.put(
        TransactionError.BLOB_HASH_VERSION_INVALID,
        List.of("TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"));
    return m;
  }
}
