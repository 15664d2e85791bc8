package io.levity.node.api;

import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CHAIN_ID;
import static io.levity.node.api.TestChain.CONTRACT;
import static io.levity.node.api.TestChain.GWEI;
import static io.levity.node.api.TestChain.RUNTIME;
import static io.levity.node.api.TestChain.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.tx.Transaction;
import io.levity.execution.block.Block;
import io.levity.execution.block.FeeMarket;
import io.levity.execution.state.StateAccount;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.trie.MerklePatriciaTrie;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every eth_* method through JsonRpcProcessor.handle, JSON in and out, over a small in-memory
 * chain.
 */
class EthApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestChain chain = new TestChain();
  private final List<ValidatedTransaction> gossiped = new ArrayList<>();
  private final JsonRpcProcessor rpc = processor(EthApi.Config.DEFAULT);

  private JsonRpcProcessor processor(EthApi.Config config) {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    new EthApi(
            new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 3),
            config,
            (tx, raw) -> gossiped.add(tx))
        .register(p);
    return p;
  }

  private JsonNode response(JsonRpcProcessor p, String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      return JSON.readTree(p.handle(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode result(String method, String params) {
    JsonNode r = response(rpc, method, params);
    assertThat(r.has("error")).as("%s error %s", method, r.get("error")).isFalse();
    return r.get("result");
  }

  private JsonNode error(String method, String params) {
    JsonNode r = response(rpc, method, params);
    assertThat(r.has("error")).as("%s should fail, got %s", method, r).isTrue();
    return r.get("error");
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static long num(JsonNode n) {
    return Long.decode(n.asText());
  }

  @Test
  void identityAndStatus() {
    assertThat(result("web3_clientVersion", "[]").asText()).startsWith("Levity/");
    assertThat(result("net_version", "[]").asText()).isEqualTo("1337");
    assertThat(result("eth_chainId", "[]").asText()).isEqualTo("0x539");
    assertThat(result("eth_blockNumber", "[]").asText()).isEqualTo("0x2");
    assertThat(result("eth_syncing", "[]").asBoolean(true)).isFalse();
    assertThat(result("eth_accounts", "[]").isArray()).isTrue();
    assertThat(result("eth_accounts", "[]")).isEmpty();
    assertThat(result("net_listening", "[]").asBoolean()).isTrue();
    assertThat(result("net_peerCount", "[]").asText()).isEqualTo("0x3");
  }

  @Test
  void accountStateAtBlocks() {
    assertThat(result("eth_getBalance", "[" + q(BOB.toHex()) + ",\"latest\"]").asText())
        .isEqualTo("0x3e8");
    assertThat(result("eth_getBalance", "[" + q(BOB.toHex()) + ",\"earliest\"]").asText())
        .isEqualTo("0x0");
    assertThat(
            result(
                    "eth_getBalance",
                    "["
                        + q(BOB.toHex())
                        + ",{\"blockHash\":"
                        + q(chain.block1.hash().toHex())
                        + "}]")
                .asText())
        .isEqualTo("0x3e8");
    assertThat(aliceNonce("latest")).isEqualTo("0x4");
    assertThat(aliceNonce("0x1")).isEqualTo("0x2");
    assertThat(result("eth_getCode", "[" + q(CONTRACT.toHex()) + ",\"latest\"]").asText())
        .isEqualTo(RUNTIME.toHex());
    assertThat(result("eth_getCode", "[" + q(BOB.toHex()) + ",\"latest\"]").asText())
        .isEqualTo("0x");
    assertThat(
            result("eth_getStorageAt", "[" + q(CONTRACT.toHex()) + ",\"0x1\",\"latest\"]").asText())
        .isEqualTo(UInt256.valueOf(42).toBytes32().toHex());
    assertThat(result("eth_getStorageAt", "[" + q(CONTRACT.toHex()) + ",\"0x1\",\"0x1\"]").asText())
        .isEqualTo(Bytes32.ZERO.toHex());
    JsonNode e = error("eth_getBalance", "[" + q(BOB.toHex()) + ",\"0x9\"]");
    assertThat(e.get("code").asInt()).isEqualTo(-32000);
    assertThat(e.get("message").asText()).isEqualTo("header not found");
    assertThat(error("eth_getBalance", "[\"0x12\",\"latest\"]").get("code").asInt())
        .isEqualTo(-32602);
  }

  @Test
  void callReturnsDataAndNeverPersists() {
    String call =
        "{\"from\":"
            + q(ALICE.address().toHex())
            + ",\"to\":"
            + q(BOB.toHex())
            + ",\"value\":\"0x5\"}";
    assertThat(result("eth_call", "[" + call + ",\"latest\"]").asText()).isEqualTo("0x");
    assertThat(result("eth_getBalance", "[" + q(BOB.toHex()) + ",\"latest\"]").asText())
        .isEqualTo("0x3e8");
    String logCall = "{\"to\":" + q(CONTRACT.toHex()) + "}";
    assertThat(result("eth_call", "[" + logCall + "]").asText()).isEqualTo("0x");
    assertThat(result("eth_call", "[" + logCall + ",\"0x1\"]").asText()).isEqualTo("0x");
    assertThat(result("eth_getStorageAt", "[" + q(CONTRACT.toHex()) + ",\"0x1\",\"0x1\"]").asText())
        .isEqualTo(Bytes32.ZERO.toHex());
    // A simulated call may come "from" a contract (EIP-3607 binds signed transactions only), as in
    // go-ethereum.
    String fromContract = "{\"from\":" + q(CONTRACT.toHex()) + ",\"to\":" + q(BOB.toHex()) + "}";
    assertThat(result("eth_call", "[" + fromContract + ",\"latest\"]").asText()).isEqualTo("0x");
    assertThat(num(result("eth_estimateGas", "[" + fromContract + "]"))).isEqualTo(21_000);
  }

  @Test
  void revertIsErrorThreeWithReasonAndData() {
    String call = "{\"to\":" + q(CONTRACT.toHex()) + ",\"data\":\"0x01\"}";
    JsonNode e = error("eth_call", "[" + call + ",\"latest\"]");
    assertThat(e.get("code").asInt()).isEqualTo(3);
    assertThat(e.get("message").asText()).isEqualTo("execution reverted: nope");
    String data = e.get("data").asText();
    assertThat(data).startsWith("0x08c379a0").hasSize(2 + 200);
    assertThat(CallExecutor.revertReason(Bytes.fromHex(data))).isEqualTo("nope");
    assertThat(CallExecutor.revertReason(Bytes.fromHex("0x1234"))).isNull();

    JsonNode est = error("eth_estimateGas", "[" + call + "]");
    assertThat(est.get("code").asInt()).isEqualTo(3);
    assertThat(est.get("message").asText()).isEqualTo("execution reverted: nope");
    assertThat(est.get("data").asText()).isEqualTo(data);
  }

  @Test
  void estimateGasIsCloseToWhatTheTransactionsUsed() {
    String from = q(ALICE.address().toHex());
    assertThat(
            num(
                result(
                    "eth_estimateGas",
                    "[{\"from\":" + from + ",\"to\":" + q(BOB.toHex()) + ",\"value\":\"0x1\"}]")))
        .isEqualTo(21_000);
    long deployUsed = num(receipt(chain.deploy).get("gasUsed"));
    long deployEstimate =
        num(
            result(
                "eth_estimateGas",
                "[{\"from\":" + from + ",\"data\":" + q(TestChain.initcode().toHex()) + "}]"));
    assertThat(deployEstimate).isBetween(deployUsed, deployUsed * 103 / 100);
    long callUsed = num(receipt(chain.logCall).get("gasUsed"));
    long callEstimate =
        num(
            result(
                "eth_estimateGas",
                "[{\"from\":" + from + ",\"to\":" + q(CONTRACT.toHex()) + "},\"0x1\"]"));
    assertThat(callEstimate).isBetween(callUsed, callUsed * 105 / 100);
    // The estimate really is the least that succeeds: one gas less fails.
    String lower =
        "{\"from\":"
            + from
            + ",\"to\":"
            + q(CONTRACT.toHex())
            + ",\"gas\":"
            + q("0x" + Long.toHexString(callEstimate - 1))
            + "}";
    assertThat(error("eth_call", "[" + lower + ",\"0x1\"]").get("code").asInt()).isEqualTo(-32000);
  }

  private JsonNode receipt(Transaction tx) {
    return result("eth_getTransactionReceipt", "[" + q(tx.hash().toHex()) + "]");
  }

  @Test
  void receipts() {
    JsonNode t = receipt(chain.transfer);
    assertThat(t.get("status").asText()).isEqualTo("0x1");
    assertThat(t.get("gasUsed").asText()).isEqualTo("0x5208");
    assertThat(t.get("cumulativeGasUsed").asText()).isEqualTo("0x5208");
    assertThat(t.get("contractAddress").isNull()).isTrue();
    assertThat(t.get("to").asText()).isEqualTo(BOB.toHex());
    assertThat(t.get("from").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(t.get("type").asText()).isEqualTo("0x2");
    assertThat(t.get("blockNumber").asText()).isEqualTo("0x1");
    assertThat(t.get("blockHash").asText()).isEqualTo(chain.block1.hash().toHex());
    assertThat(t.get("transactionIndex").asText()).isEqualTo("0x0");
    assertThat(t.get("logs")).isEmpty();
    // Block 1's base fee is 7/8 of a gwei (an empty genesis); the tip of 1 gwei fits under the 3
    // gwei cap.
    UInt256 baseFee1 = chain.block1.header().baseFeePerGas();
    assertThat(t.get("effectiveGasPrice").asText()).isEqualTo(baseFee1.add(GWEI).toHexQuantity());

    JsonNode d = receipt(chain.deploy);
    assertThat(d.get("contractAddress").asText()).isEqualTo(CONTRACT.toHex());
    assertThat(d.get("to").isNull()).isTrue();
    assertThat(num(d.get("cumulativeGasUsed"))).isEqualTo(21_000 + num(d.get("gasUsed")));
    assertThat(d.get("transactionIndex").asText()).isEqualTo("0x1");

    JsonNode c = receipt(chain.logCall);
    assertThat(c.get("status").asText()).isEqualTo("0x1");
    JsonNode log = c.get("logs").get(0);
    assertThat(log.get("address").asText()).isEqualTo(CONTRACT.toHex());
    assertThat(log.get("topics").get(0).asText()).isEqualTo(TOPIC.toHex());
    assertThat(log.get("topics").get(1).asText())
        .isEqualTo(Bytes32.leftPad(ALICE.address()).toHex());
    assertThat(log.get("data").asText()).isEqualTo(UInt256.valueOf(42).toBytes32().toHex());
    assertThat(log.get("logIndex").asText()).isEqualTo("0x0");
    assertThat(log.get("transactionHash").asText()).isEqualTo(chain.logCall.hash().toHex());
    assertThat(log.get("removed").asBoolean(true)).isFalse();
    assertThat(c.get("logsBloom").asText()).hasSize(2 + 512).isNotEqualTo("0x" + "0".repeat(512));

    JsonNode r = receipt(chain.revertCall);
    assertThat(r.get("status").asText()).isEqualTo("0x0");
    assertThat(r.get("logs")).isEmpty();
    assertThat(num(r.get("cumulativeGasUsed")))
        .isEqualTo(num(c.get("gasUsed")) + num(r.get("gasUsed")));

    assertThat(result("eth_getTransactionReceipt", "[" + q(Bytes32.ZERO.toHex()) + "]").isNull())
        .isTrue();
  }

  @Test
  void transactionsMinedAndPending() {
    JsonNode t = result("eth_getTransactionByHash", "[" + q(chain.deploy.hash().toHex()) + "]");
    assertThat(t.get("hash").asText()).isEqualTo(chain.deploy.hash().toHex());
    assertThat(t.get("from").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(t.get("to").isNull()).isTrue();
    assertThat(t.get("nonce").asText()).isEqualTo("0x1");
    assertThat(t.get("gas").asText()).isEqualTo("0x30d40");
    assertThat(t.get("input").asText()).isEqualTo(TestChain.initcode().toHex());
    assertThat(t.get("blockNumber").asText()).isEqualTo("0x1");
    assertThat(t.get("transactionIndex").asText()).isEqualTo("0x1");
    assertThat(t.get("type").asText()).isEqualTo("0x2");
    assertThat(t.get("chainId").asText()).isEqualTo("0x539");
    assertThat(t.get("maxFeePerGas").asText()).isEqualTo(GWEI.multiply(3).toHexQuantity());
    assertThat(t.get("maxPriorityFeePerGas").asText()).isEqualTo(GWEI.toHexQuantity());
    assertThat(t.get("accessList")).isEmpty();
    assertThat(t.get("yParity").asText()).isIn("0x0", "0x1");
    assertThat(t.get("r").asText()).isEqualTo("0x" + chain.deploy.signature().r().toString(16));
    assertThat(t.get("value").asText()).isEqualTo("0x0");

    Transaction next = ALICE.transfer(CHAIN_ID, 4, BOB, UInt256.ONE, GWEI, GWEI.multiply(3));
    String raw = "[" + q(Bytes.wrap(next.encode()).toHex()) + "]";
    assertThat(result("eth_sendRawTransaction", raw).asText()).isEqualTo(next.hash().toHex());
    assertThat(gossiped).extracting(ValidatedTransaction::hash).containsExactly(next.hash());
    JsonNode pending = result("eth_getTransactionByHash", "[" + q(next.hash().toHex()) + "]");
    assertThat(pending.get("blockHash").isNull()).isTrue();
    assertThat(pending.get("blockNumber").isNull()).isTrue();
    assertThat(pending.get("transactionIndex").isNull()).isTrue();
    assertThat(pending.get("nonce").asText()).isEqualTo("0x4");
    assertThat(aliceNonce("pending")).isEqualTo("0x5");
    assertThat(aliceNonce("latest")).isEqualTo("0x4");
    assertThat(result("eth_getTransactionReceipt", "[" + q(next.hash().toHex()) + "]").isNull())
        .isTrue();

    JsonNode dup = error("eth_sendRawTransaction", raw);
    assertThat(dup.get("code").asInt()).isEqualTo(-32000);
    assertThat(dup.get("message").asText()).isEqualTo("already known");
    assertThat(gossiped).hasSize(1);
    assertThat(result("eth_getTransactionByHash", "[" + q(Bytes32.ZERO.toHex()) + "]").isNull())
        .isTrue();
  }

  @Test
  void sendRawTransactionRejectionsUseStandardWording() {
    Transaction low = ALICE.transfer(CHAIN_ID, 0, BOB, UInt256.ONE, GWEI, GWEI.multiply(3));
    assertThat(sendError(low)).startsWith("nonce too low");
    Transaction otherChain = ALICE.transfer(1, 4, BOB, UInt256.ONE, GWEI, GWEI.multiply(3));
    assertThat(sendError(otherChain)).startsWith("invalid chain id for signer");
    Transaction tooMuch =
        ALICE.transfer(
            CHAIN_ID,
            4,
            BOB,
            UInt256.valueOf(10).multiply(GWEI).multiply(GWEI),
            GWEI,
            GWEI.multiply(3));
    assertThat(sendError(tooMuch)).startsWith("insufficient funds for gas * price + value");
    JsonNode garbage = error("eth_sendRawTransaction", "[\"0x80\"]");
    assertThat(garbage.get("code").asInt()).isEqualTo(-32000);
    assertThat(garbage.get("message").asText()).startsWith("rlp:");
    assertThat(gossiped).isEmpty();
  }

  private String sendError(Transaction tx) {
    JsonNode e = error("eth_sendRawTransaction", "[" + q(Bytes.wrap(tx.encode()).toHex()) + "]");
    assertThat(e.get("code").asInt()).isEqualTo(-32000);
    return e.get("message").asText();
  }

  @Test
  void blocksByTagNumberAndHash() {
    String head = chain.block2.hash().toHex();
    for (String tag : List.of("latest", "pending", "safe", "finalized", "0x2")) {
      assertThat(result("eth_getBlockByNumber", "[" + q(tag) + ",false]").get("hash").asText())
          .as(tag)
          .isEqualTo(head);
    }
    JsonNode genesis = result("eth_getBlockByNumber", "[\"earliest\",false]");
    assertThat(genesis.get("number").asText()).isEqualTo("0x0");
    assertThat(genesis.get("parentHash").asText()).isEqualTo(Bytes32.ZERO.toHex());
    assertThat(genesis.get("transactions")).isEmpty();

    JsonNode b1 = result("eth_getBlockByHash", "[" + q(chain.block1.hash().toHex()) + ",false]");
    Block block1 = chain.block1;
    assertThat(b1.get("number").asText()).isEqualTo("0x1");
    assertThat(b1.get("transactions").get(0).asText()).isEqualTo(chain.transfer.hash().toHex());
    assertThat(b1.get("stateRoot").asText()).isEqualTo(block1.header().stateRoot().toHex());
    assertThat(b1.get("receiptsRoot").asText()).isEqualTo(block1.header().receiptsRoot().toHex());
    assertThat(b1.get("gasUsed").asText())
        .isEqualTo("0x" + Long.toHexString(block1.header().gasUsed()));
    assertThat(b1.get("gasLimit").asText()).isEqualTo("0x1c9c380");
    assertThat(b1.get("baseFeePerGas").asText())
        .isEqualTo(block1.header().baseFeePerGas().toHexQuantity());
    assertThat(b1.get("nonce").asText()).isEqualTo("0x0000000000000000");
    assertThat(b1.get("difficulty").asText()).isEqualTo("0x0");
    assertThat(b1.get("sha3Uncles").asText()).isEqualTo(block1.header().ommersHash().toHex());
    assertThat(b1.get("withdrawalsRoot").asText()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT.toHex());
    assertThat(b1.get("blobGasUsed").asText()).isEqualTo("0x0");
    assertThat(b1.get("extraData").asText()).isEqualTo("0x");
    assertThat(num(b1.get("size"))).isEqualTo(block1.encode().length);
    assertThat(b1.get("uncles")).isEmpty();

    JsonNode full = result("eth_getBlockByNumber", "[\"0x1\",true]");
    JsonNode tx0 = full.get("transactions").get(0);
    assertThat(tx0.get("hash").asText()).isEqualTo(chain.transfer.hash().toHex());
    assertThat(tx0.get("blockHash").asText()).isEqualTo(block1.hash().toHex());
    assertThat(tx0.get("from").asText()).isEqualTo(ALICE.address().toHex());

    assertThat(result("eth_getBlockByNumber", "[\"0x3\",false]").isNull()).isTrue();
    assertThat(result("eth_getBlockByHash", "[" + q(Bytes32.ZERO.toHex()) + ",false]").isNull())
        .isTrue();
    assertThat(result("eth_getBlockTransactionCountByNumber", "[\"0x2\"]").asText())
        .isEqualTo("0x2");

    JsonNode newHead = EthJson.head(chain.block2);
    assertThat(newHead.get("hash").asText()).isEqualTo(head);
    assertThat(newHead.get("number").asText()).isEqualTo("0x2");
    assertThat(newHead.has("transactions")).isFalse();
  }

  @Test
  void invalidParamsAreReported() {
    assertThat(error("eth_getBlockByNumber", "[\"newest\",false]").get("code").asInt())
        .isEqualTo(-32602);
    assertThat(
            error("eth_getStorageAt", "[" + q(CONTRACT.toHex()) + ",\"0x" + "1".repeat(65) + "\"]")
                .get("code")
                .asInt())
        .isEqualTo(-32602);
    assertThat(
            error(
                    "eth_call",
                    "[{\"to\":" + q(CONTRACT.toHex()) + ",\"data\":\"0x01\",\"input\":\"0x02\"}]")
                .get("code")
                .asInt())
        .isEqualTo(-32602);
    assertThat(
            error(
                    "eth_getLogs",
                    "[{\"blockHash\":"
                        + q(chain.block2.hash().toHex())
                        + ",\"fromBlock\":\"0x1\"}]")
                .get("code")
                .asInt())
        .isEqualTo(-32602);
    assertThat(error("eth_getLogs", "[{\"topics\":[\"0x12\"]}]").get("code").asInt())
        .isEqualTo(-32602);
  }

  @Test
  void logsByRangeAddressTopicsAndHash() {
    String addr = q(CONTRACT.toHex());
    JsonNode all = result("eth_getLogs", "[{\"fromBlock\":\"earliest\",\"toBlock\":\"latest\"}]");
    assertThat(all).hasSize(1);
    assertThat(all.get(0).get("blockNumber").asText()).isEqualTo("0x2");
    assertThat(all.get(0).get("blockHash").asText()).isEqualTo(chain.block2.hash().toHex());
    assertThat(
            result(
                "eth_getLogs",
                "[{\"fromBlock\":\"0x0\",\"address\":"
                    + addr
                    + ",\"topics\":["
                    + q(TOPIC.toHex())
                    + "]}]"))
        .hasSize(1);
    assertThat(
            result(
                "eth_getLogs",
                "[{\"fromBlock\":\"0x0\",\"topics\":[null,"
                    + q(Bytes32.leftPad(ALICE.address()).toHex())
                    + "]}]"))
        .hasSize(1);
    assertThat(
            result(
                "eth_getLogs",
                "[{\"fromBlock\":\"0x0\",\"topics\":[" + q(Bytes32.ZERO.toHex()) + "]}]"))
        .isEmpty();
    assertThat(
            result("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"address\":" + q(BOB.toHex()) + "}]"))
        .isEmpty();
    assertThat(result("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"0x1\"}]")).isEmpty();
    assertThat(result("eth_getLogs", "[{\"blockHash\":" + q(chain.block2.hash().toHex()) + "}]"))
        .hasSize(1);
    // Default range: the head only.
    assertThat(result("eth_getLogs", "[{}]")).hasSize(1);

    JsonRpcProcessor narrow =
        processor(new EthApi.Config("x", EthApi.Config.DEFAULT.fork(), 50_000_000, 2, 10, GWEI));
    JsonNode e =
        response(narrow, "eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\"}]")
            .get("error");
    assertThat(e.get("code").asInt()).isEqualTo(-32005);
    assertThat(e.get("message").asText()).contains("block range 3 exceeds the limit of 2 blocks");
  }

  @Test
  void proofsVerifyAgainstTheStateRoot() {
    JsonNode p =
        result("eth_getProof", "[" + q(CONTRACT.toHex()) + ",[\"0x1\",\"0x2\"],\"latest\"]");
    Bytes32 root = chain.block2.header().stateRoot();
    List<Bytes> accountProof = nodes(p.get("accountProof"));
    Bytes leaf =
        MerklePatriciaTrie.verifyProof(root, Keccak.hash(CONTRACT), accountProof).orElseThrow();
    StateAccount account = StateAccount.decode(leaf.toArray());
    assertThat(p.get("nonce").asText()).isEqualTo("0x1");
    assertThat(p.get("balance").asText()).isEqualTo("0x0");
    assertThat(p.get("codeHash").asText())
        .isEqualTo(Keccak.hash(RUNTIME).toHex())
        .isEqualTo(account.codeHash().toHex());
    assertThat(p.get("storageHash").asText()).isEqualTo(account.storageRoot().toHex());

    JsonNode slot1 = p.get("storageProof").get(0);
    assertThat(slot1.get("key").asText()).isEqualTo("0x1");
    assertThat(slot1.get("value").asText()).isEqualTo("0x2a");
    Bytes value =
        MerklePatriciaTrie.verifyProof(
                account.storageRoot(),
                Keccak.hash(UInt256.ONE.toBytes32()),
                nodes(slot1.get("proof")))
            .orElseThrow();
    assertThat(value.toArray()).isEqualTo(Rlp.encodeBytes(new byte[] {0x2a}));
    JsonNode slot2 = p.get("storageProof").get(1);
    assertThat(slot2.get("value").asText()).isEqualTo("0x0");
    assertThat(
            MerklePatriciaTrie.verifyProof(
                account.storageRoot(),
                Keccak.hash(UInt256.valueOf(2).toBytes32()),
                nodes(slot2.get("proof"))))
        .isEmpty();

    Address nobody = Address.fromHex("0x" + "77".repeat(20));
    JsonNode absent = result("eth_getProof", "[" + q(nobody.toHex()) + ",[],\"latest\"]");
    assertThat(
            MerklePatriciaTrie.verifyProof(
                root, Keccak.hash(nobody), nodes(absent.get("accountProof"))))
        .isEmpty();
    assertThat(absent.get("codeHash").asText()).isEqualTo(Keccak.EMPTY_HASH.toHex());
    assertThat(absent.get("storageHash").asText()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT.toHex());

    JsonNode old = result("eth_getProof", "[" + q(BOB.toHex()) + ",[],\"0x0\"]");
    assertThat(
            MerklePatriciaTrie.verifyProof(
                TestChain.GENESIS.block().header().stateRoot(),
                Keccak.hash(BOB),
                nodes(old.get("accountProof"))))
        .isEmpty();
  }

  private static List<Bytes> nodes(JsonNode array) {
    List<Bytes> out = new ArrayList<>();
    for (JsonNode n : array) out.add(Bytes.fromHex(n.asText()));
    return out;
  }

  @Test
  void feeSuggestionsAndHistory() {
    assertThat(result("eth_maxPriorityFeePerGas", "[]").asText()).isEqualTo(GWEI.toHexQuantity());
    UInt256 next = FeeMarket.nextBaseFee(chain.block2.header());
    assertThat(result("eth_gasPrice", "[]").asText()).isEqualTo(next.add(GWEI).toHexQuantity());

    JsonNode h = result("eth_feeHistory", "[\"0x2\",\"latest\",[25,75]]");
    assertThat(h.get("oldestBlock").asText()).isEqualTo("0x1");
    assertThat(h.get("baseFeePerGas")).hasSize(3);
    assertThat(h.get("baseFeePerGas").get(0).asText())
        .isEqualTo(chain.block1.header().baseFeePerGas().toHexQuantity());
    assertThat(h.get("baseFeePerGas").get(2).asText()).isEqualTo(next.toHexQuantity());
    assertThat(h.get("gasUsedRatio")).hasSize(2);
    assertThat(h.get("gasUsedRatio").get(0).asDouble()).isGreaterThan(0).isLessThan(0.01);
    assertThat(h.get("baseFeePerBlobGas")).hasSize(3);
    assertThat(h.get("reward")).hasSize(2);
    assertThat(h.get("reward").get(0).get(0).asText()).isEqualTo(GWEI.toHexQuantity());
    assertThat(h.get("reward").get(1)).hasSize(2);
    assertThat(result("eth_feeHistory", "[5,\"0x1\"]").get("oldestBlock").asText())
        .isEqualTo("0x0");
    assertThat(error("eth_feeHistory", "[\"0x2\",\"latest\",[75,25]]").get("code").asInt())
        .isEqualTo(-32602);
  }

  /** eth_getTransactionCount of ALICE at a block tag or number. */
  private String aliceNonce(String tag) {
    return result("eth_getTransactionCount", "[" + q(ALICE.address().toHex()) + ",\"" + tag + "\"]")
        .asText();
  }
}
