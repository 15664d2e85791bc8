package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.tensor.Kernels;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training gives the same bits on every thread count and kernel path, a resumed run equals a
 * continuous one, and the loss falls when memorising a short text.
 */
class TrainerTest {
  static final Bytes32 DATASET = Keccak.hash("a test dataset".getBytes(StandardCharsets.UTF_8));

  static TrainConfig config(ModelConfig model, int seqLen, int batch, float lr, int total) {
    return new TrainConfig(model, seqLen, batch, lr, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 2, total, 7);
  }

  static List<TrainConfig> configs() {
    return List.of(
        // Odd widths so the SIMD kernels have tails; clipNorm small enough to clip.
        config(ModelConfig.gpt2(37, 20, 2, 4, 12), 9, 3, 3e-3f, 10),
        config(ModelConfig.llama(37, 24, 2, 4, 2, 19, 12), 9, 3, 3e-3f, 10));
  }

  static int[] tokens(int count, int vocab) {
    int[] t = new int[count];
    for (int i = 0; i < count; i++) t[i] = (i * 7 + i / 5) % vocab;
    return t;
  }

  /** The losses of steps updates, then the state's hash as the last entry. */
  static List<String> train(TrainConfig c, Kernels k, int steps) {
    Trainer trainer = new Trainer(c, tokens(200, c.model().vocabSize()), DATASET, k);
    List<String> out = new ArrayList<>();
    TrainState s =
        trainer.run(
            trainer.init(),
            steps,
            (step, loss, lr, norm) ->
                out.add(
                    step
                        + ":"
                        + Float.floatToRawIntBits(loss)
                        + ":"
                        + Float.floatToRawIntBits(lr)
                        + ":"
                        + Float.floatToRawIntBits(norm)));
    out.add(s.hash().toHex());
    return out;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void trainingIsTheSameBitsOnEveryPathAndThreadCount(TrainConfig c) {
    List<String> reference;
    try (Kernels k = Kernels.scalar(1)) {
      reference = train(c, k, 4);
    }
    assertThat(reference).hasSize(5);
    for (Kernels k :
        List.of(
            Kernels.of(true, 1, 0),
            Kernels.of(true, 2, 0),
            Kernels.of(true, 3, 0),
            Kernels.of(false, 2, 0),
            Kernels.of(false, 3, 0))) {
      try (k) {
        assertThat(train(c, k, 4))
            .as((k.isSimd() ? "SIMD" : "scalar") + " on " + k.threads() + " threads")
            .isEqualTo(reference);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aResumedRunEqualsAContinuousOne(TrainConfig c) throws Exception {
    try (Kernels k = Kernels.of(true, 2, 0)) {
      Trainer trainer = new Trainer(c, tokens(200, c.model().vocabSize()), DATASET, k);
      TrainState start = trainer.init();
      byte[] continuous = trainer.run(start, 6, StepListener.NONE).toBytes();
      byte[] half = trainer.run(start, 3, StepListener.NONE).toBytes();
      TrainState resumed = TrainState.fromBytes(half, c);
      assertThat(resumed.step()).isEqualTo(3);
      assertThat(trainer.run(resumed, 3, StepListener.NONE).toBytes()).isEqualTo(continuous);
      assertThat(half).isNotEqualTo(continuous);
      assertThat(start.step()).as("run works on a copy").isZero();
    }
  }

  @Test
  void theLossFallsWhenMemorisingAShortText() {
    String text = "the quick brown fox jumps over the lazy dog. ";
    byte[] bytes = text.repeat(40).getBytes(StandardCharsets.US_ASCII);
    int[] tokens = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) tokens[i] = bytes[i] - 32;
    for (ModelConfig model :
        List.of(ModelConfig.gpt2(96, 32, 2, 4, 24), ModelConfig.llama(96, 32, 2, 4, 2, 64, 24))) {
      TrainConfig c = new TrainConfig(model, 24, 4, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.01f, 1f, 5, 80, 3);
      try (Kernels k = Kernels.best(2)) {
        Trainer trainer = new Trainer(c, tokens, DATASET, k);
        List<Float> losses = new ArrayList<>();
        trainer.run(trainer.init(), 80, (step, loss, lr, norm) -> losses.add(loss));
        float first = losses.get(0);
        float last = losses.get(losses.size() - 1);
        assertThat(first).as(model.norm() + " start").isGreaterThan(4f);
        assertThat(last).as(model.norm() + " end").isLessThan(0.5f);
      }
    }
  }

  @Test
  void initIsSeededAndFineTuningCopiesTheBase() {
    TrainConfig c = configs().get(1);
    try (Kernels k = Kernels.scalar(1)) {
      Trainer trainer = new Trainer(c, tokens(200, 37), DATASET, k);
      assertThat(trainer.init().hash()).isEqualTo(trainer.init().hash());
      TrainConfig other =
          new TrainConfig(c.model(), 9, 3, 3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 2, 10, 8);
      TrainState reseeded = new Trainer(other, tokens(200, 37), DATASET, k).init();
      assertThat(reseeded.weights().get("embed.tokens"))
          .isNotEqualTo(trainer.init().weights().get("embed.tokens"));
      TrainState base = trainer.run(trainer.init(), 2, StepListener.NONE);
      TrainState tuned = trainer.from(base.weights());
      assertThat(tuned.step()).isZero();
      assertThat(tuned.weights().get("lm_head.weight"))
          .isEqualTo(base.weights().get("lm_head.weight"));
      trainer.step(tuned);
      assertThat(tuned.weights().get("lm_head.weight"))
          .as("the base is copied, not trained in place")
          .isNotEqualTo(base.weights().get("lm_head.weight"));
    }
  }

  @Test
  void badInputsAreRefused() {
    TrainConfig c = configs().get(0);
    try (Kernels k = Kernels.scalar(1)) {
      int[] bad = tokens(200, 37);
      bad[150] = 37;
      assertThatThrownBy(() -> new Trainer(c, bad, DATASET, k))
          .hasMessageContaining("dataset token 150 is 37");
      assertThatThrownBy(() -> new Trainer(c, tokens(10, 37), DATASET, k))
          .hasMessageContaining("at least 11");
      Trainer trainer = new Trainer(c, tokens(200, 37), DATASET, k);
      TrainState done = trainer.run(trainer.init(), 10, StepListener.NONE);
      assertThatThrownBy(() -> trainer.step(done)).hasMessageContaining("outside the schedule");
      Trainer other = new Trainer(configs().get(1), tokens(200, 37), DATASET, k);
      assertThatThrownBy(() -> other.step(trainer.init()))
          .hasMessageContaining("belongs to training config");
    }
  }
}
