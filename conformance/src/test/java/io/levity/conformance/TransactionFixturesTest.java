package io.levity.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs ethereum/tests TransactionTests through {@link TransactionFixtureRunner}; skipped when
 * absent.
 */
class TransactionFixturesTest {
  @Test
  void transactionTestsPass() {
    Path dir = FixtureRoot.require("TransactionTests");
    TransactionFixtureRunner runner = new TransactionFixtureRunner();
    RefTestSuite suite = new RefTestSuite(List.of(runner));
    RefTestSuite.Summary summary = suite.run(RefTestSuite.collect(List.of(dir)), o -> {});

    FixtureRoot.report("TransactionTests", summary, runner.categoryMismatches(), dir);
    assertThat(summary.passed()).as("passed cases").isPositive();
  }

  /**
   * Synthetic file: a valid legacy transfer (RightVRSTest) under a known, a later and an unknown
   * fork name.
   */
  @Test
  void laterForksAreSkippedUnknownForksFailAndOtherShapesAreNotClaimed() throws Exception {
    String json =
        """
        {"RightVRSTest": {
          "txbytes": "0xf85f030182520894b94f5374fce5edbc8e2a8697c15331677e6ebf0b0a801ca098ff921201554726367d2be8c804a7ff89ccf285ebc57dff8ae4c44b9c19ac4aa01887321be575c8095f789dd4c743dfe42c1820f9231f98a962b210e3ac2452a3",
          "result": {
            "Cancun": {"hash": "0x1cbb233404f49e96cb795d0ea74f485eca2c41a216e0ce80694cef4dd7a45b50",
                       "intrinsicGas": "0x5208", "sender": "0x58d79230fc81a042315da7d243272798e27cb40c"},
            "Prague": {"hash": "0x1cbb233404f49e96cb795d0ea74f485eca2c41a216e0ce80694cef4dd7a45b50",
                       "intrinsicGas": "0x5208", "sender": "0x58d79230fc81a042315da7d243272798e27cb40c"},
            "Byzantium": {"exception": "TransactionException.INVALID_SIGNATURE_VRS", "intrinsicGas": "0x00"},
            "Atlantis": {"exception": "TransactionException.INVALID_SIGNATURE_VRS", "intrinsicGas": "0x00"}}}}
        """;
    JsonNode root = new ObjectMapper().readTree(json);
    TransactionFixtureRunner runner = new TransactionFixtureRunner();
    assertThat(runner.recognizes(Path.of("x.json"), root)).isTrue();
    JsonNode rlpShape = new ObjectMapper().readTree("{\"a\": {\"in\": 1, \"out\": \"0x01\"}}");
    assertThat(runner.recognizes(Path.of("x.json"), rlpShape)).isFalse();
    List<String> events = new ArrayList<>();
    runner.run(Path.of("x.json"), root, FixtureRoot.recorder(events));
    assertThat(events).hasSize(4);
    assertThat(events.get(0)).isEqualTo("passed RightVRSTest[Cancun]");
    assertThat(events.get(1))
        .isEqualTo("skipped RightVRSTest[Prague]: fork Prague not implemented");
    assertThat(events.get(2))
        .startsWith(
            "failed RightVRSTest[Byzantium]: accepted a transaction expected to fail"
                + " with TransactionException.INVALID_SIGNATURE_VRS (sender 0x58")
        .endsWith("intrinsic gas 21000)");
    assertThat(events.get(3))
        .isEqualTo("failed RightVRSTest[Atlantis]: unknown fork name Atlantis");
  }
}
