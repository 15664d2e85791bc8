package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.testing.RpcCalls;
import io.levity.testing.WebSocketInbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback: HTTP and WebSocket JSON-RPC with limits. */
class JsonRpcServerIT {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final ObjectMapper json = new ObjectMapper();
  private JsonRpcServer server;
  private SubscriptionHub hub;
  private int http;
  private int ws;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    JsonRpcProcessor p =
        new JsonRpcProcessor(10)
            .register("echo", params -> params.node(0))
            .register("web3_clientVersion", params -> TextNode.valueOf("levity/test"))
            .register(
                "needsAddress", params -> TextNode.valueOf(params.address(0).toChecksumHex()));
    hub = new SubscriptionHub(p.json());
    server =
        new JsonRpcServer(
            p,
            hub,
            RpcServerConfig.DEFAULT.withRequests(new RpcServerConfig.Requests(4096, 10, 5, 25)));
    http = server.startHttp(0);
    ws = server.startWebSocket(0);
  }

  @AfterEach
  void stop() {
    server.close();
    hub.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return RpcCalls.post(client, URI.create("http://127.0.0.1:" + http + "/"), body);
  }

  @Test
  void requestsBatchesAndErrors() throws Exception {
    JsonNode r =
        json.readTree(
            post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"hi\"]}").body());
    assertThat(r.get("id").asInt()).isEqualTo(7);
    assertThat(r.get("result").asText()).isEqualTo("hi");

    JsonNode batch =
        json.readTree(
            post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_clientVersion\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}]")
                .body());
    assertThat(batch).hasSize(2); // the notification gets no response
    assertThat(batch.get(0).get("result").asText()).isEqualTo("levity/test");
    assertThat(batch.get(1).get("error").get("code").asInt())
        .isEqualTo(RpcException.METHOD_NOT_FOUND);

    assertThat(json.readTree(post("{not json").body()).get("error").get("code").asInt())
        .isEqualTo(RpcException.PARSE_ERROR);
    JsonNode bad =
        json.readTree(
            post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"needsAddress\",\"params\":[\"0x12\"]}")
                .body());
    assertThat(bad.get("error").get("code").asInt()).isEqualTo(RpcException.INVALID_PARAMS);
    assertThat(bad.get("error").get("message").asText()).contains("40 hex digits");
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i < 11; i++)
      big.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}");
    assertThat(
            json.readTree(post(big.append("]").toString()).body()).get("error").get("code").asInt())
        .isEqualTo(RpcException.LIMIT_EXCEEDED);
  }

  @Test
  void oversizedBodyAndRateLimitAreRefused() throws Exception {
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\""
            + "x".repeat(5000)
            + "\"]}";
    int status;
    try {
      status = post(huge).statusCode();
    } catch (IOException closed) {
      status = 413; // the server may close the connection instead of answering
    }
    assertThat(status).isEqualTo(413);
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      if (post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}").statusCode()
          == 429) limited++;
    }
    assertThat(limited).isGreaterThan(0);
  }

  @Test
  void websocketSubscriptionsReceiveHeads() throws Exception {
    try (WebSocketInbox socket =
        WebSocketInbox.open(client, URI.create("ws://127.0.0.1:" + ws + "/"))) {
      socket.send(RpcCalls.request("eth_subscribe", "[\"newHeads\"]"));
      String subId = socket.next(WAIT).get("result").asText();
      assertThat(subId).startsWith("0x");
      hub.publishHead(json.readTree("{\"number\":\"0x5\"}"));
      JsonNode note = socket.next(WAIT);
      assertThat(note.get("method").asText()).isEqualTo("eth_subscription");
      assertThat(note.get("params").get("subscription").asText()).isEqualTo(subId);
      assertThat(note.get("params").get("result").get("number").asText()).isEqualTo("0x5");
      socket.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":[3]}");
      assertThat(socket.next(WAIT).get("result").asInt()).isEqualTo(3);
      socket.send(RpcCalls.request("eth_unsubscribe", "[\"" + subId + "\"]"));
      assertThat(socket.next(WAIT).get("result").asBoolean()).isTrue();
      assertThat(hub.size()).isZero();
    }
  }
}
