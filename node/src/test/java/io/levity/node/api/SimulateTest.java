package io.levity.node.api;

import static io.levity.node.api.CallRpc.num;
import static io.levity.node.api.CallRpc.q;
import static io.levity.node.api.CallRpc.returningOp;
import static io.levity.node.api.CallRpc.word;
import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;
import org.junit.jupiter.api.Test;

/** eth_simulateV1: blocks of calls on private state, with overrides, logs, errors and limits. */
class SimulateTest {
  private static final Address COUNTER = Address.fromHex("0x" + "c1".repeat(20));

  /**
   * Adds one to slot 0, logs the new value (LOG1, topic 0x01) and returns it: SLOAD(0) + 1, DUP,
   * SSTORE(0), DUP, MSTORE(0), LOG1(0, 32, 1), RETURN(0, 32).
   */
  private static final String COUNTER_CODE =
      "0x5f54600101" + "80" + "5f55" + "5f52" + "6001" + "6020" + "5f" + "a1" + "60205ff3";

  private final CallRpc rpc = new CallRpc();

  private static String counterCall() {
    return "{\"from\":" + q(ALICE.address()) + ",\"to\":" + q(COUNTER) + "}";
  }

  private static String installCounter() {
    return "\"stateOverrides\":{" + q(COUNTER) + ":{\"code\":" + q(COUNTER_CODE) + "}}";
  }

  private JsonNode simulate(String payload) {
    return rpc.result("eth_simulateV1", "[" + payload + ",\"latest\"]");
  }

  private JsonNode refused(String payload, int code) {
    JsonNode e = rpc.error("eth_simulateV1", "[" + payload + ",\"latest\"]");
    assertThat(e.get("code").asInt()).as("%s", e).isEqualTo(code);
    return e;
  }

  @Test
  void stateCarriesAcrossCallsAndBlocks() {
    JsonNode blocks =
        simulate(
            "{\"blockStateCalls\":[{"
                + installCounter()
                + ",\"calls\":["
                + counterCall()
                + ","
                + counterCall()
                + "]},{\"calls\":["
                + counterCall()
                + "]}]}");
    assertThat(blocks).hasSize(2);
    JsonNode b1 = blocks.get(0);
    JsonNode b2 = blocks.get(1);
    assertThat(num(b1.get("number"))).isEqualTo(3);
    assertThat(num(b2.get("number"))).isEqualTo(4);
    long headTime = rpc.chain.block2.header().timestamp();
    assertThat(num(b1.get("timestamp"))).isEqualTo(headTime + 12);
    assertThat(num(b2.get("timestamp"))).isEqualTo(headTime + 24);
    assertThat(b1.get("parentHash").asText()).isEqualTo(rpc.chain.block2.hash().toHex());
    assertThat(b2.get("parentHash").asText()).isEqualTo(b1.get("hash").asText());
    assertThat(b1.get("calls").get(0).get("returnData").asText()).isEqualTo(word(1));
    assertThat(b1.get("calls").get(1).get("returnData").asText()).isEqualTo(word(2));
    assertThat(b2.get("calls").get(0).get("returnData").asText()).isEqualTo(word(3));
    assertThat(b1.get("transactions")).hasSize(2);
    assertThat(b1.get("transactions").get(0).isTextual()).isTrue();

    // Logs: position, block hash, per-block log index.
    JsonNode log = b1.get("calls").get(1).get("logs").get(0);
    assertThat(log.get("address").asText()).isEqualTo(COUNTER.toHex());
    assertThat(log.get("topics").get(0).asText()).isEqualTo(word(1));
    assertThat(log.get("data").asText()).isEqualTo(word(2));
    assertThat(log.get("blockHash").asText()).isEqualTo(b1.get("hash").asText());
    assertThat(num(log.get("blockNumber"))).isEqualTo(3);
    assertThat(num(log.get("blockTimestamp"))).isEqualTo(headTime + 12);
    assertThat(num(log.get("logIndex"))).isEqualTo(1);
    assertThat(num(log.get("transactionIndex"))).isEqualTo(1);
    assertThat(log.get("transactionHash").asText())
        .isEqualTo(b1.get("transactions").get(1).asText());

    // Gas: the first increment writes a fresh slot; the block's gas is the sum of its calls'.
    long first = num(b1.get("calls").get(0).get("gasUsed"));
    long second = num(b1.get("calls").get(1).get("gasUsed"));
    assertThat(first).isGreaterThan(second).isGreaterThan(40_000);
    assertThat(num(b1.get("gasUsed"))).isEqualTo(first + second);
    assertThat(num(b1.get("calls").get(0).get("maxUsedGas"))).isEqualTo(first);
    assertThat(num(b1.get("calls").get(0).get("status"))).isEqualTo(1);
    assertThat(b1.get("calls").get(0).has("error")).isFalse();
    assertThat(num(b1.get("baseFeePerGas"))).isZero();

    // Nothing persisted.
    assertThat(rpc.result("eth_getCode", "[" + q(COUNTER) + ",\"latest\"]").asText())
        .isEqualTo("0x");
    assertThat(rpc.result("eth_blockNumber", "[]").asText()).isEqualTo("0x2");
  }

