package io.levity.ai.train;

import io.levity.ai.model.ModelWeights;
import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.FloatTensor;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A training run's state between steps: the step count, the weights and AdamW's first and second
 * moments per weight. Saved as ONE safetensors file (docs/ai.md, Training): weights as {@code
 * model.<name>}, moments as {@code adam.m.<name>} and {@code adam.v.<name>}, metadata {@code
 * format}, {@code step}, {@code config_hash} and {@code config}; the same state always gives the
 * same bytes. Mutable: {@link Trainer#step} advances it. Not thread-safe.
 */
public final class TrainState {
  /** The checkpoint format named in the metadata. */
  public static final String FORMAT = "levity-train-state/1";

  private static final String MODEL = "model.";
  private static final String M = "adam.m.";
  private static final String V = "adam.v.";

  private final TrainConfig config;
  private long step;
  private final SortedMap<String, float[]> weights;
  private final SortedMap<String, float[]> m;
  private final SortedMap<String, float[]> v;

  private TrainState(
      TrainConfig config,
      long step,
      SortedMap<String, float[]> weights,
      SortedMap<String, float[]> m,
      SortedMap<String, float[]> v) {
    this.config = config;
    this.step = step;
    this.weights = weights;
    this.m = m;
    this.v = v;
  }

  /** Step 0 with these weights (taken, not copied) and zero moments. */
  static TrainState start(TrainConfig config, SortedMap<String, float[]> weights) {
    SortedMap<String, float[]> m = new TreeMap<>();
    SortedMap<String, float[]> v = new TreeMap<>();
    for (Map.Entry<String, float[]> e : weights.entrySet()) {
      m.put(e.getKey(), new float[e.getValue().length]);
      v.put(e.getKey(), new float[e.getValue().length]);
    }
    return new TrainState(config, 0, weights, m, v);
  }

  /** Updates applied so far; the next step's batch and learning rate are those of this step. */
  public long step() {
    return step;
  }

  public TrainConfig config() {
    return config;
  }

  /** The current weights as a model (sharing this state's arrays: copy before the next step). */
  public ModelWeights weights() {
    try {
      return ModelWeights.from(config.model(), new SafetensorsFile(tensors(weights, ""), Map.of()));
    } catch (SafetensorsException e) {
      throw new IllegalStateException("a training state always holds its config's weights", e);
    }
  }

  /** An independent copy. */
  public TrainState copy() {
    return new TrainState(config, step, deepCopy(weights), deepCopy(m), deepCopy(v));
  }

  /** The checkpoint's bytes. */
  public byte[] toBytes() {
    SortedMap<String, FloatTensor> all = new TreeMap<>();
    all.putAll(tensors(weights, MODEL));
    all.putAll(tensors(m, M));
    all.putAll(tensors(v, V));
    Map<String, String> metadata =
        Map.of(
            "format", FORMAT,
            "step", Long.toString(step),
            "config_hash", config.hash().toHex(),
            "config", config.toJson());
    return SafetensorsWriter.toBytes(new SafetensorsFile(all, metadata));
  }

  /** Keccak-256 of {@link #toBytes()}: equal exactly when the checkpoints are equal. */
  public Bytes32 hash() {
    return Keccak.hash(toBytes());
  }

  public void save(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  public static TrainState load(Path file, TrainConfig config) throws IOException {
    return fromBytes(Files.readAllBytes(file), config);
  }

  /**
   * Reads a checkpoint of a run with this config; refuses (naming the problem) a malformed file, a
   * checkpoint of another config, and a missing, extra or misshapen tensor.
   */
  public static TrainState fromBytes(byte[] bytes, TrainConfig config) throws CheckpointException {
    SafetensorsFile file;
    try {
      file = SafetensorsReader.read(bytes);
    } catch (SafetensorsException e) {
      throw new CheckpointException(
          "the checkpoint is not a valid safetensors file: " + e.getMessage(), e);
    }
    Map<String, String> meta = file.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new CheckpointException(
          "the checkpoint's format is " + meta.get("format") + ", not " + FORMAT);
    }
    String expectedHash = config.hash().toHex();
    if (!expectedHash.equals(meta.get("config_hash"))) {
      throw new CheckpointException(
          "the checkpoint belongs to training config "
              + meta.get("config_hash")
              + ", not this run's "
              + expectedHash);
    }
    long step = parseStep(meta.get("step"), config);
    SortedMap<String, int[]> shapes = ModelWeights.expectedShapes(config.model());
    for (String name : file.tensors().keySet()) {
      String weight = weightName(name);
      if (weight == null || !shapes.containsKey(weight))
        throw new CheckpointException("the checkpoint has an unexpected tensor '" + name + "'");
    }
    return new TrainState(
        config, step, read(file, shapes, MODEL), read(file, shapes, M), read(file, shapes, V));
  }

  private static long parseStep(String text, TrainConfig config) throws CheckpointException {
    long step;
    try {
      step = Long.parseLong(text == null ? "" : text);
    } catch (NumberFormatException e) {
      throw new CheckpointException("the checkpoint's step '" + text + "' is not a number", e);
    }
    if (step < 0 || step > config.totalSteps() || !Long.toString(step).equals(text)) {
      throw new CheckpointException(
          "the checkpoint's step " + text + " is outside [0, " + config.totalSteps() + "]");
    }
    return step;
  }

  private static String weightName(String tensor) {
    for (String prefix : new String[] {MODEL, M, V}) {
      if (tensor.startsWith(prefix)) return tensor.substring(prefix.length());
    }
    return null;
  }

  private static SortedMap<String, float[]> read(
      SafetensorsFile file, SortedMap<String, int[]> shapes, String prefix)
      throws CheckpointException {
    SortedMap<String, float[]> out = new TreeMap<>();
    for (Map.Entry<String, int[]> e : shapes.entrySet()) {
      String name = prefix + e.getKey();
      FloatTensor t = file.tensors().get(name);
      if (t == null) throw new CheckpointException("the checkpoint has no tensor '" + name + "'");
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new CheckpointException(
            "tensor '"
                + name
                + "' has shape "
                + Arrays.toString(t.shape())
                + ", the config needs "
                + Arrays.toString(e.getValue()));
      }
      out.put(e.getKey(), t.data());
    }
    return out;
  }

  /**
   * The first element, in checkpoint order (tensor names sorted, then flat index), whose bits
   * differ from other's; empty when every tensor is bit-identical. Compares tensors only: compare
   * {@link #step()} separately. Both states must have the same config.
   */
  public Optional<TensorDifference> firstDifference(TrainState other) {
    if (!config.equals(other.config))
      throw new IllegalArgumentException("the states belong to different training configs");
    SortedMap<String, FloatTensor> mine = all();
    SortedMap<String, FloatTensor> theirs = other.all();
    for (Map.Entry<String, FloatTensor> e : mine.entrySet()) {
      float[] a = e.getValue().data();
      float[] b = theirs.get(e.getKey()).data();
      for (int i = 0; i < a.length; i++) {
        if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i]))
          return Optional.of(new TensorDifference(e.getKey(), i, a[i], b[i]));
      }
    }
    return Optional.empty();
  }

  private SortedMap<String, FloatTensor> all() {
    SortedMap<String, FloatTensor> all = new TreeMap<>();
    all.putAll(tensors(weights, MODEL));
    all.putAll(tensors(m, M));
    all.putAll(tensors(v, V));
    return all;
  }

  SortedMap<String, float[]> weightArrays() {
    return weights;
  }

  SortedMap<String, float[]> firstMoments() {
    return m;
  }

  SortedMap<String, float[]> secondMoments() {
    return v;
  }

  void advance() {
    step++;
  }

  private SortedMap<String, FloatTensor> tensors(SortedMap<String, float[]> arrays, String prefix) {
    SortedMap<String, int[]> shapes = ModelWeights.expectedShapes(config.model());
    SortedMap<String, FloatTensor> out = new TreeMap<>();
    for (Map.Entry<String, float[]> e : arrays.entrySet())
      out.put(prefix + e.getKey(), new FloatTensor(shapes.get(e.getKey()), e.getValue()));
    return out;
  }

  private static SortedMap<String, float[]> deepCopy(SortedMap<String, float[]> arrays) {
    SortedMap<String, float[]> out = new TreeMap<>();
    for (Map.Entry<String, float[]> e : arrays.entrySet())
      out.put(e.getKey(), e.getValue().clone());
    return out;
  }
}
