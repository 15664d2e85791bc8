package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.evm.BlockContext;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.Logs;
import io.levity.execution.state.StateRoots;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GeneralStateTests: {@code {name: {env, pre, transaction, post: {Fork: [{indexes, hash, logs,
 * txbytes, expectException?}]}, _info?, config?}}}. Each entry of {@code post.Cancun} is one case,
 * named {@code name[Cancun#i]}: its {@code txbytes} are decoded, validated and applied to the
 * {@code pre} state with {@link StateTransition} on chain id 1, then the state root must equal
 * {@code hash} and the logs hash {@code logs}. An expected exception passes on any rejection
 * (decoding included), provided the state is left as it was (its root is still {@code hash}); a
 * rejection for another rule than the fixture names is counted in {@link #categoryMismatches()}.
 * Entries of other forks are skipped.
 *
 * <p>BLOCKHASH(n) reads keccak256 of n in decimal ASCII, as the reference state-test runners define
 * it. Thread-safe: each thread gets its own {@link StateTransition}.
 */
public final class StateTestFixtureRunner implements FixtureRunner {
  /** The chain id state-test transactions are signed for. */
  public static final long FIXTURE_CHAIN_ID = 1;

  /** The only fork whose entries run. */
  public static final Fork FORK = Fork.CANCUN;

  private static final Set<String> TEST_KEYS =
      Set.of("_info", "env", "pre", "transaction", "post", "config");

  private final ThreadLocal<StateTransition> transitions =
      ThreadLocal.withInitial(() -> new StateTransition(FORK, FIXTURE_CHAIN_ID));
  private final RuleMismatches mismatches = new RuleMismatches();

  @Override
  public boolean recognizesCase(JsonNode test) {
    for (String key : List.of("env", "pre", "transaction", "post")) {
      if (!test.path(key).isObject()) return false;
    }
    if (!FixtureRunner.hasOnlyFields(test, TEST_KEYS)) return false;
    for (Map.Entry<String, JsonNode> fork : test.get("post").properties()) {
      if (!fork.getValue().isArray()) return false;
    }
    return true;
  }

  @Override
  public void runCase(Path file, String test, JsonNode body, CaseSink sink) {
    StateTestEnvironment env = null;
    String setupError = null;
    try {
      env = StateTestEnvironment.parse(body.get("env"), body.get("pre"), FIXTURE_CHAIN_ID);
    } catch (RuntimeException ex) {
      setupError = "cannot read env or pre: " + ex;
    }
    for (Map.Entry<String, JsonNode> fork : body.get("post").properties()) {
      JsonNode entries = fork.getValue();
      for (int i = 0; i < entries.size(); i++) {
        String name = test + "[" + fork.getKey() + "#" + i + "]";
        if (!fork.getKey().equals(FORK.fixtureName())) {
          sink.skipped(name, "fork " + fork.getKey() + ": only " + FORK.fixtureName() + " is run");
        } else if (setupError != null) {
          sink.failed(name, setupError);
        } else {
          StateTestEnvironment caseEnv = env;
          JsonNode entry = entries.get(i);
          sink.check(name, () -> checkEntry(caseEnv, entry));
        }
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

  /** Null when the entry passes, else what differed, after the entry's indexes. */
  private String checkEntry(StateTestEnvironment env, JsonNode entry) {
    String reason;
    try {
      reason = check(env, entry);
    } catch (RuntimeException | StackOverflowError ex) {
      reason = "unexpected " + ex;
    }
    return reason == null ? null : indexes(entry) + ": " + reason;
  }

  /** Null when the entry passes, else what differed. */
  private String check(StateTestEnvironment env, JsonNode entry) {
    String expectedRoot = entry.path("hash").asText();
    String expectedLogs = entry.path("logs").asText();
    String expectException =
        entry.hasNonNull("expectException") ? entry.get("expectException").asText() : null;
    Transaction tx;
    try {
      tx = TransactionDecoder.decode(Hex.decode(entry.path("txbytes").asText()));
    } catch (InvalidTransactionException ex) {
      if (expectException == null) return "txbytes do not decode: " + ex.getMessage();
      mismatches.note(ex.error(), expectException);
      return compareRoot(
          env.preStateRoot(), expectedRoot, "pre-state after the rejected transaction");
    }
    InMemoryWorld world = env.newWorld();
    world.beginTransaction();
    BlockContext block = env.block();
    TransactionResult result = transitions.get().apply(world, block, tx);
    return switch (result) {
      case TransactionResult.Rejected r -> {
        if (expectException == null) yield "rejected a valid transaction: " + r;
        mismatches.note(r.error(), expectException);
        yield compareRoot(
            StateRoots.stateRoot(world), expectedRoot, "state after the rejected transaction");
      }
      case TransactionResult.Executed x -> {
        if (expectException != null) {
          yield "accepted a transaction expected to fail with "
              + expectException
              + " ("
              + x.describe()
              + ", gas used "
              + x.gasUsed()
              + ")";
        }
        List<String> wrong = new ArrayList<>();
        Bytes32 root = StateRoots.stateRoot(world);
        if (!root.toHex().equalsIgnoreCase(expectedRoot))
          wrong.add("state root " + root + ", expected " + expectedRoot);
        Bytes32 logs = Logs.hash(x.logs());
        if (!logs.toHex().equalsIgnoreCase(expectedLogs)) {
          wrong.add(
              "logs hash " + logs + " (" + x.logs().size() + " logs), expected " + expectedLogs);
        }
        yield wrong.isEmpty()
            ? null
            : String.join("; ", wrong) + " [" + x.describe() + ", gas used " + x.gasUsed() + "]";
      }
    };
  }

  private static String compareRoot(Bytes32 root, String expected, String what) {
    return root.toHex().equalsIgnoreCase(expected)
        ? null
        : what + " has root " + root + ", expected " + expected;
  }

  private static String indexes(JsonNode entry) {
    JsonNode ix = entry.path("indexes");
    return "data="
        + ix.path("data").asText("?")
        + " gas="
        + ix.path("gas").asText("?")
        + " value="
        + ix.path("value").asText("?");
  }
}