  @Test
  void aRevertIsReportedInItsCallAndTheBlockGoesOn() {
    String reverting = "{\"to\":" + q(CONTRACT) + ",\"data\":\"0x01\"}";
    JsonNode b =
        simulate(
                "{\"blockStateCalls\":[{"
                    + installCounter()
                    + ",\"calls\":["
                    + reverting
                    + ","
                    + counterCall()
                    + "]}]}")
            .get(0);
    JsonNode failed = b.get("calls").get(0);
    assertThat(num(failed.get("status"))).isZero();
    assertThat(failed.get("error").get("code").asInt()).isEqualTo(3);
    assertThat(failed.get("error").get("message").asText()).isEqualTo("execution reverted: nope");
    assertThat(failed.get("error").get("data").asText())
        .isEqualTo(failed.get("returnData").asText())
        .startsWith("0x08c379a0");
    assertThat(failed.get("logs")).isEmpty();
    assertThat(b.get("calls").get(1).get("returnData").asText()).isEqualTo(word(1));
    // An exceptional halt is -32015.
    JsonNode halted =
        simulate(
                "{\"blockStateCalls\":[{\"stateOverrides\":{"
                    + q(COUNTER)
                    + ":{\"code\":\"0xfe\"}},\"calls\":["
                    + counterCall()
                    + "]}]}")
            .get(0)
            .get("calls")
            .get(0);
    assertThat(halted.get("error").get("code").asInt()).isEqualTo(-32015);
  }

  @Test
  void blockOverridesNumbersGapsAndBlockHashes() {
    // Block 5 is asked for first: 3 and 4 are filled in empty, 12 seconds apart.
    String blockhashOf5 = "0x" + "6005" + "40" + "5f52" + "60205ff3";
    JsonNode blocks =
        simulate(
            "{\"blockStateCalls\":[{\"blockOverrides\":{\"number\":\"0x5\",\"time\":\"0x7fffffff\","
                + "\"feeRecipient\":"
                + q(BOB)
                + "},\"stateOverrides\":{"
                + q(COUNTER)
                + ":{\"code\":"
                + q(returningOp(0x43))
                + "}},\"calls\":["
                + counterCall()
                + "]},{\"stateOverrides\":{"
                + q(COUNTER)
                + ":{\"code\":"
                + q(blockhashOf5)
                + "}},\"calls\":["
                + counterCall()
                + "]}]}");
    assertThat(blocks).hasSize(4);
    assertThat(num(blocks.get(0).get("number"))).isEqualTo(3);
    assertThat(blocks.get(0).get("calls")).isEmpty();
    assertThat(num(blocks.get(2).get("number"))).isEqualTo(5);
    assertThat(num(blocks.get(2).get("timestamp"))).isEqualTo(0x7fffffffL);
    assertThat(blocks.get(2).get("miner").asText()).isEqualTo(BOB.toHex());
    assertThat(blocks.get(2).get("calls").get(0).get("returnData").asText()).isEqualTo(word(5));
    assertThat(blocks.get(3).get("calls").get(0).get("returnData").asText())
        .isEqualTo(blocks.get(2).get("hash").asText());

    refused(
        "{\"blockStateCalls\":[{\"blockOverrides\":{\"number\":\"0x2\"}}]}",
        Simulator.BLOCK_NUMBER_INVALID);
    refused(
        "{\"blockStateCalls\":[{\"blockOverrides\":{\"time\":\"0x1\"}}]}",
        Simulator.BLOCK_TIMESTAMP_INVALID);
  }

