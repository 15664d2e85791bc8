package io.levity.node.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.core.tx.TransactionSigner;
import io.levity.node.keys.DevAccounts;
import io.levity.node.rpc.RpcException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevNodeTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final List<Secp256k1.KeyPair> KEYS = DevAccounts.dev(3);
  private static final String A0 = KEYS.get(0).address().toHex();
  private static final String A1 = KEYS.get(1).address().toHex();
  private static final String OTHER = "0x00000000000000000000000000000000000000aa";

  /** Virtual wall clock: 2026-01-01, moved by the test only. */
  private final AtomicLong millis = new AtomicLong(1_767_225_600_000L);

  private final TimeSource time =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return millis.get() * 1_000_000;
        }

        @Override
        public long epochMillis() {
          return millis.get();
        }
      };

  private final DevNode node =
      new DevNode(new DevNode.Config(1337, KEYS, 10_000, 30_000_000L), time);

  @AfterEach
  void close() {
    node.close();
  }

  private JsonNode call(String method, Object... params) {
    JsonNode res = raw(method, params);
    if (res.has("error")) throw new AssertionError(method + ": " + res.get("error"));
    return res.get("result");
  }

  private JsonNode raw(String method, Object... params) {
    ObjectNode req = M.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) p.add(M.valueToTree(o));
    return node.rpc().handleOne(req);
  }

  private int errorCode(String method, Object... params) {
    return raw(method, params).path("error").path("code").asInt();
  }

  private long blockNumber() {
    return Long.decode(call("eth_blockNumber").asText());
  }

  private JsonNode head() {
    return call("eth_getBlockByNumber", "latest", false);
  }

  private String transfer(int from, int nonce, String to, long wei) {
    TransactionSigner s = new TransactionSigner(KEYS.get(from));
    var tx =
        s.transfer(
            1337,
            nonce,
            address(to),
            UInt256.valueOf(wei),
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L));
    return call("eth_sendRawTransaction", Hex.encode(tx.encode())).asText();
  }

  private static Address address(String hex) {
    return Address.of(Bytes.fromHex(hex));
  }

  @Test
  void automineSealsEachTransactionBeforeTheSendAnswers() {
    assertThat(blockNumber()).isZero();
    String hash = transfer(0, 0, OTHER, 5);
    assertThat(blockNumber()).isEqualTo(1);
    JsonNode receipt = call("eth_getTransactionReceipt", hash);
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    assertThat(receipt.get("blockNumber").asText()).isEqualTo("0x1");
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0x5");
    transfer(0, 1, OTHER, 5);
    assertThat(blockNumber()).isEqualTo(2);
    assertThat(call("web3_clientVersion").asText()).isEqualTo(DevNode.CLIENT_VERSION);
  }

  @Test
  void automineRefusesANonceGapInsteadOfQueueing() {
    JsonNode err = raw("eth_sendRawTransaction", rawTransfer(0, 3)).get("error");
    assertThat(err.get("message").asText()).contains("nonce").contains("automining");
    assertThat(blockNumber()).isZero();
    assertThat(call("eth_getTransactionCount", A0, "pending").asText()).isEqualTo("0x0");
  }

  private String rawTransfer(int from, int nonce) {
    TransactionSigner s = new TransactionSigner(KEYS.get(from));
    return Hex.encode(
        s.transfer(
                1337,
                nonce,
                address(OTHER),
                UInt256.ONE,
                UInt256.valueOf(1_000_000_000L),
                UInt256.valueOf(10_000_000_000L))
            .encode());
  }

  @Test
  void sendTransactionSignsForDevAccountsOnly() {
    ObjectNode tx = M.createObjectNode().put("from", A1).put("to", OTHER).put("value", "0x7");
    String hash = call("eth_sendTransaction", tx).asText();
    JsonNode got = call("eth_getTransactionByHash", hash);
    assertThat(got.get("from").asText()).isEqualTo(A1);
    assertThat(got.get("gas").asText()).isEqualTo("0x5208");
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0x7");
    assertThat(call("eth_accounts")).hasSize(3);
    ObjectNode stranger = M.createObjectNode().put("from", OTHER).put("to", A0);
    assertThat(raw("eth_sendTransaction", stranger).at("/error/message").asText())
        .contains("unknown account");
    ObjectNode odd = M.createObjectNode().put("from", A1).put("sneaky", 1);
    assertThat(errorCode("eth_sendTransaction", odd)).isEqualTo(RpcException.INVALID_PARAMS);
  }

  @Test
  void impersonatedAccountsSendWithoutTheirKeys() {
    String whale = "0x00000000000000000000000000000000000000ee";
    call("anvil_setBalance", whale, "0xde0b6b3a7640000");
    ObjectNode tx = M.createObjectNode().put("from", whale).put("to", OTHER).put("value", "0x3");
    assertThat(raw("eth_sendTransaction", tx).at("/error/message").asText())
        .contains("unknown account");
    call("anvil_impersonateAccount", whale);
    String hash = call("eth_sendTransaction", tx).asText();
    assertThat(call("eth_getTransactionReceipt", hash).get("from").asText()).isEqualTo(whale);
    assertThat(call("eth_getTransactionByHash", hash).get("from").asText()).isEqualTo(whale);
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0x3");
    assertThat(call("eth_getTransactionCount", whale, "latest").asText()).isEqualTo("0x1");
    // another impersonated account's identical transaction is a different transaction
    String twin = "0x00000000000000000000000000000000000000ef";
    call("hardhat_setBalance", twin, "0xde0b6b3a7640000");
    call("hardhat_impersonateAccount", twin);
    ObjectNode same = tx.deepCopy().put("from", twin).put("nonce", "0x0");
    String twinHash = call("eth_sendTransaction", same).asText();
    assertThat(twinHash).isNotEqualTo(hash);
    assertThat(call("eth_getTransactionByHash", twinHash).get("from").asText()).isEqualTo(twin);
    call("anvil_stopImpersonatingAccount", whale);
    assertThat(raw("eth_sendTransaction", tx).at("/error/message").asText())
        .contains("unknown account");
  }

  @Test
  void revertGoesBackToTheSnapshotAndConsumesIt() {
    String id = call("evm_snapshot").asText();
    String hash = transfer(0, 0, OTHER, 9);
    call("anvil_setBalance", A1, "0x1");
    call("evm_increaseTime", 3600);
    assertThat(blockNumber()).isEqualTo(1);
    assertThat(call("evm_revert", id).asBoolean()).isTrue();
    assertThat(blockNumber()).isZero();
    assertThat(call("eth_getTransactionReceipt", hash).isNull()).isTrue();
    assertThat(call("eth_getBlockByNumber", "0x1", false).isNull()).isTrue();
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0x0");
    assertThat(call("eth_getBalance", A1, "latest").asText()).isNotEqualTo("0x1");
    assertThat(call("evm_revert", id).asBoolean()).isFalse();
    // the same transaction mines again after the revert
    assertThat(transfer(0, 0, OTHER, 9)).isEqualTo(hash);
    assertThat(call("eth_getTransactionReceipt", hash).get("blockNumber").asText())
        .isEqualTo("0x1");
    // the time moved after the snapshot is undone as well
    assertThat(Long.decode(head().get("timestamp").asText())).isLessThan(millis.get() / 1000 + 60);
  }

  @Test
  void nestedSnapshotsRevertInOrder() {
    String s1 = call("evm_snapshot").asText();
    transfer(0, 0, OTHER, 1);
    String s2 = call("evm_snapshot").asText();
    transfer(0, 1, OTHER, 1);
    assertThat(call("evm_revert", s2).asBoolean()).isTrue();
    assertThat(blockNumber()).isEqualTo(1);
    assertThat(call("evm_revert", s1).asBoolean()).isTrue();
    assertThat(blockNumber()).isZero();
    // reverting to s1 dropped every later snapshot
    assertThat(call("evm_revert", s2).asBoolean()).isFalse();
  }

  @Test
  void snapshotsAndTheClockAreBounded() {
    String first = call("evm_snapshot").asText();
    for (int i = 0; i < DevSnapshots.MAX; i++) call("evm_snapshot");
    // past the cap the oldest snapshot is forgotten, the newest still works
    assertThat(call("evm_revert", first).asBoolean()).isFalse();
    assertThat(call("evm_revert", "0x" + Long.toHexString(DevSnapshots.MAX + 1)).asBoolean())
        .isTrue();
    assertThat(errorCode("evm_increaseTime", Long.MAX_VALUE)).isZero();
    assertThat(errorCode("evm_increaseTime", Long.MAX_VALUE))
        .isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(errorCode("evm_revert", "later")).isEqualTo(RpcException.INVALID_PARAMS);
  }

  @Test
  void timeTravelMovesBlockTimestamps() {
    long now = millis.get() / 1000;
    call("evm_mine");
    long t1 = Long.decode(head().get("timestamp").asText());
    assertThat(t1).isEqualTo(now);
    assertThat(call("evm_increaseTime", "0xe10").asText()).isEqualTo("3600");
    call("evm_mine");
    assertThat(Long.decode(head().get("timestamp").asText())).isEqualTo(now + 3600);
    call("evm_setNextBlockTimestamp", now + 100_000);
    call("evm_mine");
    assertThat(Long.decode(head().get("timestamp").asText())).isEqualTo(now + 100_000);
    // later blocks continue from there
    millis.addAndGet(5_000);
    call("evm_mine");
    assertThat(Long.decode(head().get("timestamp").asText())).isEqualTo(now + 100_005);
    assertThat(errorCode("evm_setNextBlockTimestamp", now)).isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(errorCode("evm_setNextBlockTimestamp", 1_767_225_600_000L))
        .isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(errorCode("evm_increaseTime", -5)).isEqualTo(RpcException.INVALID_PARAMS);
    call("evm_mine", now + 200_000);
    assertThat(Long.decode(head().get("timestamp").asText())).isEqualTo(now + 200_000);
  }

  @Test
  void withoutAutomineTransactionsWaitForMine() {
    call("evm_setAutomine", false);
    assertThat(call("anvil_getAutomine").asBoolean()).isFalse();
    String a = transfer(0, 0, OTHER, 1);
    String b = transfer(0, 1, OTHER, 1);
    assertThat(blockNumber()).isZero();
    assertThat(call("eth_getTransactionReceipt", a).isNull()).isTrue();
    assertThat(call("eth_getTransactionByHash", b).get("blockHash").isNull()).isTrue();
    call("evm_mine");
    assertThat(blockNumber()).isEqualTo(1);
    assertThat(call("eth_getBlockByNumber", "0x1", false).get("transactions")).hasSize(2);
    call("anvil_mine", "0x5", "0xa");
    assertThat(blockNumber()).isEqualTo(6);
    long t2 = Long.decode(call("eth_getBlockByNumber", "0x2", false).get("timestamp").asText());
    long t6 = Long.decode(head().get("timestamp").asText());
    assertThat(t6 - t2).isEqualTo(40);
    // interval 0, as viem sends it: timestamps still increase
    call("anvil_mine", "0x2", "0x0");
    long t8 = Long.decode(head().get("timestamp").asText());
    long t7 = Long.decode(call("eth_getBlockByNumber", "0x7", false).get("timestamp").asText());
    assertThat(t8).isGreaterThan(t7);
    assertThat(t7).isGreaterThan(t6);
    assertThat(errorCode("anvil_mine", "0x" + Long.toHexString(DevChain.MAX_BLOCKS_PER_CALL + 1)))
        .isEqualTo(RpcException.INVALID_PARAMS);
  }

  @Test
  void stateEditsShowAtLatestAndCarryIntoTheNextBlock() {
    call("anvil_setBalance", OTHER, "0xde0b6b3a7640000");
    call("anvil_setNonce", OTHER, "0x7");
    // PUSH1 0x2a PUSH1 0 SSTORE STOP: any code
    call("hardhat_setCode", OTHER, "0x602a60005500");
    call(
        "anvil_setStorageAt",
        OTHER,
        "0x0000000000000000000000000000000000000000000000000000000000000001",
        "0x00000000000000000000000000000000000000000000000000000000000000ff");
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0xde0b6b3a7640000");
    assertThat(call("eth_getTransactionCount", OTHER, "latest").asText()).isEqualTo("0x7");
    assertThat(call("eth_getCode", OTHER, "latest").asText()).isEqualTo("0x602a60005500");
    assertThat(call("eth_getStorageAt", OTHER, "0x1", "latest").asText()).endsWith("ff");
    call("evm_mine");
    assertThat(call("eth_getBalance", OTHER, "0x1").asText()).isEqualTo("0xde0b6b3a7640000");
    assertThat(call("eth_getStorageAt", OTHER, "0x1", "0x1").asText()).endsWith("ff");
    // block 0's state is untouched
    assertThat(call("eth_getBalance", OTHER, "0x0").asText()).isEqualTo("0x0");
    // a funded account can now pay: the mempool sees the edited balance
    call("anvil_setBalance", A0, "0x0");
    assertThat(raw("eth_sendRawTransaction", rawTransfer(0, 0)).at("/error/message").asText())
        .contains("insufficient funds");
    String big = "0x" + "00".repeat(DevApi.MAX_CODE_BYTES + 1);
    assertThat(errorCode("anvil_setCode", OTHER, big)).isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(errorCode("anvil_setBalance", OTHER)).isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(errorCode("anvil_setStorageAt", OTHER, "0x1", "0x" + "11".repeat(33)))
        .isEqualTo(RpcException.INVALID_PARAMS);
  }

  @Test
  void resetReturnsToGenesisAndRefusesForking() {
    transfer(0, 0, OTHER, 1);
    call("evm_setAutomine", false);
    String s = call("evm_snapshot").asText();
    call("anvil_reset");
    assertThat(blockNumber()).isZero();
    assertThat(call("anvil_getAutomine").asBoolean()).isTrue();
    assertThat(call("eth_getBalance", OTHER, "latest").asText()).isEqualTo("0x0");
    assertThat(call("evm_revert", s).asBoolean()).isFalse();
    ObjectNode plain = M.createObjectNode();
    plain.putObject("forking").putNull("blockNumber");
    call("anvil_reset", plain);
    ObjectNode fork = M.createObjectNode().put("jsonRpcUrl", "http://127.0.0.1:1");
    assertThat(raw("anvil_reset", fork).at("/error/message").asText()).contains("forking");
  }

  @Test
  void blockFiltersSeeBlocksSealedAgainAfterARevert() {
    String snap = call("evm_snapshot").asText();
    String filter = call("eth_newBlockFilter").asText();
    call("anvil_mine", "0x2");
    assertThat(call("eth_getFilterChanges", filter)).hasSize(2);
    call("evm_revert", snap);
    call("evm_mine");
    JsonNode again = call("eth_getFilterChanges", filter);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).asText()).isEqualTo(head().get("hash").asText());
    assertThat(call("txpool_status").get("pending").asText()).isEqualTo("0x0");
  }

  @Test
  void tracesReplayABlockOnTheEditedStateItWasSealedOn() {
    call("anvil_setBalance", A0, "0xde0b6b3a7640000");
    String hash = transfer(0, 0, OTHER, 5);
    ObjectNode prestate = M.createObjectNode().put("tracer", "prestateTracer");
    JsonNode pre = call("debug_traceTransaction", hash, prestate);
    assertThat(pre.get(A0).get("balance").asText()).isEqualTo("0xde0b6b3a7640000");
    JsonNode steps = call("debug_traceTransaction", hash);
    assertThat(steps.get("failed").asBoolean()).isFalse();
    assertThat(steps.get("gas").asLong()).isEqualTo(21_000);
  }

  @Test
  void devModeRunsOnTheDevChainIdOnly() {
    assertThatThrownBy(() -> new DevNode.Config(1, KEYS, 1, 30_000_000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1337");
  }
}
