package io.levity.node.api;

import static io.levity.node.api.TestChain.ALICE;
import static io.levity.node.api.TestChain.BOB;
import static io.levity.node.api.TestChain.CHAIN_ID;
import static io.levity.node.api.TestChain.GWEI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.JsonRpcServer;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.testing.ManualScheduler;
import io.levity.testing.RpcCalls;
import io.levity.testing.WebSocketInbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters and pending-transaction subscriptions behind the real HTTP and WebSocket server: filters
 * are counted per client address, and the mempool's transactions reach WebSocket subscribers.
 */
class FilterServerIT {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final TestChain chain = new TestChain();
  private final ManualScheduler clock = new ManualScheduler();
  private final HttpClient client = HttpClient.newHttpClient();
  private JsonRpcProcessor rpc;
  private SubscriptionHub hub;
  private JsonRpcServer server;
  private URI http;
  private URI ws;

  @BeforeEach
  void start() throws Exception {
    StoreChainView view = new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 0);
    rpc = new JsonRpcProcessor(100);
    hub = new SubscriptionHub(rpc.json());
    Filters filters =
        new Filters(view, clock, new Filters.Limits(10, 2, 100, 100, 300_000), new Random(3));
    new FilterApi(view, filters).register(rpc);
    chain.mempool.onTransactionAccepted(
        tx -> {
          filters.pendingTransaction(tx.hash());
          hub.publishPendingTransaction(
              tx.hash().toHex(), () -> TxPoolApi.transaction(tx, CHAIN_ID));
        });
    server = new JsonRpcServer(rpc, hub, RpcServerConfig.DEFAULT);
    http = URI.create("http://127.0.0.1:" + server.startHttp(0) + "/");
    ws = URI.create("ws://127.0.0.1:" + server.startWebSocket(0) + "/");
  }

  @AfterEach
  void stop() {
    server.close();
    hub.close();
  }

  @Test
  void filtersAreCountedPerClientAddressOverHttpAndWebSocket() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(RpcCalls.call(client, http, "eth_newBlockFilter", "[]").get("result").asText())
          .startsWith("0x");
    }
    JsonNode third = RpcCalls.call(client, http, "eth_newBlockFilter", "[]");
    assertThat(third.get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(third.get("error").get("message").asText()).contains("by this client (limit 2)");
    try (WebSocketInbox socket = WebSocketInbox.open(client, ws)) {
      socket.send(RpcCalls.request("eth_newPendingTransactionFilter", "[]"));
      assertThat(socket.next(WAIT).get("error").get("code").asInt()).isEqualTo(-32005);
    }
    // another caller (here: in-process, not through a connection) still has room
    JsonNode local = RpcCalls.call(rpc::handle, "eth_newBlockFilter", "[]");
    assertThat(local.get("result").asText()).startsWith("0x");
  }

  @Test
  void mempoolTransactionsReachPendingSubscribersAsHashesAndWhole() throws Exception {
    try (WebSocketInbox hashes = WebSocketInbox.open(client, ws);
        WebSocketInbox whole = WebSocketInbox.open(client, ws)) {
      hashes.send(RpcCalls.request("eth_subscribe", "[\"newPendingTransactions\"]"));
      String hashSub = hashes.next(WAIT).get("result").asText();
      whole.send(RpcCalls.request("eth_subscribe", "[\"newPendingTransactions\", true]"));
      String wholeSub = whole.next(WAIT).get("result").asText();
      whole.send(RpcCalls.request("eth_subscribe", "[\"syncing\"]"));
      assertThat(whole.next(WAIT).get("result").asText()).startsWith("0x");

      long nonce = chain.store.headState().nonce(ALICE.address());
      Transaction tx = ALICE.transfer(CHAIN_ID, nonce, BOB, UInt256.ONE, GWEI, GWEI.multiply(3));
      chain.mempool.add(new ValidatedTransaction(tx, ALICE.address(), 21_000), 120);

      JsonNode h = hashes.next(WAIT);
      assertThat(h.get("method").asText()).isEqualTo("eth_subscription");
      assertThat(h.get("params").get("subscription").asText()).isEqualTo(hashSub);
      assertThat(h.get("params").get("result").asText()).isEqualTo(tx.hash().toHex());
      JsonNode w = whole.next(WAIT).get("params");
      assertThat(w.get("subscription").asText()).isEqualTo(wholeSub);
      assertThat(w.get("result").get("hash").asText()).isEqualTo(tx.hash().toHex());
      assertThat(w.get("result").get("from").asText()).isEqualTo(ALICE.address().toHex());
      assertThat(w.get("result").get("nonce").asText()).isEqualTo("0x" + Long.toHexString(nonce));
      assertThat(w.get("result").get("blockHash").isNull()).isTrue();
    }
  }
}
