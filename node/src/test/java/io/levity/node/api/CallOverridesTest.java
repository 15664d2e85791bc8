package io.levity.node.api;

import static io.levity.node.api.CallRpc.num;
import static io.levity.node.api.CallRpc.push;
import static io.levity.node.api.CallRpc.q;
import static io.levity.node.api.CallRpc.returning;
import static io.levity.node.api.CallRpc.returningOp;
import static io.levity.node.api.CallRpc.word;
import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CONTRACT;
import static io.levity.node.api.TestChain.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.evm.ContractAddress;
import org.junit.jupiter.api.Test;

/** eth_call and eth_estimateGas with state overrides (third parameter) and block overrides. */
class CallOverridesTest {
  private static final Address PROBE = Address.fromHex("0x" + "99".repeat(20));

  private final CallRpc rpc = new CallRpc();

  /** eth_call to the probe with the given code, then the given state and block overrides. */
  private String call(String code, String extraState, String blockOverrides) {
    String state =
        "{"
            + q(PROBE)
            + ":{\"code\":"
            + q(code)
            + "}"
            + (extraState.isEmpty() ? "" : ",")
            + extraState
            + "}";
    String params =
        "[{\"to\":"
            + q(PROBE)
            + "},\"latest\","
            + state
            + (blockOverrides == null ? "" : "," + blockOverrides)
            + "]";
    return rpc.result("eth_call", params).asText();
  }

  private JsonNode refused(String stateOverride, String blockOverride) {
    String params =
        "[{\"to\":"
            + q(BOB)
            + "},\"latest\","
            + stateOverride
            + (blockOverride == null ? "" : "," + blockOverride)
            + "]";
    JsonNode e = rpc.error("eth_call", params);
    assertThat(e.get("code").asInt()).isEqualTo(-32602);
    return e;
  }

  @Test
  void codeOverrideRunsTheGivenCode() {
    assertThat(rpc.result("eth_call", "[{\"to\":" + q(PROBE) + "}]").asText()).isEqualTo("0x");
    assertThat(call(returning("602a"), "", null)).isEqualTo(word(42));
  }

  @Test
  void balanceOverrideIsWhatBalanceReads() {
    String code = returning(push(BOB) + "31");
    assertThat(call(code, "", null)).isEqualTo(word(1000));
    assertThat(call(code, q(BOB) + ":{\"balance\":\"0x1234\"}", null)).isEqualTo(word(0x1234));
    // Not persisted.
    assertThat(rpc.result("eth_getBalance", "[" + q(BOB) + ",\"latest\"]").asText())
        .isEqualTo("0x3e8");
  }

  @Test
  void nonceOverrideMovesWhereTheProbeCreates() {
    // CREATE(0, 0, 0): an empty contract at keccak(rlp(probe, nonce)).
    String code = returning("5f5f5ff0");
    String withNonce = "{" + q(PROBE) + ":{\"code\":" + q(code) + ",\"nonce\":\"0x7\"}}";
    String answer =
        rpc.result("eth_call", "[{\"to\":" + q(PROBE) + "},\"latest\"," + withNonce + "]").asText();
    assertThat(answer).isEqualTo(word(ContractAddress.create(PROBE, 7)));
    assertThat(call(code, "", null)).isEqualTo(word(ContractAddress.create(PROBE, 0)));
  }

  @Test
  void codeOverrideChangesCodeSize() {
    String code = returning(push(CONTRACT) + "3b");
    assertThat(call(code, "", null)).isEqualTo(word(RUNTIME.size()));
    assertThat(call(code, q(CONTRACT) + ":{\"code\":\"0x00aabb\"}", null)).isEqualTo(word(3));
  }

