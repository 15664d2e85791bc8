package io.levity.cli.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.LevityRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake on a levity ai command is one line on stderr and exit 1, no stack trace. */
class AiCommandErrorsTest {
  @TempDir Path dir;

  private static void refused(LevityRun r, String reason) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse(""))
        .startsWith("levity ai ")
        .contains(reason);
  }

  @Test
  void generateRefusesBadPromptsAndLimits() throws Exception {
    refused(LevityRun.run("ai", "generate", ""), "the prompt is empty");
    refused(
        LevityRun.run("ai", "generate", "x".repeat(AiGenerateCommand.MAX_PROMPT_CHARS + 1)),
        "longer than");
    refused(LevityRun.run("ai", "generate", "hi", "--max-tokens", "0"), "--max-tokens must be");
    refused(LevityRun.run("ai", "generate", "hi", "--threads", "0"), "--threads must be");
    refused(
        LevityRun.run("ai", "generate", "hi", "--model", dir.resolve("none").toString()),
        "neither a 0x storage root nor a model file");
    Path junk = dir.resolve("junk.safetensors");
    Files.writeString(junk, "not a model");
    LevityRun broken = LevityRun.run("ai", "generate", "hi", "--model", junk.toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.err()).startsWith("levity ai generate: ").doesNotContain("\tat ");
    refused(LevityRun.run("ai", "generate", "hi", "--temperature", "-1"), "temperature must be");
  }

  @Test
  void trainAndNetworkCommandsExplainWhatIsMissing() throws Exception {
    Path corpus = dir.resolve("c.txt");
    Files.writeString(corpus, "some text ".repeat(100));
    refused(
        LevityRun.run("ai", "train", "--preset", "nope", "--corpus", corpus.toString()),
        "no preset 'nope'");
    refused(
        LevityRun.run(
            "ai",
            "train",
            "--preset",
            "test",
            "--config",
            corpus.toString(),
            "--corpus",
            corpus.toString()),
        "exactly one of --preset");
    refused(LevityRun.run("ai", "train", "--preset", "test"), "--corpus FILE");
    refused(
        LevityRun.run(
            "ai", "train", "--preset", "test", "--corpus", dir.resolve("none").toString()),
        "no such corpus file");
    refused(
        LevityRun.run(
            "ai",
            "verify-training",
            "1",
            "--segment",
            "0",
            "--compute",
            dir.resolve("none.json").toString()),
        "no compute network file");
    refused(LevityRun.run("ai", "import", dir.resolve("none").toString()), "no such file");
    refused(LevityRun.run("ai", "embed", " "), "the text is empty");
  }
}
