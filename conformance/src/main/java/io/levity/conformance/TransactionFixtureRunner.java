package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Hex;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  private final RuleMismatches mismatches = new RuleMismatches();

  @Override
  public boolean recognizesCase(JsonNode test) {
    if (!test.path("txbytes").isTextual() || !test.path("result").isObject()) return false;
    if (!FixtureRunner.hasOnlyFields(test, TEST_KEYS)) return false;
    for (Map.Entry<String, JsonNode> fork : test.get("result").properties()) {
      JsonNode r = fork.getValue();
      boolean valid = r.path("hash").isTextual() && r.path("sender").isTextual();
      boolean invalid = r.path("exception").isTextual();
      if (!r.isObject() || valid == invalid) return false;
    }
    return true;
  }

  @Override
  public void runCase(Path file, String test, JsonNode body, CaseSink sink) {
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
      } else if (raw == null) {
        sink.failed(name, "fixture txbytes is not hex");
      } else {
        byte[] bytes = raw;
        sink.check(name, () -> check(bytes, fork.get(), f.getValue()));
      }
    }
  }

  /**
   * Expected exception -> the rule we raised instead, with the number of cases; empty when all
   * agreed.
   */
  public Map<String, Integer> categoryMismatches() {
    return mismatches.counts();
  }

  private String check(byte[] raw, Fork fork, JsonNode expected) {
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
        mismatches.note(ex.error(), exception);
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
    // A decoded transaction keeps the bytes it came from as its encoding: only sound if the
    // decoder accepts canonical encodings alone, which every valid fixture checks here.
    // (a copy made by withSignature has no kept bytes, so it encodes its fields afresh)
    Transaction fresh = v.transaction().withSignature(v.transaction().signature());
    if (!Arrays.equals(fresh.encode(), raw)) {
      wrong.add("re-encoding differs from the accepted bytes (the decoding is not canonical)");
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
}
