package io.levity.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs ethereum/tests GeneralStateTests (Cancun entries) through {@link StateTestFixtureRunner}. By
 * default ({@code full}) only the two fixtures that measure speed are left out ({@link #SPEED}:
 * about 99.9% of the Cancun cases run); {@code -Dlevity.statetests=quick} also leaves out the slow
 * folders ({@link #SLOW}), {@code -Dlevity.statetests=all} runs every file, and any other value
 * runs the files whose path contains it. Skipped when the fixtures are absent.
 */
class StateFixturesTest {
  /**
   * Left out of the default run, measured on 2 shared cores: stTimeConsuming (5190 cases, about 280
   * s, most of it one BLAKE2F call of 2^32-1 rounds), VMTests/vmPerformance (23 cases, about 65 s)
   * and stQuadraticComplexityTest (32 cases, about 12 s). Everything else (about 13,400 cases)
   * takes about a minute.
   */
  static final List<String> SLOW =
      List.of("stTimeConsuming", "vmPerformance", "stQuadraticComplexityTest");

  /**
   * What only measures speed (minutes of one BLAKE2F call or loop): left out of the default {@code
   * full}.
   */
  static final List<String> SPEED =
      List.of("stTimeConsuming/CALLBlake2f_MaxRounds", "vmPerformance");

  @Test
  void cancunStateTestsPass() {
    Path dir = FixtureRoot.require("GeneralStateTests");
    String mode = System.getProperty("levity.statetests", "full");
    List<String> leftOut =
        switch (mode) {
          case "all" -> List.of();
          case "quick" -> SLOW;
          default -> SPEED;
        };
    boolean named = !List.of("quick", "full", "all").contains(mode);
    List<Path> files =
        RefTestSuite.collect(List.of(dir)).stream()
            .filter(
                f -> {
                  String rel = dir.relativize(f).toString();
                  return named ? rel.contains(mode) : leftOut.stream().noneMatch(rel::contains);
                })
            .toList();
    StateTestFixtureRunner runner = new StateTestFixtureRunner();
    RefTestSuite.Summary summary = new RefTestSuite(List.of(runner)).run(files, o -> {}, 2);

    String selection =
        named
            ? "files matching " + mode
            : leftOut.isEmpty() ? "all files" : "without " + String.join(", ", leftOut);
    FixtureRoot.report(
        "GeneralStateTests (Cancun, " + selection + ")", summary, runner.categoryMismatches(), dir);
    assertThat(summary.passed())
        .as("passed cases")
        .isGreaterThan(named ? 0 : leftOut == SLOW ? 13_000 : 18_000);
  }

  /** Running on two threads reports the same outcomes in the same order as running on one. */
  @Test
  void parallelRunsReportInTheSequentialOrder() {
    Path dir = FixtureRoot.require("GeneralStateTests");
    List<Path> files =
        RefTestSuite.collect(
            List.of(
                dir.resolve("stExample"),
                dir.resolve("stChainId"),
                dir.resolve("VMTests/vmLogTest")));
    RefTestSuite suite = RefTestSuite.standard();
    List<RefTestSuite.Outcome> sequential = new ArrayList<>();
    List<RefTestSuite.Outcome> parallel = new ArrayList<>();
    suite.run(files, sequential::add, 1);
    suite.run(files, parallel::add, 2);
    assertThat(parallel).isEqualTo(sequential).hasSizeGreaterThan(50);
  }

  /**
   * stExample/add11 (no fixtures needed): entry 0 as filled; entry 1 with a wrong root; entry 2
   * expects an exception and its txbytes do not decode; entry 3 expects an exception the valid
   * transaction does not raise; a Prague entry is skipped.
   */
  @Test
  void casesAreNamedCheckedAndSkippedPerFork() throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ADD11);
    ObjectNode test = (ObjectNode) root.get("add11");
    ArrayNode cancun = (ArrayNode) test.get("post").get("Cancun");
    ObjectNode good = (ObjectNode) cancun.get(0);
    cancun.add(good.deepCopy().put("hash", "0x" + "00".repeat(32)));
    cancun.add(
        good.deepCopy()
            .put("txbytes", "0xc1")
            .put("expectException", "TransactionException.RLP_ERROR")
            .put("hash", PRE_ROOT));
    cancun.add(
        good.deepCopy().put("expectException", "TransactionException.INTRINSIC_GAS_TOO_LOW"));
    ((ObjectNode) test.get("post")).set("Prague", cancun.deepCopy());

    StateTestFixtureRunner runner = new StateTestFixtureRunner();
    assertThat(runner.recognizes(Path.of("add11.json"), root)).isTrue();
    List<String> events = run(runner, root);

    assertThat(events).hasSize(8);
    assertThat(events.get(0)).isEqualTo("passed add11[Cancun#0]");
    assertThat(events.get(1))
        .isEqualTo(
            "failed add11[Cancun#1]: data=0 gas=0 value=0: state root "
                + POST_ROOT
                + ", expected 0x"
                + "00".repeat(32)
                + " [success, gas used 43112]");
    assertThat(events.get(2)).isEqualTo("passed add11[Cancun#2]");
    assertThat(events.get(3))
        .isEqualTo(
            "failed add11[Cancun#3]: data=0 gas=0 value=0: accepted a transaction"
                + " expected to fail with TransactionException.INTRINSIC_GAS_TOO_LOW (success, gas used 43112)");
    assertThat(events.subList(4, 8))
        .allMatch(
            e ->
                e.startsWith("skipped add11[Prague#")
                    && e.endsWith(": fork Prague: only Cancun is run"));
  }

  @Test
  void runnersClaimOnlyTheirOwnShapes() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode state = json.readTree(ADD11);
    JsonNode tx = json.readTree("{\"t\": {\"txbytes\": \"0x00\", \"result\": {}}}");
    JsonNode rlp = json.readTree("{\"a\": {\"in\": 1, \"out\": \"0x01\"}}");
    StateTestFixtureRunner stateRunner = new StateTestFixtureRunner();
    assertThat(stateRunner.recognizes(Path.of("x.json"), tx)).isFalse();
    assertThat(stateRunner.recognizes(Path.of("x.json"), rlp)).isFalse();
    assertThat(new TransactionFixtureRunner().recognizes(Path.of("x.json"), state)).isFalse();
    assertThat(new RlpFixtureRunner().recognizes(Path.of("x.json"), state)).isFalse();
    ObjectNode extraKey = (ObjectNode) state.deepCopy();
    ((ObjectNode) extraKey.get("add11")).put("blocks", "x");
    assertThat(stateRunner.recognizes(Path.of("x.json"), extraKey)).isFalse();
  }

  private static List<String> run(FixtureRunner runner, JsonNode root) {
    List<String> events = new ArrayList<>();
    runner.run(Path.of("add11.json"), root, FixtureRoot.recorder(events));
    return events;
  }

  private static final String PRE_ROOT =
      "0x4c9c6cf002e6a88a5444662ca9ceb6a116b7b69ced38c470bf6e4a12a6313967";
  private static final String POST_ROOT =
      "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530";

  /** ethereum/tests GeneralStateTests/stExample/add11.json, without its _info section. */
  private static final String ADD11 =
      """
      {"add11": {
        "env": {"currentBaseFee": "0x0a", "currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
                "currentDifficulty": "0x020000", "currentExcessBlobGas": "0x00", "currentGasLimit": "0xff112233445566",
                "currentNumber": "0x01",
                "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
                "currentTimestamp": "0x03e8"},
        "post": {"Cancun": [{
          "hash": "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
          "indexes": {"data": 0, "gas": 0, "value": 0},
          "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
          "txbytes": "0xf863800a83061a8094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a0801ba0ffb600e63115a7362e7811894a91d8ba4330e526f22121c994c4692035dfdfd5a06198379fcac8de3dbfac48b165df4bf88e2088f294b61efb9a65fe2281c76e16"}]},
        "pre": {
          "0x095e7baea6a6c7c4c2dfeb977efac326af552d87": {"balance": "0x0de0b6b3a7640000",
              "code": "0x600160010160005500", "nonce": "0x00", "storage": {}},
          "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba": {"balance": "0x00", "code": "0x", "nonce": "0x01",
              "storage": {}},
          "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x0de0b6b3a7640000", "code": "0x",
              "nonce": "0x00", "storage": {}}},
        "transaction": {"data": ["0x"], "gasLimit": ["0x061a80"], "gasPrice": "0x0a", "nonce": "0x00",
          "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
          "sender": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
          "to": "0x095e7baea6a6c7c4c2dfeb977efac326af552d87", "value": ["0x0186a0"]}}}
      """;
}
