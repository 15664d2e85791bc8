package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.tensor.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Training throughput of a ~2M-parameter Llama-style model (vocab 512, seq 128, batch 8) on 1 and 2
 * threads, printed; also checks both thread counts give the same state. Runs only with
 * -Dlevity.bench=true, under the build lock (hmvn holds it), since it measures wall time.
 */
@EnabledIfSystemProperty(named = "levity.bench", matches = "true")
class TrainBenchIT {
  static final int WARMUP = 2;
  static final int MEASURED = 6;

  @Test
  void measureStepsPerSecond() {
    ModelConfig model = ModelConfig.llama(512, 192, 4, 6, 2, 640, 128);
    TrainConfig config =
        new TrainConfig(model, 128, 8, 3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 1000, 1);
    int[] tokens = new int[200_000];
    for (int i = 0; i < tokens.length; i++) tokens[i] = (int) (((i * 2654435761L) >>> 7) % 512);
    List<String> hashes = new ArrayList<>();
    System.out.printf(Locale.ROOT, "model: %d parameters%n", TrainConfig.parameterCount(model));
    for (int threads : new int[] {1, 2}) {
      try (Kernels k = Kernels.best(threads)) {
        Trainer trainer = new Trainer(config, tokens, TrainerTest.DATASET, k);
        TrainState state = trainer.run(trainer.init(), WARMUP, StepListener.NONE);
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) trainer.step(state);
        double seconds = (System.nanoTime() - start) / 1e9;
        double steps = MEASURED / seconds;
        System.out.printf(
            Locale.ROOT,
            "%s, %d thread(s): %.3f steps/s, %.0f tokens/s (%.2f s/step)%n",
            k.isSimd() ? "SIMD" : "scalar",
            threads,
            steps,
            steps * 8 * 128,
            seconds / MEASURED);
        hashes.add(state.hash().toHex());
      }
    }
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
  }
}
