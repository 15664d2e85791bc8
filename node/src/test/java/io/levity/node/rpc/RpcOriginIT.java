package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.time.ThreadScheduler;
import io.levity.testing.RpcCalls;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call the JSON-RPC server over real loopback sockets (docs/security.md, JSON-RPC): browser
 * pages of other origins are refused, DNS rebinding is caught by the Host check, and tools that
 * send no Origin are served.
 */
class RpcOriginIT {
  private final HttpClient client = HttpClient.newHttpClient();
  private JsonRpcServer server;
  private SubscriptionHub hub;
  private int http;
  private int ws;

  @BeforeEach
  void start() throws Exception {
    JsonRpcProcessor p =
        new JsonRpcProcessor(1000).register("eth_blockNumber", params -> TextNode.valueOf("0x1"));
    hub =
        new SubscriptionHub(
            p.json(),
            new ThreadScheduler("test-publisher"),
            new SubscriptionHub.Limits(8, 100, 64));
    server = new JsonRpcServer(p, hub, RpcServerConfig.DEFAULT.withRate(1e9, 1e9));
    http = server.startHttp(0);
    ws = server.startWebSocket(0);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (hub != null) hub.close();
  }

  private URI httpUri() {
    return URI.create("http://127.0.0.1:" + http + "/");
  }

  private HttpResponse<String> postFrom(String origin) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(httpUri())
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(RpcCalls.request("eth_blockNumber", "[]")));
    if (origin != null) b.header("Origin", origin);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void onlyAllowedOriginsMayCall() throws Exception {
    HttpResponse<String> evil = postFrom("https://evil.example");
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(server.stats().originRefused()).isEqualTo(1);
    assertThat(evil.headers().firstValue("access-control-allow-origin")).isEmpty();
    // the server closes after a refusal and must say so, or the client reuses a dead connection
    assertThat(evil.headers().firstValue("connection")).contains("close");
    HttpResponse<String> local = postFrom("http://localhost:3000");
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(local.headers().firstValue("access-control-allow-origin"))
        .contains("http://localhost:3000");
    HttpResponse<String> tool = postFrom(null); // ethers, web3j, curl: no Origin
    assertThat(tool.statusCode()).isEqualTo(200);
    assertThat(RpcCalls.parse(tool.body()).get("result").asText()).isEqualTo("0x1");
  }

  /** The status line of a POST sent with this Host header (java.net.http cannot set Host). */
  private String statusWithHost(String host) throws Exception {
    byte[] body = RpcCalls.request("eth_blockNumber", "[]").getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http)) {
      s.setSoTimeout(10_000);
      String head =
          "POST / HTTP/1.1\r\nHost: "
              + host
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return reply.substring(0, reply.indexOf('\r'));
    }
  }

  @Test
  void dnsRebindingIsRefusedByTheHostCheck() throws Exception {
    // A page of rebind.evil.example whose name now resolves to 127.0.0.1: same-origin for the
    // browser, so no Origin check applies; the Host header gives it away.
    assertThat(statusWithHost("rebind.evil.example:" + http)).contains(" 403 ");
    assertThat(statusWithHost("127.0.0.1.rebind.evil.example")).contains(" 403 ");
    assertThat(server.stats().originRefused()).isEqualTo(2);
    assertThat(statusWithHost("127.0.0.1:" + http)).contains(" 200 ");
    assertThat(statusWithHost("localhost:" + http)).contains(" 200 ");
    assertThat(statusWithHost("[::1]:" + http)).contains(" 200 ");
  }

  @Test
  void websocketHandshakeChecksTheOrigin() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + ws + "/");
    var evil =
        client
            .newWebSocketBuilder()
            .header("Origin", "https://evil.example")
            .buildAsync(uri, new WebSocket.Listener() {});
    assertThat(evil).failsWithin(Duration.ofSeconds(5));
    WebSocket local =
        client
            .newWebSocketBuilder()
            .header("Origin", "http://127.0.0.1:8080")
            .buildAsync(uri, new WebSocket.Listener() {})
            .get(5, TimeUnit.SECONDS);
    local.abort();
  }
}
