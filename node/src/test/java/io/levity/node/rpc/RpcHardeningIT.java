package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.time.ThreadScheduler;
import io.levity.testing.RpcCalls;
import io.levity.testing.WebSocketInbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the JSON-RPC transport over real loopback sockets (docs/security.md, JSON-RPC): work,
 * rates, connections and subscriptions. Who may call at all (Origin, Host) is {@link RpcOriginIT}.
 */
class RpcHardeningIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger spinning = new AtomicInteger();
  private final CountDownLatch twoSpinning = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch hanging = new CountDownLatch(1);
  private JsonRpcServer server;
  private SubscriptionHub hub;
  private int http;
  private int ws;

  private JsonRpcProcessor processor() {
    return new JsonRpcProcessor(1000)
        .register("eth_blockNumber", params -> TextNode.valueOf("0x1"))
        .register(
            "eth_estimateGas",
            params -> {
              // a CPU-bound call of about 5 ms, like a real estimate
              if (spinning.incrementAndGet() == 2) twoSpinning.countDown(); // both batches run
              long end = System.nanoTime() + 5_000_000;
              while (System.nanoTime() < end) Thread.onSpinWait();
              spinning.decrementAndGet();
              return TextNode.valueOf("0x5208");
            })
        .register(
            "hang",
            params -> {
              hanging.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return TextNode.valueOf("late");
            });
  }

  private void start(RpcServerConfig config) throws Exception {
    JsonRpcProcessor p = processor();
    hub =
        new SubscriptionHub(
            p.json(),
            new ThreadScheduler("test-publisher"),
            new SubscriptionHub.Limits(8, 100, 64));
    server = new JsonRpcServer(p, hub, config);
    http = server.startHttp(0);
    ws = server.startWebSocket(0);
  }

  /**
   * Generous rate limits so that only the limit under test can refuse; 2 s per request, 20
   * connections, 2 s idle, 1 MiB unread per WebSocket.
   */
  private static RpcServerConfig open() {
    return RpcServerConfig.DEFAULT
        .withRate(1e9, 1e9)
        .withWork(new RpcServerConfig.Work(4, 64, 2000))
        .withConnections(new RpcServerConfig.Connections(20, 2, 1 << 20));
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) server.close();
    if (hub != null) hub.close();
  }

  private URI httpUri() {
    return URI.create("http://127.0.0.1:" + http + "/");
  }

  private static String batch(String method, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"")
          .append(method)
          .append("\",\"params\":[{}]}");
    }
    return b.append("]").toString();
  }

  private CompletableFuture<HttpResponse<String>> postAsync(HttpClient c, String body) {
    return c.sendAsync(
        HttpRequest.newBuilder(httpUri())
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void heavyBatchesDoNotStallOtherClients() throws Exception {
    start(open());
    // two 1000-entry estimateGas batches (about 5 s of work each) on two connections; each client
    // is held until the end, since an unreachable HttpClient drops its requests
    try (HttpClient heavy1 = HttpClient.newHttpClient();
        HttpClient heavy2 = HttpClient.newHttpClient()) {
      var first = postAsync(heavy1, batch("eth_estimateGas", 1000));
      var second = postAsync(heavy2, batch("eth_estimateGas", 1000));
      assertThat(twoSpinning.await(10, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      JsonNode r = RpcCalls.call(client, httpUri(), "eth_blockNumber", "[]");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.get("result").asText()).isEqualTo("0x1");
      assertThat(millis).as("eth_blockNumber answered in %d ms", millis).isLessThan(1000);
      // each batch stops at its 2 s deadline: the entries not run are answered with a timeout
      for (var heavy : List.of(first, second)) {
        JsonNode answers = RpcCalls.parse(heavy.get(10, TimeUnit.SECONDS).body());
        assertThat(answers).hasSize(1000);
        assertThat(answers.get(0).get("result").asText()).isEqualTo("0x5208");
        assertThat(answers.get(999).get("error").get("code").asInt())
            .isEqualTo(RpcException.TIMEOUT);
      }
    }
  }

  @Test
  void aCallOverItsDeadlineIsAnsweredWithATimeout() throws Exception {
    start(open().withWork(new RpcServerConfig.Work(2, 8, 300)));
    long t0 = System.nanoTime();
    JsonNode r =
        RpcCalls.parse(
            RpcCalls.post(client, httpUri(), "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"hang\"}")
                .body());
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
    assertThat(r.get("id").asInt()).isEqualTo(42);
    assertThat(r.get("error").get("code").asInt()).isEqualTo(RpcException.TIMEOUT);
    assertThat(r.get("error").get("message").asText()).contains("timed out");
    assertThat(server.stats().timedOut()).isEqualTo(1);
  }

  @Test
  void aFullServerAnswersBusyAtOnce() throws Exception {
    start(open().withWork(new RpcServerConfig.Work(1, 1, 10_000)));
    String hang = RpcCalls.request("hang", "[]");
    // one call runs, one waits in the queue; the next finds both taken
    try (HttpClient one = HttpClient.newHttpClient();
        HttpClient two = HttpClient.newHttpClient()) {
      var running = postAsync(one, hang);
      assertThat(hanging.await(5, TimeUnit.SECONDS)).isTrue();
      var queued = postAsync(two, hang);
      Thread.sleep(500);
      HttpResponse<String> third = RpcCalls.post(client, httpUri(), hang);
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(RpcCalls.parse(third.body()).get("error").get("message").asText())
          .contains("busy");
      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void expensiveMethodsCostMoreOfTheRate() throws Exception {
    start(open().withRate(1, 100));
    assertThat(RpcCalls.post(client, httpUri(), batch("eth_blockNumber", 50)).statusCode())
        .isEqualTo(200);
    // 50 estimateGas calls are far more work than 50 blockNumber calls: the bucket of 100 holds
    // the cheap batch but not the expensive one
    HttpResponse<String> expensive = RpcCalls.post(client, httpUri(), batch("eth_estimateGas", 50));
    assertThat(expensive.statusCode()).isEqualTo(429);
    assertThat(RpcCalls.parse(expensive.body()).get("error").get("message").asText())
        .contains("split the batch");
    assertThat(server.stats().rateLimited()).isEqualTo(1);
  }

  /** True when the server closes a silent connection within {@code millis}. */
  private static boolean closedWithin(Socket s, int millis) throws Exception {
    s.setSoTimeout(millis);
    try (InputStream in = s.getInputStream()) {
      return in.read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    }
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    start(open());
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), http)) {
      assertThat(closedWithin(silent, 5000)).isTrue();
    }
    // a WebSocket client that answers pings stays connected past the idle time
    try (var socket = WebSocketInbox.open(client, URI.create("ws://127.0.0.1:" + ws + "/"))) {
      Thread.sleep(3000);
      socket.send(RpcCalls.request("eth_blockNumber", "[]"));
      assertThat(socket.next(Duration.ofSeconds(5)).get("result").asText()).isEqualTo("0x1");
    }
  }

  @Test
  void aHeadSentByteByByteIsCutOffAtTheHeaderTimeout() throws Exception {
    // idle timeout 60 s: only the head deadline (1 s) can close these connections
    start(open().withConnections(new RpcServerConfig.Connections(20, 60, 1 << 20, 1000)));
    byte[] head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), http)) {
      long start = System.nanoTime();
      boolean closed = false;
      slow.setSoTimeout(150);
      for (int i = 0; i < head.length + 40 && !closed; i++) {
        try {
          slow.getOutputStream().write(i < head.length ? head[i] : 'a');
          slow.getOutputStream().flush();
          closed = slow.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
          closed = false;
        } catch (IOException reset) {
          closed = true;
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(closed).as("closed while the head was still arriving").isTrue();
      assertThat(millis).isBetween(900L, 5000L);
    }
    // a WebSocket carries frames after its handshake: the head deadline does not cut it
    try (var socket = WebSocketInbox.open(client, URI.create("ws://127.0.0.1:" + ws + "/"))) {
      for (int i = 0; i < 3; i++) {
        socket.send(RpcCalls.request("eth_blockNumber", "[]"));
        assertThat(socket.next(Duration.ofSeconds(5)).get("result").asText()).isEqualTo("0x1");
        Thread.sleep(700);
      }
    }
    // and keep-alive HTTP clients that pause between requests stay served
    assertThat(
            RpcCalls.post(client, httpUri(), RpcCalls.request("eth_blockNumber", "[]"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void connectionsAreCapped() throws Exception {
    start(open().withConnections(new RpcServerConfig.Connections(20, 60, 1 << 20)));
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) held.add(new Socket(InetAddress.getLoopbackAddress(), http));
      try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), http)) {
        assertThat(closedWithin(extra, 3000)).isTrue();
      }
      assertThat(server.stats().connectionsRefused()).isEqualTo(1);
    } finally {
      for (Socket s : held) s.close();
    }
  }

  @Test
  void subscriptionsPerConnectionAreCapped() throws Exception {
    start(open());
    try (var socket = WebSocketInbox.open(client, URI.create("ws://127.0.0.1:" + ws + "/"))) {
      JsonNode last = null;
      for (int i = 0; i < 200 && (last == null || last.has("result")); i++) {
        socket.send(RpcCalls.request("eth_subscribe", "[\"newHeads\"]"));
        last = socket.next(Duration.ofSeconds(5));
      }
      assertThat(last.has("error")).as("last answer %s", last).isTrue();
      assertThat(last.get("error").get("message").asText()).contains("subscriptions");
    }
  }

  @Test
  void aConsumerThatNeverReadsIsDropped() throws Exception {
    start(open());
    CountDownLatch opened = new CountDownLatch(1);
    WebSocket stuck =
        client
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + ws + "/"),
                new WebSocket.Listener() {
                  @Override
                  public void onOpen(WebSocket w) {
                    opened.countDown(); // and never requests a message: reads nothing
                  }
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    stuck.sendText(RpcCalls.request("eth_subscribe", "[\"newHeads\"]"), true).join();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (hub.size() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(hub.size()).isEqualTo(1);
    JsonNode head = JSON.readTree("{\"extraData\":\"" + "ab".repeat(32 * 1024) + "\"}");
    for (int i = 0; i < 4000 && hub.size() > 0; i++) { // up to 256 MiB
      hub.publishHead(head);
      if (i % 32 == 31) Thread.sleep(5);
    }
    deadline = System.nanoTime() + 10_000_000_000L;
    while (hub.size() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(hub.size()).as("the slow consumer's subscription").isZero();
    assertThat(server.stats().slowConsumersDropped()).isEqualTo(1);
    stuck.abort();
  }
}
