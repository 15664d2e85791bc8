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
 * Training throughput of the default model's shape, a ~2M-parameter Llama and GPT-2 124M's shape
 * (seq 128) on 1 and 2 threads, printed; also checks both thread counts give the same state. Runs
 * only with -Dlevity.bench=true, under the build lock (hmvn holds it), since it measures wall time.
 */
@EnabledIfSystemProperty(named = "levity.bench", matches = "true")
class TrainBenchIT {
  static final int WARMUP = 2;
  static final int MEASURED = 6;

  /** One measured shape: its model, batch rows and steps. */
  private record Shape(String name, ModelConfig model, int batch, int warmup, int measured) {}

  @Test
  void measureStepsPerSecond() {
    List<Shape> shapes =
        List.of(
            // the default model's shape (the tiny preset of levity ai train)
            new Shape("default model", ModelConfig.llama(1024, 128, 4, 4, 2, 352, 128), 8, 2, 8),
            new Shape(
                "2M Llama", ModelConfig.llama(512, 192, 4, 6, 2, 640, 128), 8, WARMUP, MEASURED),
            // GPT-2 124M's shape with random weights, one row of 128 tokens a step
            new Shape("GPT-2 124M", ModelConfig.gpt2(50257, 768, 12, 12, 1024), 1, 1, 2));
    for (Shape shape : shapes) measure(shape);
  }

  private static void measure(Shape shape) {
    ModelConfig model = shape.model();
    int vocab = model.vocabSize();
    TrainConfig config =
        new TrainConfig(
            model, 128, shape.batch(), 3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 1000, 1);
    int[] tokens = new int[200_000];
    for (int i = 0; i < tokens.length; i++) tokens[i] = (int) (((i * 2654435761L) >>> 7) % vocab);
    List<String> hashes = new ArrayList<>();
    System.out.printf(
        Locale.ROOT, "%s: %d parameters%n", shape.name(), TrainConfig.parameterCount(model));
    for (int threads : new int[] {1, 2}) {
      try (Kernels k = Kernels.best(threads)) {
        Trainer trainer = new Trainer(config, tokens, TrainerTest.DATASET, k);
        TrainState state = trainer.run(trainer.init(), shape.warmup(), StepListener.NONE);
        long start = System.nanoTime();
        StringBuilder losses = new StringBuilder();
        for (int i = 0; i < shape.measured(); i++)
          losses.append(Float.floatToRawIntBits(trainer.step(state))).append(' ');
        double seconds = (System.nanoTime() - start) / 1e9;
        double steps = shape.measured() / seconds;
        System.out.printf(
            Locale.ROOT,
            "  %s, %d thread(s): %.3f steps/s, %.0f tokens/s (%.2f s/step)%n",
            k.isSimd() ? "SIMD" : "scalar",
            threads,
            steps,
            steps * shape.batch() * 128,
            seconds / shape.measured());
        // a checkpoint of GPT-2 124M's shape is ~2 GB, more than one byte array holds: compare
        // the losses' bits there, and the whole state's hash for the small shapes
        boolean small = TrainConfig.parameterCount(model) < 50_000_000;
        hashes.add(small ? state.hash().toHex() : losses.toString());
      }
    }
    assertThat(hashes.get(1)).as(shape.name()).isEqualTo(hashes.get(0));
  }
}
