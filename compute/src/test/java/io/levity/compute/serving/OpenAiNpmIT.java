package io.levity.compute.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.ai.embed.MiniLmEmbedder;
import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official openai npm package (7.60.0, pinned in src/test/js/package.json) against the
 * provider: models, chat plain and streamed, embeddings, an unknown model; ethers signs each
 * request in a custom fetch and checks each answer's provider signature. Skipped only when node is
 * missing, or npm is missing or cannot install the packages.
 */
class OpenAiNpmIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // includes a first npm install
  void theOfficialClientWorksUnchangedThroughASigningFetch() throws Exception {
    Path js = Path.of("src/test/js").toAbsolutePath();
    Assumptions.assumeTrue(works(js, "node", "--version"), "node is not installed: skipping");
    if (!Files.isDirectory(js.resolve("node_modules/openai"))
        || !Files.isDirectory(js.resolve("node_modules/ethers"))) {
      Assumptions.assumeTrue(
          works(js, "npm", "install", "--no-audit", "--no-fund"),
          "npm could not install openai and ethers in " + js + ": skipping");
    }
    ModelBundle model = DefaultModel.load();
    try (Kernels k = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
        ServingFixture f =
            new ServingFixture(
                dir,
                List.of(
                    new RuntimeChatBackend(
                        "levity-tiny",
                        Bytes32.ZERO,
                        model.tokenizer().orElseThrow(),
                        new Transformer(model.weights(), k))),
                List.of(new MiniLmEmbeddingBackend(new MiniLmEmbedder(), "minilm", Bytes32.ZERO)),
                InferenceApi.Limits.defaults(),
                InferenceServer.Config.loopback(0))) {
      Process p =
          new ProcessBuilder(
                  "node",
                  "openai-e2e.mjs",
                  f.base + "/v1",
                  Hex.encode(ServingFixture.ALICE.privateKey().toArray()),
                  ServingFixture.PROVIDER.address().toHex(),
                  "1",
                  Long.toString(ServingFixture.NOW_SECONDS + 60))
              .directory(js.toFile())
              .redirectError(dir.resolve("node.err").toFile())
              .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue())
          .as("node failed:\n%s\n%s", stdout, Files.readString(dir.resolve("node.err")))
          .isZero();
      String line = stdout.strip().lines().reduce((a, b) -> b).orElseThrow();
      System.out.println("openai npm package against the provider: " + line);
      JsonNode r = ServingFixture.JSON.readTree(line);
      String provider = ServingFixture.PROVIDER.address().toHex();
      assertThat(r.path("models").toString()).contains("levity-tiny").contains("minilm");
      assertThat(r.path("plainObject").asText()).isEqualTo("chat.completion");
      assertThat(r.path("plain").asText()).isNotEmpty();
      assertThat(r.path("plainFinish").asText()).isEqualTo("length");
      assertThat(r.path("plainUsage").path("completion_tokens").asInt()).isEqualTo(10);
      assertThat(r.path("plainHashMatches").asBoolean()).isTrue();
      assertThat(r.path("plainSigner").asText()).isEqualToIgnoringCase(provider);
      assertThat(r.path("streamed").asText()).isEqualTo(r.path("plain").asText());
      assertThat(r.path("chunks").asInt()).isGreaterThan(3);
      assertThat(r.path("streamHashMatches").asBoolean()).isTrue();
      assertThat(r.path("streamSigner").asText()).isEqualToIgnoringCase(provider);
      assertThat(r.path("embeddings").toString()).isEqualTo("[384,384]");
      assertThat(r.path("embeddingNorm").asDouble())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(r.path("embeddingSigner").asText()).isEqualToIgnoringCase(provider);
      assertThat(r.path("unknownModel").asInt()).isEqualTo(404);
      assertThat(f.journal.receipts()).hasSize(3);
    }
  }

  private static boolean works(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(240, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
