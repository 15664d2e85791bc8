package io.levity.ai.train;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.tensor.Kernels;
import io.levity.core.bytes.Bytes32;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a model on a token dataset, deterministically: the same config, dataset and starting state
 * give the same bits after any number of steps, on any thread count and kernel path, and a run
 * resumed from a checkpoint equals a continuous one (docs/ai.md, Training). Not thread-safe; the
 * kernels bring their own threads.
 */
public final class Trainer {
  private final TrainConfig config;
  private final int[] tokens;
  private final DataOrder order;
  private final Kernels kernels;
  private final Backprop backprop;

  /**
   * A trainer of config over datasetTokens (copied), whose identity datasetId enters the data
   * order; throws when a token is outside the vocabulary or the dataset is shorter than a row.
   */
  public Trainer(TrainConfig config, int[] datasetTokens, Bytes32 datasetId, Kernels kernels) {
    this.config = config;
    this.tokens = datasetTokens.clone();
    int vocab = config.model().vocabSize();
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= vocab) {
        throw new IllegalArgumentException(
            "dataset token "
                + i
                + " is "
                + tokens[i]
                + ", outside the vocabulary [0, "
                + vocab
                + ")");
      }
    }
    this.order = new DataOrder(datasetId, config.seed(), tokens.length, config.seqLen());
    this.kernels = kernels;
    this.backprop = new Backprop(config.model(), config.batchSize(), config.seqLen(), kernels);
  }

  public TrainConfig config() {
    return config;
  }

  /**
   * Step 0 from seeded weights: norm gains 1, biases 0, embeddings uniform with standard deviation
   * 0.02, matrices uniform in +-1/sqrt(in) (the attention output and MLP down projections scaled by
   * 1/sqrt(2 layers)), drawn from SplittableRandom(seed) in weight-name order.
   */
  public TrainState init() {
    ModelConfig c = config.model();
    SplittableRandom random = new SplittableRandom(config.seed());
    SortedMap<String, float[]> weights = new TreeMap<>();
    double residualScale = 1 / Math.sqrt(2.0 * c.layers());
    for (Map.Entry<String, int[]> e : ModelWeights.expectedShapes(c).entrySet()) {
      String name = e.getKey();
      int[] shape = e.getValue();
      float[] data = new float[shape.length == 1 ? shape[0] : shape[0] * shape[1]];
      if (name.contains("norm.weight")) {
        Arrays.fill(data, 1f);
      } else if (shape.length == 2) {
        double bound;
        if (name.startsWith("embed.")) bound = 0.02 * Math.sqrt(3);
        else bound = 1 / Math.sqrt(shape[1]);
        if (name.endsWith("attn.o.weight") || name.endsWith("mlp.down.weight"))
          bound *= residualScale;
        for (int i = 0; i < data.length; i++)
          data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
      weights.put(name, data);
    }
    return TrainState.start(config, weights);
  }

  /** Step 0 from a model's weights (copied), for fine-tuning; its config must be this run's. */
  public TrainState from(ModelWeights base) {
    if (!base.config().equals(config.model())) {
      throw new IllegalArgumentException(
          "the base model's config " + base.config() + " is not this run's " + config.model());
    }
    SortedMap<String, float[]> weights = new TreeMap<>();
    for (String name : ModelWeights.expectedShapes(config.model()).keySet())
      weights.put(name, base.get(name).clone());
    return TrainState.start(config, weights);
  }

  /** Applies one update to state (advancing its step) and returns the batch's mean loss. */
  public float step(TrainState state) {
    return update(state, StepListener.NONE);
  }

  /**
   * Runs steps updates on a copy of from (which is left unchanged), telling progress after each;
   * returns the copy.
   */
  public TrainState run(TrainState from, int steps, StepListener progress) {
    if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    TrainState state = from.copy();
    for (int i = 0; i < steps; i++) update(state, progress);
    return state;
  }

  private float update(TrainState state, StepListener progress) {
    if (!state.config().equals(config)) {
      throw new IllegalArgumentException(
          "the state belongs to training config "
              + state.config().hash()
              + ", not "
              + config.hash());
    }
    long step = state.step();
    float lr = config.learningRate(step);
    int rows = config.batchSize() * config.seqLen();
    int[] inputs = new int[rows];
    int[] targets = new int[rows];
    order.batch(tokens, step, config.batchSize(), inputs, targets);
    SortedMap<String, float[]> grads = new TreeMap<>();
    float loss = backprop.lossAndGradients(state.weightArrays(), inputs, targets, grads);
    float norm = AdamW.globalNorm(kernels, grads);
    if (!Float.isFinite(loss) || !Float.isFinite(norm)) {
      throw new IllegalStateException(
          "training diverged at step " + step + ": loss " + loss + ", gradient norm " + norm);
    }
    AdamW.update(
        config,
        step,
        lr,
        norm,
        grads,
        state.weightArrays(),
        state.firstMoments(),
        state.secondMoments());
    state.advance();
    progress.onStep(step, loss, lr, norm);
    return loss;
  }
}