  @Test
  void stateReplacesAllStorageAndStateDiffChangesSlots() {
    // Returns SLOAD(1) and SLOAD(2) of the contract, whose slot 1 is 42 on chain.
    String probe = "0x600154" + "5f52" + "600254" + "602052" + "60405ff3";
    String base = "{" + q(CONTRACT) + ":{\"code\":" + q(probe);
    String none = answer(base + "}}");
    String diff = answer(base + ",\"stateDiff\":{\"0x2\":" + q(word(7)) + "}}}");
    String state = answer(base + ",\"state\":{" + q(word(2)) + ":\"0x07\"}}}");
    assertThat(none).isEqualTo(word(42) + word(0).substring(2));
    assertThat(diff).isEqualTo(word(42) + word(7).substring(2));
    assertThat(state).isEqualTo(word(0) + word(7).substring(2));
    assertThat(rpc.result("eth_getStorageAt", "[" + q(CONTRACT) + ",\"0x1\",\"latest\"]").asText())
        .isEqualTo(word(42));
  }

  private String answer(String stateOverride) {
    return rpc.result("eth_call", "[{\"to\":" + q(CONTRACT) + "},\"latest\"," + stateOverride + "]")
        .asText();
  }

  @Test
  void blockOverridesChangeWhatTheBlockOpcodesRead() {
    String coinbase = word(Address.fromHex("0x" + "cb".repeat(20)));
    assertThat(call(returningOp(0x43), "", "{\"number\":\"0x99\"}")).isEqualTo(word(0x99));
    assertThat(call(returningOp(0x43), "", null)).isEqualTo(word(2));
    assertThat(call(returningOp(0x42), "", "{\"time\":\"0x5000\"}")).isEqualTo(word(0x5000));
    assertThat(call(returningOp(0x45), "", "{\"gasLimit\":\"0x1c9c381\"}"))
        .isEqualTo(word(0x1c9c381));
    assertThat(call(returningOp(0x41), "", "{\"feeRecipient\":\"0x" + "cb".repeat(20) + "\"}"))
        .isEqualTo(coinbase);
    assertThat(call(returningOp(0x41), "", "{\"coinbase\":\"0x" + "cb".repeat(20) + "\"}"))
        .isEqualTo(coinbase);
    assertThat(call(returningOp(0x44), "", "{\"prevRandao\":" + q(word(0xabc)) + "}"))
        .isEqualTo(word(0xabc));
    assertThat(call(returningOp(0x44), "", "{\"random\":" + q(word(0xdef)) + "}"))
        .isEqualTo(word(0xdef));
    assertThat(call(returningOp(0x4a), "", "{\"blobBaseFee\":\"0x77\"}")).isEqualTo(word(0x77));
  }

  @Test
  void baseFeeOverrideAppliesToCallsThatPayFees() {
    String code = returningOp(0x48);
    String state =
        "{"
            + q(PROBE)
            + ":{\"code\":"
            + q(code)
            + "},"
            + q(BOB)
            + ":{\"balance\":\"0xde0b6b3a7640000\"}}";
    String paying =
        "[{\"from\":" + q(BOB) + ",\"to\":" + q(PROBE) + ",\"maxFeePerGas\":\"0x100\"},\"latest\",";
    assertThat(rpc.result("eth_call", paying + state + ",{\"baseFeePerGas\":\"0x64\"}]").asText())
        .isEqualTo(word(0x64));
    // As in go-ethereum, a call without fees runs at a zero base fee whatever the override.
    assertThat(call(code, "", "{\"baseFeePerGas\":\"0x64\"}")).isEqualTo(word(0));
    // A fee cap below the overridden base fee is the usual rejection.
    JsonNode e = rpc.error("eth_call", paying + state + ",{\"baseFeePerGas\":\"0x101\"}]");
    assertThat(e.get("message").asText()).contains("max fee per gas less than block base fee");
  }

