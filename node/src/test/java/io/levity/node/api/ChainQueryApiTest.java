package io.levity.node.api;

import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.CHAIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.node.rpc.JsonRpcProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** eth_getBlockReceipts, transactions and uncles by block and index, and the small methods. */
class ChainQueryApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));

  private final TestChain chain = new TestChain();
  private final StoreChainView view =
      new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 0);
  private final JsonRpcProcessor rpc = processor(COINBASE);
  private final String b1 = chain.block1.hash().toHex();
  private final String b2 = chain.block2.hash().toHex();
  private final String unknown = Bytes32.ZERO.toHex();

  private JsonRpcProcessor processor(Address coinbase) {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    new ChainQueryApi(view, coinbase).register(p);
    return p;
  }

  private static JsonNode response(JsonRpcProcessor p, String method, String params) {
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

  private int errorCode(String method, String params) {
    JsonNode r = response(rpc, method, params);
    assertThat(r.has("error")).as("%s should fail, got %s", method, r).isTrue();
    return r.get("error").get("code").asInt();
  }

  @Test
  void blockReceiptsByNumberTagHashAndObject() {
    JsonNode byNumber = result("eth_getBlockReceipts", "[\"0x2\"]");
    assertThat(byNumber).hasSize(2);
    assertThat(byNumber.get(0).get("transactionHash").asText())
        .isEqualTo(chain.logCall.hash().toHex());
    assertThat(byNumber.get(0).get("status").asText()).isEqualTo("0x1");
    assertThat(byNumber.get(0).get("logs")).hasSize(1);
    assertThat(byNumber.get(1).get("status").asText()).isEqualTo("0x0");
    assertThat(byNumber.get(1).get("transactionIndex").asText()).isEqualTo("0x1");
    assertThat(result("eth_getBlockReceipts", "[\"latest\"]")).isEqualTo(byNumber);
    assertThat(result("eth_getBlockReceipts", "[\"" + b2 + "\"]")).isEqualTo(byNumber);
    assertThat(result("eth_getBlockReceipts", "[{\"blockHash\":\"" + b2 + "\"}]"))
        .isEqualTo(byNumber);
    assertThat(result("eth_getBlockReceipts", "[\"0x1\"]").get(1).get("contractAddress").asText())
        .isEqualTo(TestChain.CONTRACT.toHex());
    assertThat(result("eth_getBlockReceipts", "[\"earliest\"]")).isEmpty();
    assertThat(result("eth_getBlockReceipts", "[\"0x99\"]").isNull()).isTrue();
    assertThat(result("eth_getBlockReceipts", "[\"" + unknown + "\"]").isNull()).isTrue();
    assertThat(errorCode("eth_getBlockReceipts", "[\"0xzz\"]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getBlockReceipts", "[]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getBlockReceipts", "[\"0x" + "g".repeat(64) + "\"]"))
        .isEqualTo(-32602);
  }

  @Test
  void transactionsByBlockAndIndex() {
    JsonNode t = result("eth_getTransactionByBlockHashAndIndex", "[\"" + b1 + "\",\"0x1\"]");
    assertThat(t.get("hash").asText()).isEqualTo(chain.deploy.hash().toHex());
    assertThat(t.get("blockHash").asText()).isEqualTo(b1);
    assertThat(t.get("transactionIndex").asText()).isEqualTo("0x1");
    assertThat(t.get("from").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(result("eth_getTransactionByBlockNumberAndIndex", "[\"0x1\",\"0x1\"]")).isEqualTo(t);
    assertThat(
            result("eth_getTransactionByBlockNumberAndIndex", "[\"latest\",\"0x0\"]")
                .get("hash")
                .asText())
        .isEqualTo(chain.logCall.hash().toHex());
    assertThat(result("eth_getTransactionByBlockHashAndIndex", "[\"" + b1 + "\",\"0x2\"]").isNull())
        .isTrue();
    assertThat(
            result("eth_getTransactionByBlockHashAndIndex", "[\"" + unknown + "\",\"0x0\"]")
                .isNull())
        .isTrue();
    assertThat(result("eth_getTransactionByBlockNumberAndIndex", "[\"0x99\",\"0x0\"]").isNull())
        .isTrue();
    assertThat(
            result("eth_getTransactionByBlockNumberAndIndex", "[\"0x1\",\"0xffffffffffff\"]")
                .isNull())
        .isTrue();
    assertThat(errorCode("eth_getTransactionByBlockHashAndIndex", "[\"" + b1 + "\",\"1\"]"))
        .isEqualTo(-32602);
    assertThat(errorCode("eth_getTransactionByBlockHashAndIndex", "[\"0x12\",\"0x0\"]"))
        .isEqualTo(-32602);
    assertThat(errorCode("eth_getTransactionByBlockNumberAndIndex", "[\"0x1\"]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getTransactionByBlockNumberAndIndex", "[\"soon\",\"0x0\"]"))
        .isEqualTo(-32602);
  }

  @Test
  void uncles() {
    assertThat(result("eth_getUncleCountByBlockHash", "[\"" + b1 + "\"]").asText())
        .isEqualTo("0x0");
    assertThat(result("eth_getUncleCountByBlockNumber", "[\"0x2\"]").asText()).isEqualTo("0x0");
    assertThat(result("eth_getUncleCountByBlockNumber", "[\"latest\"]").asText()).isEqualTo("0x0");
    assertThat(result("eth_getUncleCountByBlockHash", "[\"" + unknown + "\"]").isNull()).isTrue();
    assertThat(result("eth_getUncleCountByBlockNumber", "[\"0x99\"]").isNull()).isTrue();
    assertThat(result("eth_getUncleByBlockHashAndIndex", "[\"" + b1 + "\",\"0x0\"]").isNull())
        .isTrue();
    assertThat(result("eth_getUncleByBlockNumberAndIndex", "[\"0x1\",\"0x0\"]").isNull()).isTrue();
    assertThat(errorCode("eth_getUncleCountByBlockHash", "[\"0x1\"]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getUncleByBlockNumberAndIndex", "[\"0x1\",7]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getUncleByBlockHashAndIndex", "[\"" + b1 + "\"]")).isEqualTo(-32602);
  }

  @Test
  void blobBaseFeeSha3AndCoinbase() {
    // no excess blob gas: the minimum blob base fee, 1 wei
    assertThat(result("eth_blobBaseFee", "[]").asText()).isEqualTo("0x1");
    assertThat(result("web3_sha3", "[\"0x68656c6c6f20776f726c64\"]").asText())
        .isEqualTo("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
    assertThat(result("web3_sha3", "[\"0x\"]").asText())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(errorCode("web3_sha3", "[\"hello\"]")).isEqualTo(-32602);
    assertThat(errorCode("web3_sha3", "[\"0x123\"]")).isEqualTo(-32602);
    assertThat(errorCode("web3_sha3", "[]")).isEqualTo(-32602);
    assertThat(
            errorCode("web3_sha3", "[\"0x" + "00".repeat(ChainQueryApi.MAX_SHA3_INPUT + 1) + "\"]"))
        .isEqualTo(-32602);
    assertThat(result("eth_coinbase", "[]").asText()).isEqualTo(COINBASE.toHex());
    JsonNode none = response(processor(null), "eth_coinbase", "[]");
    assertThat(none.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(none.get("error").get("message").asText())
        .isEqualTo("etherbase must be explicitly specified");
  }
}
