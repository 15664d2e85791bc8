package io.levity.node.api;

import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CHAIN_ID;
import static io.levity.node.api.TestChain.GWEI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.rpc.JsonRpcProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** txpool_status, txpool_content(From) and txpool_inspect in geth's formats. */
class TxPoolApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestChain chain = new TestChain();
  private final long nonce = chain.store.headState().nonce(ALICE.address());
  private final String alice = ALICE.address().toChecksumHex();

  private JsonNode result(int maxContent, String method, String params) {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    new TxPoolApi(chain.mempool, CHAIN_ID, maxContent).register(p);
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      return JSON.readTree(p.handle(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode result(String method) {
    JsonNode r = result(100, method, "[]");
    assertThat(r.has("error")).as("%s: %s", method, r).isFalse();
    return r.get("result");
  }

  private Transaction add(Transaction tx) throws Exception {
    chain.mempool.add(new ValidatedTransaction(tx, ALICE.address(), 21_000), 150);
    return tx;
  }

  /** A pending transfer (the next nonce), a pending creation and a queued transfer (a gap). */
  private void fill() throws Exception {
    add(ALICE.transfer(CHAIN_ID, nonce, BOB, UInt256.valueOf(1000), GWEI, GWEI.multiply(3)));
    add(TestChain.tx(nonce + 1, Optional.empty(), Bytes.of((byte) 0), 60_000));
    add(ALICE.transfer(CHAIN_ID, nonce + 3, BOB, UInt256.ONE, GWEI, GWEI.multiply(2)));
  }

  @Test
  void emptyPool() {
    assertThat(result("txpool_status").toString())
        .isEqualTo("{\"pending\":\"0x0\",\"queued\":\"0x0\"}");
    assertThat(result("txpool_content").toString()).isEqualTo("{\"pending\":{},\"queued\":{}}");
    assertThat(result("txpool_inspect").toString()).isEqualTo("{\"pending\":{},\"queued\":{}}");
  }

  @Test
  void statusCountsPendingAndQueued() throws Exception {
    fill();
    assertThat(result("txpool_status").toString())
        .isEqualTo("{\"pending\":\"0x2\",\"queued\":\"0x1\"}");
  }

  @Test
  void contentIsKeyedBySenderThenDecimalNonce() throws Exception {
    fill();
    JsonNode c = result("txpool_content");
    JsonNode pending = c.get("pending").get(alice);
    assertThat(pending).as("%s", c).isNotNull();
    assertThat(pending.fieldNames())
        .toIterable()
        .containsExactly(Long.toString(nonce), Long.toString(nonce + 1));
    JsonNode first = pending.get(Long.toString(nonce));
    assertThat(first.get("from").asText()).isEqualTo(ALICE.address().toHex());
    assertThat(first.get("nonce").asText()).isEqualTo("0x" + Long.toHexString(nonce));
    assertThat(first.get("blockHash").isNull()).isTrue();
    assertThat(first.get("blockNumber").isNull()).isTrue();
    assertThat(first.get("value").asText()).isEqualTo("0x3e8");
    assertThat(c.get("queued").get(alice).fieldNames())
        .toIterable()
        .containsExactly(Long.toString(nonce + 3));
    JsonNode mine =
        result(100, "txpool_contentFrom", "[\"" + ALICE.address().toHex() + "\"]").get("result");
    assertThat(mine.get("pending")).isEqualTo(c.get("pending").get(alice));
    assertThat(mine.get("queued")).isEqualTo(c.get("queued").get(alice));
    assertThat(result(100, "txpool_contentFrom", "[\"0x12\"]").get("error").get("code").asInt())
        .isEqualTo(-32602);
  }

  @Test
  void inspectSummarisesEachTransactionAsGethDoes() throws Exception {
    fill();
    JsonNode i = result("txpool_inspect");
    assertThat(i.get("pending").get(alice).get(Long.toString(nonce)).asText())
        .isEqualTo(BOB.toChecksumHex() + ": 1000 wei + 21000 gas × 3000000000 wei");
    assertThat(i.get("pending").get(alice).get(Long.toString(nonce + 1)).asText())
        .startsWith("contract creation: 0 wei + 60000 gas × ");
    assertThat(i.get("queued").get(alice).get(Long.toString(nonce + 3)).asText())
        .isEqualTo(BOB.toChecksumHex() + ": 1 wei + 21000 gas × 2000000000 wei");
  }

  @Test
  void contentPastItsLimitIsRefused() throws Exception {
    fill();
    JsonNode r = result(2, "txpool_content", "[]");
    assertThat(r.get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(r.get("error").get("message").asText()).contains("txpool_contentFrom");
    assertThat(result(3, "txpool_content", "[]").has("result")).isTrue();
  }
}
