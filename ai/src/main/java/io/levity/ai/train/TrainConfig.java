package io.levity.ai.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.model.ModelConfig;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides a training run's bits besides the data: the model, the batch shape,
 * AdamW's parameters, clipping, the learning-rate schedule and the seed. Its canonical JSON ({@link
 * #toJson}) and that JSON's Keccak-256 ({@link #hash}) identify it; checkpoints carry the hash.
 *
 * @param model the model to train
 * @param seqLen tokens per row, at most the model's maxSeq
 * @param batchSize rows per step
 * @param lr the peak learning rate
 * @param beta1 AdamW's first-moment decay
 * @param beta2 AdamW's second-moment decay
 * @param eps AdamW's epsilon
 * @param weightDecay decoupled weight decay, applied to linear matrices only
 * @param clipNorm the largest global gradient norm; larger gradients are scaled down to it
 * @param warmupSteps steps of linear warmup from lr / warmupSteps to lr
 * @param totalSteps the schedule's length: cosine decay from lr to 0 at totalSteps
 * @param seed the seed of the initial weights and of the data order
 */
public record TrainConfig(
    ModelConfig model,
    int seqLen,
    int batchSize,
    float lr,
    float beta1,
    float beta2,
    float eps,
    float weightDecay,
    float clipNorm,
    int warmupSteps,
    int totalSteps,
    long seed) {
  /** The version of the canonical JSON; a change of meaning gets a new one. */
  public static final int VERSION = 1;

  static final int MAX_STEPS = 1_000_000_000;
  private static final long MAX_PARAMETERS = 1L << 30;
  private static final long MAX_ACTIVATION_FLOATS = Integer.MAX_VALUE - 8;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  public TrainConfig {
    if (model == null) throw new IllegalArgumentException("model is missing");
    range("vocabSize", model.vocabSize(), 2, 1 << 20);
    range("dim", model.dim(), 1, 1 << 14);
    range("layers", model.layers(), 1, 1024);
    range("hiddenDim", model.hiddenDim(), 1, 1 << 16);
    range("maxSeq", model.maxSeq(), 1, 1 << 16);
    range("seqLen", seqLen, 1, model.maxSeq());
    range("batchSize", batchSize, 1, 1 << 16);
    between("lr", lr, 0, false, 1);
    between("beta1", beta1, 0, true, 1);
    between("beta2", beta2, 0, true, 1);
    between("eps", eps, 0, false, 1);
    between("weightDecay", weightDecay, 0, true, 1);
    between("clipNorm", clipNorm, 0, false, 1e6);
    range("totalSteps", totalSteps, 1, MAX_STEPS);
    range("warmupSteps", warmupSteps, 0, totalSteps);
    if (!(Float.isFinite(model.ropeTheta()) && model.ropeTheta() > 1))
      throw new IllegalArgumentException("model ropeTheta must be finite and above 1");
    if (!(model.normEps() <= 1)) throw new IllegalArgumentException("model normEps must be <= 1");
    long params = parameterCount(model);
    if (params > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          "the model has " + params + " parameters, more than this trainer's " + MAX_PARAMETERS);
    }
    long rows = (long) batchSize * seqLen;
    long widest = Math.max(Math.max(model.vocabSize(), model.hiddenDim()), model.dim());
    long attention = (long) batchSize * model.heads() * seqLen * seqLen;
    if (rows * widest > MAX_ACTIVATION_FLOATS || attention > MAX_ACTIVATION_FLOATS) {
      throw new IllegalArgumentException(
          "batchSize x seqLen = " + rows + " rows is too large for this model's activations");
    }
  }

  /** The number of trainable floats of a model (every tensor of its weights). */
  public static long parameterCount(ModelConfig model) {
    long d = model.dim();
    long kv = model.kvDim();
    long h = model.hiddenDim();
    long b = model.bias() ? 1 : 0;
    long norm = model.norm() == ModelConfig.Norm.LAYER ? 2 * d : d;
    long mlpMatrices = model.mlp() == ModelConfig.Mlp.SWIGLU ? 3 : 2;
    long perLayer =
        2 * norm
            + 2 * (d * d + b * d)
            + 2 * (kv * d + b * kv)
            + (mlpMatrices - 1) * (h * d + b * h)
            + (d * h + b * d);
    long positions = model.positions() == ModelConfig.Positions.LEARNED ? model.maxSeq() * d : 0;
    return 2L * model.vocabSize() * d + positions + model.layers() * perLayer + norm;
  }

  /**
   * The learning rate of the update that takes the state from step to step + 1: linear warmup over
   * warmupSteps (lr (step + 1) / warmupSteps), then a cosine from lr down to 0 at totalSteps. The
   * cosine is StrictMath's, in double, rounded once to float.
   */
  public float learningRate(long step) {
    if (step < 0 || step >= totalSteps) {
      throw new IllegalArgumentException(
          "step " + step + " is outside the schedule's [0, " + totalSteps + ")");
    }
    if (step < warmupSteps) return (float) ((double) lr * (step + 1) / warmupSteps);
    double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
    return (float) (lr * 0.5 * (1 + StrictMath.cos(StrictMath.PI * progress)));
  }

  /**
   * The canonical JSON: fixed key order, no spaces, floats as Java's shortest round-trip decimal,
   * enums by name. Equal configs give equal strings.
   */
  public String toJson() {
    ModelConfig m = model;
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("vocabSize", m.vocabSize());
    model.put("dim", m.dim());
    model.put("layers", m.layers());
    model.put("heads", m.heads());
    model.put("kvHeads", m.kvHeads());
    model.put("hiddenDim", m.hiddenDim());
    model.put("maxSeq", m.maxSeq());
    model.put("norm", m.norm());
    model.put("positions", m.positions());
    model.put("mlp", m.mlp());
    model.put("bias", m.bias());
    model.put("normEps", m.normEps());
    model.put("ropeTheta", m.ropeTheta());
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("version", VERSION);
    all.put("model", model);
    all.put("seqLen", seqLen);
    all.put("batchSize", batchSize);
    all.put("lr", lr);
    all.put("beta1", beta1);
    all.put("beta2", beta2);
    all.put("eps", eps);
    all.put("weightDecay", weightDecay);
    all.put("clipNorm", clipNorm);
    all.put("warmupSteps", warmupSteps);
    all.put("totalSteps", totalSteps);
    all.put("seed", seed);
    return write(all);
  }

  private static String write(Map<String, Object> map) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (out.length() > 1) out.append(',');
      out.append('"').append(e.getKey()).append("\":");
      @SuppressWarnings("unchecked")
      String value =
          switch (e.getValue()) {
            case Map<?, ?> nested -> write((Map<String, Object>) nested);
            case Enum<?> en -> "\"" + en.name() + "\"";
            default -> String.valueOf(e.getValue());
          };
      out.append(value);
    }
    return out.append('}').toString();
  }

  /** Keccak-256 of the canonical JSON's UTF-8 bytes. */
  public Bytes32 hash() {
    return Keccak.hash(toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a config from JSON with exactly the keys of {@link #toJson} (in any order); throws
   * IllegalArgumentException naming a missing, unknown or ill-typed key or an out-of-range value.
   */
  public static TrainConfig fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the training config is not valid JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(root, "");
    long version = f.integer("version");
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "training config version " + version + " is not the supported " + VERSION);
    }
    Fields m = new Fields(f.node("model"), "model.");
    ModelConfig model =
        new ModelConfig(
            (int) m.integer("vocabSize"),
            (int) m.integer("dim"),
            (int) m.integer("layers"),
            (int) m.integer("heads"),
            (int) m.integer("kvHeads"),
            (int) m.integer("hiddenDim"),
            (int) m.integer("maxSeq"),
            m.choice("norm", ModelConfig.Norm.class),
            m.choice("positions", ModelConfig.Positions.class),
            m.choice("mlp", ModelConfig.Mlp.class),
            m.bool("bias"),
            m.real("normEps"),
            m.real("ropeTheta"));
    m.noOthers(
        Set.of(
            "vocabSize",
            "dim",
            "layers",
            "heads",
            "kvHeads",
            "hiddenDim",
            "maxSeq",
            "norm",
            "positions",
            "mlp",
            "bias",
            "normEps",
            "ropeTheta"));
    TrainConfig config =
        new TrainConfig(
            model,
            (int) f.integer("seqLen"),
            (int) f.integer("batchSize"),
            f.real("lr"),
            f.real("beta1"),
            f.real("beta2"),
            f.real("eps"),
            f.real("weightDecay"),
            f.real("clipNorm"),
            (int) f.integer("warmupSteps"),
            (int) f.integer("totalSteps"),
            f.longInteger("seed"));
    f.noOthers(
        Set.of(
            "version",
            "model",
            "seqLen",
            "batchSize",
            "lr",
            "beta1",
            "beta2",
            "eps",
            "weightDecay",
            "clipNorm",
            "warmupSteps",
            "totalSteps",
            "seed"));
    return config;
  }

  /** Typed access to one JSON object's fields, each error naming the key. */
  private record Fields(JsonNode node, String prefix) {
    Fields {
      if (node == null || !node.isObject())
        throw new IllegalArgumentException("training config: " + prefix + " is not a JSON object");
    }

    JsonNode node(String key) {
      JsonNode n = node.get(key);
      if (n == null)
        throw new IllegalArgumentException("training config: " + prefix + key + " is missing");
      return n;
    }

    long integer(String key) {
      JsonNode n = node(key);
      if (!n.isIntegralNumber() || !n.canConvertToInt())
        throw bad(key, "an integer in the int range");
      return n.intValue();
    }

    long longInteger(String key) {
      JsonNode n = node(key);
      if (!n.isIntegralNumber() || !n.canConvertToLong()) throw bad(key, "a 64-bit integer");
      return n.longValue();
    }

    float real(String key) {
      JsonNode n = node(key);
      if (!n.isNumber()) throw bad(key, "a number");
      // Parsed from the exact decimal, so the float is the correctly rounded one.
      return Float.parseFloat(n.decimalValue().toString());
    }

    boolean bool(String key) {
      JsonNode n = node(key);
      if (!n.isBoolean()) throw bad(key, "true or false");
      return n.booleanValue();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
      JsonNode n = node(key);
      for (E e : type.getEnumConstants())
        if (n.isTextual() && e.name().equals(n.textValue())) return e;
      throw bad(key, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    void noOthers(Set<String> known) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!known.contains(key))
          throw new IllegalArgumentException("training config: unknown key " + prefix + key);
      }
    }

    private IllegalArgumentException bad(String key, String expected) {
      return new IllegalArgumentException(
          "training config: " + prefix + key + " is " + node.get(key) + ", not " + expected);
    }
  }

  private static void range(String name, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          name + " is " + v + ", outside the supported [" + min + ", " + max + "]");
    }
  }

  private static void between(String name, float v, double min, boolean minIncluded, double max) {
    boolean ok = Float.isFinite(v) && (minIncluded ? v >= min : v > min) && v <= max;
    if (name.startsWith("beta")) ok = ok && v < max;
    if (!ok) {
      throw new IllegalArgumentException(
          name
              + " is "
              + v
              + ", outside "
              + (minIncluded ? "[" : "(")
              + min
              + ", "
              + max
              + (name.startsWith("beta") ? ")" : "]"));
    }
  }
}