  @Test
  void estimateGasSeesOverriddenCodeAndGasLimit() {
    // SSTORE(0, 1): a fresh slot costs 22100 on top of the 21000.
    String state = "{" + q(PROBE) + ":{\"code\":\"0x60015f5500\"}}";
    String req = "{\"from\":" + q(ALICE.address()) + ",\"to\":" + q(PROBE) + "}";
    assertThat(num(rpc.result("eth_estimateGas", "[" + req + "]"))).isEqualTo(21_000);
    long est = num(rpc.result("eth_estimateGas", "[" + req + ",\"latest\"," + state + "]"));
    assertThat(est).isGreaterThan(43_000).isLessThan(46_000);
    JsonNode e =
        rpc.error(
            "eth_estimateGas", "[" + req + ",\"latest\"," + state + ",{\"gasLimit\":\"0x7530\"}]");
    assertThat(e.get("message").asText()).startsWith("gas required exceeds allowance (30000)");
  }

  @Test
  void unknownFieldsAndContradictionsAreRefused() {
    String bob = q(BOB);
    assertThat(refused("{" + bob + ":{\"balanse\":\"0x1\"}}", null).get("message").asText())
        .contains("unknown field \"balanse\"");
    assertThat(
            refused("{" + bob + ":{\"state\":{},\"stateDiff\":{}}}", null).get("message").asText())
        .contains("both state and stateDiff");
    assertThat(
            refused("{" + bob + ":{\"movePrecompileToAddress\":" + bob + "}}", null)
                .get("message")
                .asText())
        .contains("movePrecompileToAddress is not supported");
    assertThat(refused("{}", "{\"numbr\":\"0x1\"}").get("message").asText())
        .contains("unknown field \"numbr\"");
    assertThat(refused("{}", "{\"difficulty\":\"0x1\"}").get("message").asText())
        .contains("prevRandao");
    assertThat(
            refused("{}", "{\"coinbase\":" + bob + ",\"feeRecipient\":" + bob + "}")
                .get("message")
                .asText())
        .contains("given twice");
    assertThat(refused("[]", null).get("message").asText()).contains("must be an object");
    String ecrecover = q("0x" + "00".repeat(19) + "01");
    assertThat(refused("{" + ecrecover + ":{\"code\":\"0x00\"}}", null).get("message").asText())
        .contains("precompile");
    // A precompile's balance may be overridden.
    rpc.result(
        "eth_call",
        "[{\"to\":" + q(BOB) + "},\"latest\",{" + ecrecover + ":{\"balance\":\"0x1\"}}]");
    assertThat(refused("{" + bob + ":{\"nonce\":\"7\"}}", null).get("message").asText())
        .contains("nonce");
  }

  @Test
  void limitsOnAccountsSlotsAndCodeSize() {
    String big = "0x" + "00".repeat(StateOverrides.MAX_CODE_SIZE + 1);
    assertThat(refused("{" + q(BOB) + ":{\"code\":\"" + big + "\"}}", null).get("message").asText())
        .contains("24577 bytes; the limit is 24576");
    String atLimit = "0x" + "00".repeat(StateOverrides.MAX_CODE_SIZE);
    rpc.result(
        "eth_call",
        "[{\"to\":" + q(BOB) + "},\"latest\",{" + q(BOB) + ":{\"code\":\"" + atLimit + "\"}}]");

    StringBuilder accounts = new StringBuilder("{");
    for (int i = 0; i <= StateOverrides.MAX_ACCOUNTS; i++) {
      if (i > 0) accounts.append(',');
      accounts.append(q(String.format("0x%040x", i + 1))).append(":{\"balance\":\"0x1\"}");
    }
    assertThat(refused(accounts.append('}').toString(), null).get("message").asText())
        .contains("1001 accounts; the limit is 1000");

    StringBuilder slots = new StringBuilder("{" + q(BOB) + ":{\"stateDiff\":{");
    for (int i = 0; i <= StateOverrides.MAX_SLOTS; i++) {
      if (i > 0) slots.append(',');
      slots.append(q(word(i))).append(":\"0x1\"");
    }
    assertThat(refused(slots.append("}}}").toString(), null).get("message").asText())
        .contains("the limit is 10000");
  }
}
