package io.levity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A JSON-RPC call over a real loopback HTTP connection. */
class RpcCallsIT {
  @Test
  void postsTheRequestAsJsonAndReadsTheAnswer() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    AtomicReference<String> contentType = new AtomicReference<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          contentType.set(exchange.getRequestHeaders().getFirst("content-type"));
          byte[] answer =
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x2a\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      JsonNode answer = RpcCalls.call(HttpClient.newHttpClient(), url, "eth_blockNumber", "[]");
      assertThat(answer.get("result").asText()).isEqualTo("0x2a");
      assertThat(received.get()).isEqualTo(RpcCalls.request("eth_blockNumber", "[]"));
      assertThat(contentType.get()).isEqualTo("application/json");
    } finally {
      server.stop(0);
    }
  }
}
