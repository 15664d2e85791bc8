package io.levity.bench.ai;

import io.levity.ai.model.KvCache;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Greedy decoding of {@link #TOKENS} tokens from a fresh KV cache on a seeded random model with the
 * shape of GPT-2 124M (vocabulary 50257, width 768, 12 layers of 12 heads, tied head) or of a small
 * Llama (4096 tokens, width 512, 6 layers, 8 query and 4 key/value heads), on the SIMD path with 1
 * or 2 threads. Tokens/s = {@link #TOKENS} / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class GenerationBench {
  /** Tokens decoded per operation. */
  public static final int TOKENS = 16;

  @Param({"gpt2-124m", "llama-small"})
  public String model;

  @Param({"1", "2"})
  public int threads;

  private Kernels kernels;
  private Transformer transformer;

  /** The two benchmark models' configs, by name. */
  public static ModelConfig config(String name) {
    return switch (name) {
      case "gpt2-124m" -> ModelConfig.gpt2(50257, 768, 12, 12, 1024);
      case "llama-small" -> ModelConfig.llama(4096, 512, 6, 8, 4, 1376, 1024);
      default -> throw new IllegalArgumentException("no benchmark model " + name);
    };
  }

  @Setup
  public void setup() {
    kernels = Kernels.simd(threads);
    transformer = new Transformer(ModelWeights.random(config(model), 1).withTiedHead(), kernels);
  }

  @TearDown
  public void close() {
    kernels.close();
  }

  @Benchmark
  public int decode() {
    KvCache cache = transformer.newCache();
    int token = 0;
    for (int i = 0; i < TOKENS; i++) {
      float[] logits = transformer.forward(new int[] {token}, cache);
      token = AiPeerMain.argmax(logits);
    }
    return token;
  }
}
