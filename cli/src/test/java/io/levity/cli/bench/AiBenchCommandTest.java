package io.levity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.ai.model.ModelWeights;
import io.levity.cli.LevityRun;
import org.junit.jupiter.api.Test;

/** levity bench ai: bad options refused before anything runs; the models it names and counts. */
class AiBenchCommandTest {
  @Test
  void badOptionsAreRefusedBeforeAnyMeasurement() {
    LevityRun tokens = LevityRun.run("bench", "ai", "--tokens", "0");
    assertThat(tokens.exit()).isEqualTo(2);
    assertThat(tokens.err()).contains("--tokens must be in 1..512");
    LevityRun model = LevityRun.run("bench", "ai", "--model", "gpt5");
    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).contains("unknown model 'gpt5'");
    assertThat(model.out()).doesNotContain("memory bandwidth");
    LevityRun threads = LevityRun.run("bench", "ai", "--threads", "1,0");
    assertThat(threads.exit()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads must be in 1..64, got 0");
  }

  @Test
  void theGpt2ModelHasGpt2SmallsParameterCount() {
    // GPT-2 small: 124,439,808 parameters with the head tied to the embedding.
    assertThat(AiBenchRuns.parameters(AiBenchRuns.model("gpt2-124m"))).isEqualTo(124_439_808L);
    assertThat(ModelWeights.expectedShapes(AiBenchRuns.model("llama-small")))
        .containsKey("layers.5.mlp.gate.weight");
  }

  @Test
  void agreementCountsTheSharedPrefix() {
    assertThat(AiBenchRuns.samePrefix(new int[] {1, 2, 3}, new int[] {1, 2, 4})).isEqualTo(2);
    assertThat(AiBenchRuns.samePrefix(new int[] {1, 2}, new int[] {1, 2})).isEqualTo(2);
    assertThat(AiBenchRuns.samePrefix(new int[] {5}, new int[] {1})).isZero();
  }
}
