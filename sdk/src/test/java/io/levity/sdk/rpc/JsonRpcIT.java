package io.levity.sdk.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.levity.core.bytes.Bytes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a tiny JSON-RPC server on loopback: every way an answer can go wrong. */
class JsonRpcIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;

  /** Serves every POST with {@code reply}: request body in, status and body out. */
  private record Reply(int status, String body) {}

  private URI serve(Function<JsonNode, Reply> reply) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          JsonNode req = JSON.readTree(ex.getRequestBody());
          Reply r = reply.apply(req);
          byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
          if (b.length > 0) ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  private static String ok(JsonNode req, String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":" + result + "}";
  }

  @Test
  void resultsSingleAndBatched() throws Exception {
    URI url =
        serve(
            req -> {
              if (req.isArray()) {
                // answer in reverse order: the client matches by id
                ArrayNode out = JSON.createArrayNode();
                for (int i = req.size() - 1; i >= 0; i--) {
                  JsonNode q = req.get(i);
                  ObjectNode a = out.addObject().put("jsonrpc", "2.0");
                  a.set("id", q.get("id"));
                  a.put("result", q.get("params").get(0).asText() + "!");
                }
                return new Reply(200, out.toString());
              }
              return new Reply(200, ok(req, "\"" + req.get("method").asText() + "\""));
            });
    JsonRpc rpc = new JsonRpc(url, Duration.ofSeconds(5));
    assertThat(rpc.call("web3_clientVersion").asText()).isEqualTo("web3_clientVersion");
    List<JsonNode> got = rpc.batch("echo", List.of(List.of("a"), List.of("b"), List.of("c")));
    assertThat(got).extracting(JsonNode::asText).containsExactly("a!", "b!", "c!");
  }

  @Test
  void nodeErrorsCarryCodeMessageAndRevertData() throws Exception {
    URI url =
        serve(
            req ->
                new Reply(
                    200,
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                        + req.get("id")
                        + ",\"error\":{\"code\":3,\"message\":\"execution reverted: no such"
                        + " shard\",\"data\":\"0x08c379a0\"}}"));
    EthRpc rpc = new EthRpc(new JsonRpc(url, Duration.ofSeconds(5)));
    assertThatThrownBy(() -> rpc.estimateGas(CallRequest.deploy(Bytes.EMPTY)))
        .isInstanceOfSatisfying(
            RpcErrorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(3);
              assertThat(e.isRevert()).isTrue();
              assertThat(e.method()).isEqualTo("eth_estimateGas");
              assertThat(e.rpcMessage()).isEqualTo("execution reverted: no such shard");
              assertThat(e.revertData()).contains(Bytes.fromHex("0x08c379a0"));
            });
  }

  @Test
  void httpErrorsAndNonJsonAreProtocolErrors() throws Exception {
    URI url =
        serve(
            req ->
                switch (req.get("method").asText()) {
                  case "html" -> new Reply(502, "<html>bad gateway</html>");
                  case "limited" ->
                      new Reply(
                          429,
                          "{\"jsonrpc\":\"2.0\",\"id\":"
                              + req.get("id")
                              + ",\"error\":{\"code\":-32005,\"message\":\"rate limit\"}}");
                  case "empty" -> new Reply(200, "");
                  case "neither" -> new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":1}");
                  default -> new Reply(200, ok(req, "\"" + "x".repeat(2000) + "\""));
                });
    JsonRpc rpc = new JsonRpc(url, Duration.ofSeconds(5), 1000);
    assertThatThrownBy(() -> rpc.call("html"))
        .isInstanceOfSatisfying(
            RpcProtocolException.class, e -> assertThat(e.httpStatus()).isEqualTo(502))
        .hasMessageContaining("not a JSON-RPC answer (HTTP 502");
    assertThatThrownBy(() -> rpc.call("limited"))
        .isInstanceOfSatisfying(
            RpcErrorException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.code()).isEqualTo(RpcErrorException.LIMIT_EXCEEDED);
            });
    assertThatThrownBy(() -> rpc.call("empty")).isInstanceOf(RpcProtocolException.class);
    assertThatThrownBy(() -> rpc.call("neither"))
        .hasMessageContaining("answer has neither result nor error");
    assertThatThrownBy(() -> rpc.call("big"))
        .isInstanceOf(RpcProtocolException.class)
        .hasMessageContaining("response over 1000 bytes");
    // the client still works after a refused oversized answer
    assertThat(new JsonRpc(url, Duration.ofSeconds(5)).call("big").asText()).hasSize(2000);
  }

  @Test
  void noAnswerIsATransportError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JsonRpc refused = new JsonRpc(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
    assertThatThrownBy(() -> refused.call("eth_chainId"))
        .isInstanceOf(RpcTransportException.class)
        .hasMessageStartingWith("eth_chainId: no answer from http://127.0.0.1:" + port);
    URI slow =
        serve(
            req -> {
              try {
                Thread.sleep(2_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new Reply(200, ok(req, "1"));
            });
    assertThatThrownBy(() -> new JsonRpc(slow, Duration.ofMillis(200)).call("eth_chainId"))
        .isInstanceOf(RpcTransportException.class);
    assertThatThrownBy(() -> new JsonRpc(URI.create("ws://127.0.0.1:1"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
