package io.levity.compute.serving;

import static io.levity.compute.serving.ServingFixture.chatBody;
import static io.levity.compute.serving.ServingFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.core.crypto.Keccak;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled chat model behind the API: seeded answers repeat, plain and streamed alike. */
class RuntimeServingTest {
  @TempDir static Path dir;
  static Kernels kernels;
  static ServingFixture f;

  @BeforeAll
  static void start() throws Exception {
    ModelBundle model = DefaultModel.load();
    kernels = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    RuntimeChatBackend chat =
        new RuntimeChatBackend(
            "levity-tiny",
            Keccak.hash("levity-tiny".getBytes(StandardCharsets.UTF_8)),
            model.tokenizer().orElseThrow(),
            new Transformer(model.weights(), kernels));
    f =
        new ServingFixture(
            dir,
            List.of(chat),
            List.of(),
            new InferenceApi.Limits(100_000, 16, 64, 2),
            InferenceServer.Config.loopback(0));
  }

  @AfterAll
  static void stop() throws Exception {
    f.close();
    kernels.close();
  }

  static String plain(long seed) throws Exception {
    HttpResponse<String> r =
        f.post("/v1/chat/completions", chatBody("levity-tiny", "Call me", seed, false));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(j.path("usage").path("completion_tokens").asInt()).isEqualTo(12);
    assertThat(r.headers().firstValue("X-Levity-Response-Hash").orElseThrow())
        .isEqualTo(
            InferenceApi.text(j.path("choices").get(0).path("message").path("content").asText())
                .toHex());
    return j.path("choices").get(0).path("message").path("content").asText();
  }

  @Test
  void theSameSeedGivesTheSameAnswerPlainAndStreamed() throws Exception {
    String a = plain(7);
    assertThat(a).isNotEmpty();
    assertThat(plain(7)).isEqualTo(a);
    assertThat(plain(8)).as("another seed samples another answer").isNotEqualTo(a);

    HttpResponse<String> s =
        f.post("/v1/chat/completions", chatBody("levity-tiny", "Call me", 7, true));
    StringBuilder streamed = new StringBuilder();
    String responseHash = null;
    int pieces = 0;
    for (String e : InferenceServerTest.events(s.body())) {
      if (e.equals("[DONE]")) break;
      JsonNode c = ServingFixture.JSON.readTree(e);
      if (c.path("choices").isEmpty())
        responseHash = c.path("levity").path("responseHash").asText();
      else {
        String piece = c.path("choices").get(0).path("delta").path("content").asText("");
        if (!piece.isEmpty()) pieces++;
        streamed.append(piece);
      }
    }
    assertThat(streamed.toString()).isEqualTo(a);
    assertThat(pieces).as("streamed a piece per token, not in one block").isGreaterThan(3);
    assertThat(responseHash).isEqualTo(InferenceApi.text(a).toHex());
  }

  @Test
  void aPromptBeyondTheModelsContextIs413() throws Exception {
    String longPrompt = "whale ".repeat(2000);
    var before = f.gate.pending(ServingFixture.ALICE.address());
    HttpResponse<String> r =
        f.post("/v1/chat/completions", chatBody("levity-tiny", longPrompt, 1, false));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("context");
    assertThat(f.gate.pending(ServingFixture.ALICE.address())).isEqualTo(before);
  }
}
