package io.levity.bench.ai;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The peer side of {@code levity bench ai}, one measurement per child JVM (Jlama's thread pool is
 * static, so each thread count needs its own process). Prints {@code key value} lines:
 *
 * <ul>
 *   <li>{@code jlama DIR THREADS TOKENS}: loads the Hugging Face folder DIR in Jlama (F32 weights
 *       and F32 working type, as Levity), decodes TOKENS greedy tokens from token 0 after a
 *       warm-up; prints {@code tokens_per_s} and the {@code tokens}.
 *   <li>{@code unordered ROWS COLS}: GFLOP/s of each {@link UnorderedMatvec} kernel on one thread
 *       (and the vector one on all cores).
 * </ul>
 */
public final class AiPeerMain {
  private AiPeerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("jlama")) {
      jlama(new File(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    } else if (args.length == 3 && args[0].equals("unordered")) {
      unordered(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    } else {
      System.err.println("usage: AiPeerMain jlama DIR THREADS TOKENS | unordered ROWS COLS");
      System.exit(2);
    }
  }

  private static void jlama(File dir, int threads, int tokens) {
    PhysicalCoreExecutor.overrideThreadCount(threads);
    AbstractModel model = ModelSupport.loadModel(dir, DType.F32, DType.F32);
    try (KvBufferCache cache = new KvBufferCache(model)) {
      greedy(model, cache, Math.min(8, tokens));
      long t0 = System.nanoTime();
      int[] out = greedy(model, cache, tokens);
      double seconds = (System.nanoTime() - t0) / 1e9;
      StringJoiner ids = new StringJoiner(",");
      for (int t : out) ids.add(Integer.toString(t));
      System.out.printf(Locale.ROOT, "tokens_per_s %.3f%n", tokens / seconds);
      System.out.println("tokens " + ids);
    }
  }

  /** Greedy decoding from token 0 in a fresh KV buffer: the n tokens chosen. */
  private static int[] greedy(AbstractModel model, KvBufferCache cache, int n) {
    int[] out = new int[n];
    try (KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID())) {
      int token = 0;
      for (int pos = 0; pos < n; pos++) {
        AbstractTensor<?, ?> hidden = model.forward(token, pos, kv, Optional.empty());
        float[] probs = model.getLogits(hidden);
        hidden.close();
        token = argmax(probs);
        out[pos] = token;
      }
    }
    return out;
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  private static void unordered(int rows, int cols) {
    float[] w = MatvecBench.random(rows * cols, 1);
    float[] x = MatvecBench.random(cols, 2);
    float[] out = new float[rows];
    String[] names = {"plainLoop", "fmaLoop", "vectorFma", "vectorFmaAllCores"};
    for (int k = 0; k < names.length; k++) {
      int kernel = k;
      Runnable step =
          () -> {
            switch (kernel) {
              case 0 -> UnorderedMatvec.plainLoop(w, rows, cols, x, out);
              case 1 -> UnorderedMatvec.fmaLoop(w, rows, cols, x, out);
              default -> UnorderedMatvec.vectorFma(w, rows, cols, x, out, kernel == 3);
            }
          };
      double seconds = timePerCall(step);
      System.out.printf(Locale.ROOT, "%s %.3f%n", names[k], 2.0 * rows * cols / seconds / 1e9);
    }
  }

  /**
   * Seconds per call: batches of doubling size until one lasts a second (the smaller ones are the
   * warm-up); the mean over that batch.
   */
  static double timePerCall(Runnable step) {
    for (int calls = 1; ; calls *= 2) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) step.run();
      long elapsed = System.nanoTime() - t0;
      if (elapsed >= 1_000_000_000L) return elapsed / 1e9 / calls;
    }
  }
}
