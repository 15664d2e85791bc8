package io.levity.node.api;

import static io.levity.node.api.CallRpc.num;
import static io.levity.node.api.CallRpc.push;
import static io.levity.node.api.CallRpc.q;
import static io.levity.node.api.CallRpc.word;
import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eth_createAccessList: the accounts and slots a call touches, by go-ethereum's rules. */
class CreateAccessListTest {
  private static final Address A = Address.fromHex("0x" + "a1".repeat(20));
  private static final Address B = Address.fromHex("0x" + "b1".repeat(20));
  private static final Address IDENTITY = Address.fromHex("0x" + "00".repeat(19) + "04");

  private final CallRpc rpc = new CallRpc();

  /** STATICCALL(gas, to, 0, 0, 0, 0), result dropped. */
  private static String staticCall(Address to) {
    return "5f5f5f5f" + push(to) + "5a" + "fa" + "50";
  }

  /**
   * A reads its slots 1 and 2, BOB's balance, calls B (which reads its slot 5) and the identity
   * precompile, then stops.
   */
  private static String state() {
    String a =
        "0x600154"
            + "50"
            + "600254"
            + "50"
            + push(BOB)
            + "31"
            + "50"
            + staticCall(B)
            + staticCall(IDENTITY)
            + "00";
    String b = "0x600554" + "50" + "00";
    return "{" + q(A) + ":{\"code\":" + q(a) + "}," + q(B) + ":{\"code\":" + q(b) + "}}";
  }

  private static List<String> addresses(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : list) out.add(e.get("address").asText());
    return out;
  }

  private static JsonNode entry(JsonNode list, Address a) {
    for (JsonNode e : list) if (e.get("address").asText().equals(a.toHex())) return e;
    throw new AssertionError(a + " not in " + list);
  }

  @Test
  void listsTouchedAccountsAndSlotsButNotSenderOrPrecompiles() {
    String call = "{\"from\":" + q(ALICE.address()) + ",\"to\":" + q(A) + "}";
    JsonNode r = rpc.result("eth_createAccessList", "[" + call + ",\"latest\"," + state() + "]");
    JsonNode list = r.get("accessList");
    // The recipient stays for its slots; the sender and the precompile are left out.
    assertThat(addresses(list))
        .containsExactlyInAnyOrder(A.toHex(), BOB.toHex(), B.toHex())
        .doesNotContain(ALICE.address().toHex(), IDENTITY.toHex());
    assertThat(entry(list, A).get("storageKeys"))
        .extracting(JsonNode::asText)
        .containsExactly(word(1), word(2));
    assertThat(entry(list, B).get("storageKeys"))
        .extracting(JsonNode::asText)
        .containsExactly(word(5));
    assertThat(entry(list, BOB).get("storageKeys")).isEmpty();
    assertThat(r.has("error")).isFalse();

    // gasUsed is that of the call run with the returned list.
    String withList =
        "{\"from\":" + q(ALICE.address()) + ",\"to\":" + q(A) + ",\"accessList\":" + list + "}";
    long gasWithList =
        num(rpc.result("eth_estimateGas", "[" + withList + ",\"latest\"," + state() + "]"));
    long gasUsed = num(r.get("gasUsed"));
    assertThat(gasUsed).isGreaterThan(21_000).isLessThanOrEqualTo(gasWithList);
  }

  @Test
  void aRevertingCallReportsItsErrorWithTheList() {
    String call = "{\"to\":" + q(CONTRACT) + ",\"data\":\"0x01\"}";
    JsonNode r = rpc.result("eth_createAccessList", "[" + call + "]");
    assertThat(r.get("error").asText()).isEqualTo("execution reverted");
    assertThat(num(r.get("gasUsed"))).isGreaterThan(21_000);
    // The contract's own slot write is listed (for a successful call).
    JsonNode ok = rpc.result("eth_createAccessList", "[{\"to\":" + q(CONTRACT) + "}]");
    assertThat(entry(ok.get("accessList"), CONTRACT).get("storageKeys"))
        .extracting(JsonNode::asText)
        .containsExactly(word(1));
  }

  @Test
  void contractsTheCallCreatesAreLeftOut() {
    // CREATE(0, 0, 0) then SLOAD(3) of the recipient; the new contract is not listed.
    String creator = "0x5f5f5ff050" + "600354" + "50" + "00";
    String state = "{" + q(A) + ":{\"code\":" + q(creator) + "}}";
    JsonNode list =
        rpc.result("eth_createAccessList", "[{\"to\":" + q(A) + "},\"latest\"," + state + "]")
            .get("accessList");
    assertThat(addresses(list)).containsExactly(A.toHex());
    assertThat(entry(list, A).get("storageKeys"))
        .extracting(JsonNode::asText)
        .containsExactly(word(3));
  }

  @Test
  void overridesAreRefusedLikeEthCall() {
    JsonNode e =
        rpc.error(
            "eth_createAccessList",
            "[{\"to\":" + q(A) + "},\"latest\",{" + q(A) + ":{\"cod\":\"0x00\"}}]");
    assertThat(e.get("code").asInt()).isEqualTo(-32602);
  }
}