  @Test
  void validationChecksNoncesAndFundsAndTheDefaultDoesNot() {
    String poor = "0x" + "aa".repeat(20);
    String send = "{\"from\":\"" + poor + "\",\"to\":" + q(BOB) + ",\"value\":\"0x1\"}";
    refused("{\"blockStateCalls\":[{\"calls\":[" + send + "]}]}", -38014);
    String funded = "\"stateOverrides\":{\"" + poor + "\":{\"balance\":\"0xde0b6b3a7640000\"}}";
    JsonNode ok = simulate("{\"blockStateCalls\":[{" + funded + ",\"calls\":[" + send + "]}]}");
    assertThat(num(ok.get(0).get("calls").get(0).get("gasUsed"))).isEqualTo(21_000);

    String wrongNonce = "{\"from\":\"" + poor + "\",\"to\":" + q(BOB) + ",\"nonce\":\"0x5\"}";
    // Without validation the given nonce is not checked ...
    simulate("{\"blockStateCalls\":[{" + funded + ",\"calls\":[" + wrongNonce + "]}]}");
    // ... with it, it is, and the base fee follows EIP-1559 so fees must be paid.
    refused(
        "{\"validation\":true,\"blockStateCalls\":[{"
            + funded
            + ",\"calls\":["
            + wrongNonce.replace("}", ",\"maxFeePerGas\":\"0x3b9aca00\"}")
            + "]}]}",
        -38011);
    // A nonce override makes the same nonce right.
    String fundedAtFive = funded.replace("\"balance\"", "\"nonce\":\"0x5\",\"balance\"");
    JsonNode atFive =
        simulate(
            "{\"validation\":true,\"blockStateCalls\":[{"
                + fundedAtFive
                + ",\"calls\":["
                + wrongNonce.replace("}", ",\"maxFeePerGas\":\"0x3b9aca00\"}")
                + "]}]}");
    assertThat(num(atFive.get(0).get("calls").get(0).get("status"))).isEqualTo(1);
    JsonNode paid =
        simulate(
            "{\"validation\":true,\"blockStateCalls\":[{"
                + funded
                + ",\"calls\":["
                + send.replace("}", ",\"maxFeePerGas\":\"0x3b9aca00\"}")
                + "]}]}");
    assertThat(num(paid.get(0).get("baseFeePerGas"))).isPositive();
  }

