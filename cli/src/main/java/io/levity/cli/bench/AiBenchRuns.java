package io.levity.cli.bench;

import io.levity.ai.model.KvCache;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The measurements of {@code levity bench ai}: in this process, the memory bandwidth, the runtime's
 * matvec and greedy decoding; in child JVMs from the benchmarks jar, Jlama and the unordered
 * kernels (bench.ai.AiPeerMain), which never enter the runtime.
 */
final class AiBenchRuns {
  static final String PEER_MAIN = "io.levity.bench.ai.AiPeerMain";

  /** One decoding run: tokens/s and the greedy tokens chosen (from token 0), never shared. */
  @SuppressWarnings("ArrayRecordComponent")
  record Decode(double tokensPerSecond, int[] tokens) {}

  private AiBenchRuns() {}

  /** The benchmark models by name: GPT-2 124M's shape with a tied head, and a small Llama. */
  static ModelConfig model(String name) {
    return switch (name) {
      case "gpt2-124m" -> ModelConfig.gpt2(50257, 768, 12, 12, 1024);
      case "llama-small" -> ModelConfig.llama(4096, 512, 6, 8, 4, 1376, 1024);
      default ->
          throw new IllegalArgumentException(
              "unknown model '" + name + "' (gpt2-124m or llama-small)");
    };
  }

  static long parameters(ModelConfig c) {
    long total = 0;
    for (Map.Entry<String, int[]> e : ModelWeights.expectedShapes(c).entrySet()) {
      if (e.getKey().equals("lm_head.weight")) continue; // tied
      long n = 1;
      for (int d : e.getValue()) n *= d;
      total += n;
    }
    return total;
  }

  /**
   * GB/s of a streaming read of a 512 MiB float array (the runtime's SIMD sum, one pass per thread
   * over its half), the best of three passes.
   */
  static double bandwidth(int threads) throws InterruptedException {
    float[] a = new float[128 << 20];
    for (int i = 0; i < a.length; i += 1024) a[i] = i;
    double best = 0;
    try (Kernels k = Kernels.best(1)) {
      for (int pass = 0; pass < 4; pass++) {
        long t0 = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        int chunk = a.length / threads;
        float[] sink = new float[threads];
        for (int t = 0; t < threads; t++) {
          int id = t;
          running.add(Thread.ofPlatform().start(() -> sink[id] = k.sum(a, id * chunk, chunk)));
        }
        for (Thread t : running) t.join();
        double gbs = 4.0 * a.length / ((System.nanoTime() - t0) / 1e9) / 1e9;
        if (pass > 0 && sink[0] != -1) best = Math.max(best, gbs);
      }
    }
    return best;
  }

  /** GFLOP/s of the runtime's matvec, rows x cols, on the given path and threads. */
  static double matvec(int rows, int cols, boolean simd, int threads) {
    SplittableRandom r = new SplittableRandom(1);
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 2 - 1);
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    float[] out = new float[rows];
    try (Kernels k = Kernels.of(simd, threads, Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
      return 2.0 * rows * cols / timePerCall(() -> k.matvec(w, rows, cols, x, out)) / 1e9;
    }
  }

  /** Seconds per call: half a second of warm-up, then the mean over about a second. */
  static double timePerCall(Runnable step) {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 500_000_000L) step.run();
    int calls = 0;
    t0 = System.nanoTime();
    long elapsed;
    do {
      step.run();
      calls++;
      elapsed = System.nanoTime() - t0;
    } while (elapsed < 1_000_000_000L);
    return elapsed / 1e9 / calls;
  }

  /** Greedy decoding of n tokens from token 0 on the SIMD path, after an 8-token warm-up. */
  static Decode decode(ModelWeights weights, int threads, int n) {
    try (Kernels k = Kernels.best(threads)) {
      Transformer model = new Transformer(weights, k);
      greedy(model, Math.min(8, n));
      long t0 = System.nanoTime();
      int[] tokens = greedy(model, n);
      return new Decode(n / ((System.nanoTime() - t0) / 1e9), tokens);
    }
  }

  private static int[] greedy(Transformer model, int n) {
    KvCache cache = model.newCache();
    int[] out = new int[n];
    int token = 0;
    for (int i = 0; i < n; i++) {
      float[] logits = model.forward(new int[] {token}, cache);
      int best = 0;
      for (int j = 1; j < logits.length; j++) if (logits[j] > logits[best]) best = j;
      token = best;
      out[i] = token;
    }
    return out;
  }

  /**
   * Runs bench.ai.AiPeerMain with args in a child JVM from the benchmarks jar and returns its
   * {@code key value} lines; its output goes to log too. Throws with the log's tail on failure.
   */
  static Map<String, String> peer(Path benchJar, Path log, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xmx6g"));
    command.addAll(List.of("-cp", benchJar.toString(), PEER_MAIN));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(
          "the peer run " + List.of(args) + " took over 15 minutes (log: " + log + ")");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Map<String, String> values = new HashMap<>();
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space > 0) values.put(line.substring(0, space), line.substring(space + 1));
    }
    if (p.exitValue() != 0) {
      List<String> tail = lines.subList(Math.max(0, lines.size() - 8), lines.size());
      throw new IOException("exit code " + p.exitValue() + ": " + String.join(" | ", tail).strip());
    }
    return values;
  }

  /** Tokens per second of a Jlama run, and its tokens, from its key-value lines. */
  static Decode jlamaDecode(Map<String, String> values) throws IOException {
    String rate = values.get("tokens_per_s");
    String tokens = values.get("tokens");
    if (rate == null || tokens == null) throw new IOException("Jlama printed no result");
    String[] ids = tokens.split(",", -1);
    int[] t = new int[ids.length];
    for (int i = 0; i < ids.length; i++) t[i] = Integer.parseInt(ids[i].strip());
    return new Decode(Double.parseDouble(rate), t);
  }

  /** How many leading tokens two runs share. */
  static int samePrefix(int[] a, int[] b) {
    int n = 0;
    while (n < a.length && n < b.length && a[n] == b[n]) n++;
    return n;
  }
}
