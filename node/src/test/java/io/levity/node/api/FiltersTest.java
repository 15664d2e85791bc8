package io.levity.node.api;

import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CHAIN_ID;
import static io.levity.node.api.TestChain.CONTRACT;
import static io.levity.node.api.TestChain.GWEI;
import static io.levity.node.api.TestChain.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.execution.block.Block;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.RpcCaller;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.testing.ManualScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The polling filters through JSON-RPC, in virtual time, over a small in-memory chain. */
class FiltersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MINUTE = 60_000;

  private final TestChain chain = new TestChain();
  private final ManualScheduler clock = new ManualScheduler();
  private final StoreChainView view =
      new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 0);
  private Filters filters;
  private final JsonRpcProcessor rpc = processor(new Filters.Limits(6, 4, 5, 3, 5 * MINUTE));

  private JsonRpcProcessor processor(Filters.Limits limits) {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    filters = new Filters(view, clock, limits, new Random(7));
    new FilterApi(view, filters).register(p);
    return p;
  }

  private JsonNode response(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      return JSON.readTree(rpc.handle(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode result(String method, String params) {
    JsonNode r = response(method, params);
    assertThat(r.has("error")).as("%s error %s", method, r.get("error")).isFalse();
    return r.get("result");
  }

  private int errorCode(String method, String params) {
    JsonNode r = response(method, params);
    assertThat(r.has("error")).as("%s should fail, got %s", method, r).isTrue();
    return r.get("error").get("code").asInt();
  }

  private static String q(String s) {
    return "[\"" + s + "\"]";
  }

  private String install(String method, String params) {
    String id = result(method, params).asText();
    assertThat(id).matches("0x[0-9a-f]{32}");
    return id;
  }

  private List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("transactionHash").asText()));
    return out;
  }

  @Test
  void blockFilterReportsTheBlocksCommittedSinceThePreviousPoll() {
    String id = install("eth_newBlockFilter", "[]");
    assertThat(result("eth_getFilterChanges", q(id))).isEmpty();
    chain.addEmptyBlocks(2);
    Block third = chain.addLogCalls(1);
    List<String> changes = texts(result("eth_getFilterChanges", q(id)));
    assertThat(changes).hasSize(3).endsWith(third.hash().toHex());
    assertThat(result("eth_getFilterChanges", q(id))).isEmpty();
    chain.addEmptyBlocks(1);
    assertThat(result("eth_getFilterChanges", q(id))).hasSize(1);
  }

  @Test
  void logFilterReportsMatchingLogsOfEveryBlockSinceThePreviousPoll() {
    String all = install("eth_newFilter", "[{}]");
    String byTopic =
        install(
            "eth_newFilter",
            "[{\"address\":\"" + CONTRACT.toHex() + "\",\"topics\":[\"" + TOPIC.toHex() + "\"]}]");
    String other = install("eth_newFilter", "[{\"address\":\"" + BOB.toHex() + "\"}]");
    Block a = chain.addLogCalls(2);
    chain.addEmptyBlocks(1);
    Block b = chain.addLogCalls(1);
    JsonNode changes = result("eth_getFilterChanges", q(byTopic));
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0).get("blockHash").asText()).isEqualTo(a.hash().toHex());
    assertThat(changes.get(2).get("blockHash").asText()).isEqualTo(b.hash().toHex());
    assertThat(changes.get(2).get("topics").get(0).asText()).isEqualTo(TOPIC.toHex());
    assertThat(result("eth_getFilterChanges", q(all))).hasSize(3);
    assertThat(result("eth_getFilterChanges", q(other))).isEmpty();
    // nothing new since the last poll
    assertThat(result("eth_getFilterChanges", q(byTopic))).isEmpty();
    chain.addLogCalls(1);
    assertThat(result("eth_getFilterChanges", q(byTopic))).hasSize(1);
  }

  @Test
  void logFilterHonoursItsBlockBoundsAndGetFilterLogsRunsTheWholeQuery() {
    long head = chain.store.head().orElseThrow().number();
    String bounded =
        install(
            "eth_newFilter",
            "[{\"fromBlock\":\"0x"
                + Long.toHexString(head + 2)
                + "\",\"toBlock\":\"0x"
                + Long.toHexString(head + 2)
                + "\"}]");
    String history = install("eth_newFilter", "[{\"fromBlock\":\"earliest\"}]");
    chain.addLogCalls(1); // head + 1: before the bounds
    Block inside = chain.addLogCalls(2); // head + 2
    chain.addLogCalls(1); // head + 3: after them
    JsonNode changes = result("eth_getFilterChanges", q(bounded));
    assertThat(changes).hasSize(2);
    changes.forEach(l -> assertThat(l.get("blockHash").asText()).isEqualTo(inside.hash().toHex()));
    // getFilterLogs: every matching log from the criteria's range, block 2's log included
    assertThat(result("eth_getFilterLogs", q(history))).hasSize(5);
    assertThat(result("eth_getFilterLogs", q(bounded))).hasSize(2);
  }

  @Test
  void aFilterExpiresAfterFiveMinutesWithoutAPollOnTheInjectedClock() {
    String polled = install("eth_newBlockFilter", "[]");
    String idle = install("eth_newPendingTransactionFilter", "[]");
    clock.advance(4 * MINUTE);
    result("eth_getFilterChanges", q(polled));
    clock.advance(MINUTE + 1);
    assertThat(errorCode("eth_getFilterChanges", q(idle))).isEqualTo(-32000);
    assertThat(response("eth_getFilterChanges", q(idle)).get("error").get("message").asText())
        .isEqualTo("filter not found");
    result("eth_getFilterChanges", q(polled)); // polled a minute ago: alive
    clock.advance(5 * MINUTE + 1);
    assertThat(errorCode("eth_getFilterChanges", q(polled))).isEqualTo(-32000);
    assertThat(filters.size()).isZero();
  }

  @Test
  void uninstallRemovesTheFilterOnce() {
    String id = install("eth_newFilter", "[{}]");
    assertThat(result("eth_uninstallFilter", q(id)).asBoolean()).isTrue();
    assertThat(result("eth_uninstallFilter", q(id)).asBoolean()).isFalse();
    assertThat(errorCode("eth_getFilterChanges", q(id))).isEqualTo(-32000);
    assertThat(errorCode("eth_getFilterLogs", q(id))).isEqualTo(-32000);
    assertThat(result("eth_uninstallFilter", q("0x1234")).asBoolean()).isFalse();
  }

  @Test
  void getFilterLogsIsOnlyForLogFilters() {
    String blocks = install("eth_newBlockFilter", "[]");
    assertThat(errorCode("eth_getFilterLogs", q(blocks))).isEqualTo(-32000);
  }

  @Test
  void aFloodOfFiltersIsRefusedPastTheCapsPerClientAndInTotal() {
    // limits: 6 in total, 4 per client
    for (int i = 0; i < 4; i++) RpcCaller.as("10.0.0.1", () -> install("eth_newBlockFilter", "[]"));
    JsonNode refused = RpcCaller.as("10.0.0.1", () -> response("eth_newBlockFilter", "[]"));
    assertThat(refused.get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(refused.get("error").get("message").asText()).contains("this client (limit 4)");
    RpcCaller.as("10.0.0.2", () -> install("eth_newFilter", "[{}]"));
    String last = RpcCaller.as("10.0.0.3", () -> install("eth_newPendingTransactionFilter", "[]"));
    for (int i = 0; i < 1000; i++) {
      String client = "10.1.0." + (i % 250);
      JsonNode r = RpcCaller.as(client, () -> response("eth_newFilter", "[{}]"));
      assertThat(r.get("error").get("code").asInt()).isEqualTo(-32005);
    }
    assertThat(response("eth_newBlockFilter", "[]").get("error").get("message").asText())
        .contains("on this node (limit 6)");
    assertThat(filters.size()).isEqualTo(6);
    // a removed or expired filter frees its place
    result("eth_uninstallFilter", q(last));
    install("eth_newBlockFilter", "[]");
    clock.advance(5 * MINUTE + 1);
    assertThat(filters.size()).isZero();
    RpcCaller.as("10.0.0.1", () -> install("eth_newBlockFilter", "[]"));
  }

  @Test
  void anUnpolledPendingFilterKeepsOnlyTheNewestHashes() {
    String id = install("eth_newPendingTransactionFilter", "[]");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Bytes32 h = Keccak.hash(new byte[] {(byte) i, (byte) (i >> 8)});
      sent.add(h.toHex());
      filters.pendingTransaction(h);
    }
    // limit: 5 changes per filter; the oldest were dropped and counted
    assertThat(texts(result("eth_getFilterChanges", q(id))))
        .containsExactlyElementsOf(sent.subList(995, 1000));
    assertThat(filters.dropped()).isEqualTo(995);
    assertThat(result("eth_getFilterChanges", q(id))).isEmpty();
  }

  @Test
  void anUnpolledBlockFilterAnswersOnlyTheNewestBlocks() {
    String id = install("eth_newBlockFilter", "[]");
    chain.addEmptyBlocks(40);
    long head = chain.store.head().orElseThrow().number();
    List<String> changes = texts(result("eth_getFilterChanges", q(id)));
    assertThat(changes).hasSize(5);
    assertThat(changes.get(4)).isEqualTo(chain.store.head().orElseThrow().hash().toHex());
    assertThat(changes.get(0))
        .isEqualTo(chain.store.headerByNumber(head - 4).orElseThrow().hash().toHex());
    assertThat(filters.dropped()).isEqualTo(35);
  }

  @Test
  void aLogFilterFarBehindPagesThroughWithoutLosingALog() {
    String id = install("eth_newFilter", "[{}]");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Block b = chain.addLogCalls(2);
      b.transactions().forEach(t -> expected.add(t.hash().toHex()));
    }
    // limits: at most 3 blocks searched and about 5 logs per poll
    List<String> seen = new ArrayList<>();
    int polls = 0;
    JsonNode page;
    do {
      page = result("eth_getFilterChanges", q(id));
      assertThat(page.size()).isLessThanOrEqualTo(6);
      seen.addAll(texts(page));
      polls++;
    } while (!page.isEmpty() && polls < 20);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(polls).isGreaterThan(3);
  }

  @Test
  void badParametersAreInvalidParams() {
    assertThat(errorCode("eth_newFilter", "[{\"topics\":[null,null,null,null,null]}]"))
        .isEqualTo(-32602);
    assertThat(errorCode("eth_newFilter", "[{\"fromBlock\":\"0xzz\"}]")).isEqualTo(-32602);
    assertThat(errorCode("eth_newFilter", "[{\"fromBlock\":7}]")).isEqualTo(-32602);
    assertThat(errorCode("eth_newFilter", "[{\"address\":\"0x12\"}]")).isEqualTo(-32602);
    assertThat(
            errorCode(
                "eth_newFilter",
                "[{\"blockHash\":\"" + Bytes32.ZERO.toHex() + "\",\"fromBlock\":\"0x1\"}]"))
        .isEqualTo(-32602);
    assertThat(errorCode("eth_newFilter", "[\"latest\"]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getFilterChanges", "[1]")).isEqualTo(-32602);
    assertThat(errorCode("eth_getFilterChanges", "[]")).isEqualTo(-32602);
    assertThat(errorCode("eth_uninstallFilter", q("0x" + "1".repeat(100)))).isEqualTo(-32602);
    assertThat(filters.size()).isZero();
  }

  @Test
  void mempoolTransactionsReachPendingFiltersThroughTheNodeWiring() throws Exception {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    try (SubscriptionHub hub = new SubscriptionHub(JSON, clock, SubscriptionHub.Limits.DEFAULT)) {
      Filters wired =
          ToolingApis.register(p, view, chain.mempool, hub, clock, ALICE.address(), new Random(1));
      String id =
          JSON.readTree(
                  p.handle(
                      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_newPendingTransactionFilter\"}"
                          .getBytes(StandardCharsets.UTF_8)))
              .get("result")
              .asText();
      long nonce = chain.store.headState().nonce(ALICE.address());
      Transaction tx = ALICE.transfer(CHAIN_ID, nonce, BOB, UInt256.ONE, GWEI, GWEI.multiply(3));
      chain.mempool.add(new ValidatedTransaction(tx, ALICE.address(), 21_000), 120);
      JsonNode changes =
          JSON.readTree(
              p.handle(
                  ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getFilterChanges\",\"params\":[\""
                          + id
                          + "\"]}")
                      .getBytes(StandardCharsets.UTF_8)));
      assertThat(texts(changes.get("result"))).containsExactly(tx.hash().toHex());
      assertThat(wired.size()).isEqualTo(1);
    }
  }
}