  @Test
  void traceTransfersAddsTransferLogsAndFullTransactionsHaveSenders() {
    String send =
        "{\"from\":" + q(ALICE.address()) + ",\"to\":" + q(BOB) + ",\"value\":\"0x1234\"}";
    JsonNode b =
        simulate(
                "{\"traceTransfers\":true,\"returnFullTransactions\":true,\"blockStateCalls\":[{"
                    + installCounter()
                    + ",\"calls\":["
                    + send
                    + ","
                    + counterCall()
                    + "]}]}")
            .get(0);
    JsonNode logs = b.get("calls").get(0).get("logs");
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).get("address").asText()).isEqualTo("0x" + "ee".repeat(20));
    assertThat(logs.get(0).get("topics").get(0).asText())
        .isEqualTo(RecordingWorld.TRANSFER_TOPIC.toHex());
    assertThat(logs.get(0).get("topics").get(1).asText()).isEqualTo(word(ALICE.address()));
    assertThat(logs.get(0).get("topics").get(2).asText()).isEqualTo(word(BOB));
    assertThat(logs.get(0).get("data").asText()).isEqualTo(word(0x1234));
    // A call without value adds none.
    assertThat(b.get("calls").get(1).get("logs")).hasSize(1);
    JsonNode tx = b.get("transactions").get(0);
    assertThat(tx.get("from").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(tx.get("value").asText()).isEqualTo(UInt256.valueOf(0x1234).toHexQuantity());
    assertThat(tx.get("blockHash").asText()).isEqualTo(b.get("hash").asText());
  }

  @Test
  void tracedTransfersSitAmongTheContractLogsAndRevertedOnesAreDropped() {
    Address x = Address.fromHex("0x" + "e1".repeat(20));
    Address reverter = Address.fromHex("0x" + "e2".repeat(20));
    // LOG0; CALL BOB with 3 wei; CALL the reverter with 2 wei (it reverts); LOG0; STOP.
    String code =
        "0x5f5fa0"
            + "5f5f5f5f6003"
            + CallRpc.push(BOB)
            + "5af150"
            + "5f5f5f5f6002"
            + CallRpc.push(reverter)
            + "5af150"
            + "5f5fa0"
            + "00";
    String payload =
        "{\"traceTransfers\":true,\"blockStateCalls\":[{\"stateOverrides\":{"
            + q(x)
            + ":{\"code\":"
            + q(code)
            + "},"
            + q(reverter)
            + ":{\"code\":\"0x5f5ffd\"}},\"calls\":[{\"from\":"
            + q(ALICE.address())
            + ",\"to\":"
            + q(x)
            + ",\"value\":\"0xa\"}]}]}";
    JsonNode logs = simulate(payload).get(0).get("calls").get(0).get("logs");
    assertThat(logs).hasSize(4);
    String eee = "0x" + "ee".repeat(20);
    assertThat(logs.get(0).get("address").asText()).isEqualTo(eee);
    assertThat(logs.get(0).get("data").asText()).isEqualTo(word(10));
    assertThat(logs.get(1).get("address").asText()).isEqualTo(x.toHex());
    assertThat(logs.get(2).get("address").asText()).isEqualTo(eee);
    assertThat(logs.get(2).get("topics").get(1).asText()).isEqualTo(word(x));
    assertThat(logs.get(2).get("topics").get(2).asText()).isEqualTo(word(BOB));
    assertThat(logs.get(2).get("data").asText()).isEqualTo(word(3));
    assertThat(logs.get(3).get("address").asText()).isEqualTo(x.toHex());
    for (int i = 0; i < 4; i++) assertThat(num(logs.get(i).get("logIndex"))).isEqualTo(i);
    // Without the flag, only the contract's logs.
    JsonNode plain =
        simulate(payload.replace("\"traceTransfers\":true", "\"traceTransfers\":false"))
            .get(0)
            .get("calls")
            .get(0)
            .get("logs");
    assertThat(plain).hasSize(2);
  }

  @Test
  void limitsOnBlocksCallsAndGas() {
    StringBuilder many = new StringBuilder("{\"blockStateCalls\":[");
    for (int i = 0; i <= SimulatePayload.MAX_BLOCKS; i++) many.append(i == 0 ? "{}" : ",{}");
    refused(many.append("]}").toString(), SimulatePayload.CLIENT_LIMIT_EXCEEDED);
    assertThat(simulate("{\"blockStateCalls\":[{\"blockOverrides\":{\"number\":\"0x102\"}}]}"))
        .hasSize(256);
    refused(
        "{\"blockStateCalls\":[{\"blockOverrides\":{\"number\":\"0x103\"}}]}",
        SimulatePayload.CLIENT_LIMIT_EXCEEDED);

    StringBuilder calls = new StringBuilder("{\"blockStateCalls\":[{\"calls\":[");
    for (int i = 0; i <= SimulatePayload.MAX_CALLS; i++) calls.append(i == 0 ? "{}" : ",{}");
    refused(calls.append("]}]}").toString(), SimulatePayload.CLIENT_LIMIT_EXCEEDED);

    refused("{\"blockStateCalls\":[],\"validate\":true}", -32602);
    refused("{\"blockStateCalls\":[{\"call\":[]}]}", -32602);

    // The gas of all calls together is capped at the call gas cap.
    EthApi.Config d = EthApi.Config.DEFAULT;
    CallRpc small =
        new CallRpc(
            new EthApi.Config(
                d.clientVersion(),
                d.fork(),
                50_000,
                d.maxLogBlockRange(),
                d.maxLogs(),
                d.defaultPriorityFee()));
    String transfer = "{\"to\":" + q(BOB) + "}";
    String two = "{\"blockStateCalls\":[{\"calls\":[" + transfer + "," + transfer + "]}]}";
    assertThat(small.result("eth_simulateV1", "[" + two + "]").get(0).get("calls")).hasSize(2);
    JsonNode e =
        small.error(
            "eth_simulateV1",
            "[{\"blockStateCalls\":[{\"calls\":["
                + transfer
                + ","
                + transfer
                + "]},{\"calls\":["
                + transfer
                + "]}]}]");
    assertThat(e.get("code").asInt()).isEqualTo(SimulatePayload.CLIENT_LIMIT_EXCEEDED);
    assertThat(e.get("message").asText()).contains("gas allowance of 50000");
  }
}
