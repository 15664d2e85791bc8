package io.levity.compute.serving;

import static io.levity.compute.serving.ServingFixture.chatBody;
import static io.levity.compute.serving.ServingFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream OpenAI-compatible API behind the provider: forwarded, signed, marked unverifiable.
 */
class UpstreamChatBackendTest {
  @TempDir Path dir;

  @Test
  void forwardsToTheUpstreamAndMarksTheAnswerUnverifiable() throws Exception {
    AtomicReference<JsonNode> asked = new AtomicReference<>();
    HttpServer upstream =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/v1/chat/completions",
        ex -> {
          asked.set(ServingFixture.JSON.readTree(ex.getRequestBody().readAllBytes()));
          byte[] b =
              ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"from upstream\"},"
                      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    upstream.start();
    URI base = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1/");
    UpstreamChatBackend up =
        new UpstreamChatBackend(
            base,
            "relay",
            "big-model",
            "sk-test",
            HttpClient.newHttpClient(),
            Duration.ofSeconds(10));
    UpstreamChatBackend down =
        new UpstreamChatBackend(
            URI.create("http://127.0.0.1:1/v1"),
            "down",
            "m",
            null,
            HttpClient.newHttpClient(),
            Duration.ofSeconds(10));
    try (ServingFixture f =
        new ServingFixture(
            dir,
            List.of(up, down),
            List.of(),
            InferenceApi.Limits.defaults(),
            InferenceServer.Config.loopback(0))) {
      HttpResponse<String> r = f.post("/v1/chat/completions", chatBody("relay", "hi", 3, false));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("choices").get(0).path("message").path("content").asText())
          .isEqualTo("from upstream");
      assertThat(r.headers().firstValue("X-Levity-Verifiable")).contains("false");
      assertThat(r.headers().firstValue("X-Levity-Input-Tokens")).contains("9");
      assertThat(asked.get().path("model").asText()).isEqualTo("big-model");
      assertThat(asked.get().path("seed").asLong()).isEqualTo(3);
      assertThat(asked.get().path("messages").get(0).path("content").asText()).isEqualTo("hi");
      assertThat(f.journal.receipts().get(0).verifiable()).isFalse();

      HttpResponse<String> s = f.post("/v1/chat/completions", chatBody("down", "hi", 3, false));
      assertThat(s.statusCode()).isEqualTo(502);
      assertThat(json(s).path("error").path("message").asText()).contains("unreachable");
      assertThat(f.journal.receipts()).hasSize(1);
    } finally {
      upstream.stop(0);
    }
  }
}
