package io.levity.cli.bench;

import io.levity.ai.hf.HfCheckpoints;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.tensor.Kernels;
import io.levity.ai.tokenizer.BpeTokenizer;
import io.levity.cli.bench.AiBenchRuns.Decode;
import io.levity.cli.options.LevityHomeOption;
import io.levity.cli.process.Directories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench ai}: the deterministic runtime's matvec against this machine's memory
 * bandwidth and against unordered kernels (the cost of determinism), and greedy decoding on random
 * models beside Jlama loading the same weights exported as a Hugging Face folder.
 */
@Command(name = "ai", sortOptions = false)
public final class AiBenchCommand implements Callable<Integer> {
  private static final int[][] SHAPES = {{768, 768}, {768, 3072}, {4096, 4096}};

  @Spec CommandSpec spec;

  @Option(names = "--tokens", paramLabel = "N")
  int tokens = 32;

  @Option(names = "--model", paramLabel = "NAME", split = ",")
  List<String> models = List.of("gpt2-124m", "llama-small");

  @Option(names = "--threads", paramLabel = "N", split = ",")
  List<Integer> threads = List.of(1, 2);

  @Option(names = "--no-peer")
  boolean noPeer;

  @Option(names = "--keep")
  boolean keep;

  @Mixin LevityHomeOption home;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (tokens < 1 || tokens > 512)
      throw new ParameterException(spec.commandLine(), "--tokens must be in 1..512");
    for (int t : threads) {
      if (t < 1 || t > 64)
        throw new ParameterException(spec.commandLine(), "--threads must be in 1..64, got " + t);
    }
    for (String m : models) {
      try {
        AiBenchRuns.model(m);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage(), e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path jar = home.root().resolve("bench/target/levity-benchmarks.jar");
    String noJar =
        "not run: " + jar + " is missing (build it: mvn -pl bench -am package -DskipTests)";
    boolean peers = !noPeer && Files.isRegularFile(jar);
    Path dir = Files.createTempDirectory("levity-bench-ai-");
    try {
      out.printf(
          Locale.ROOT,
          "levity bench ai: Java %s, %d cores, %s path, greedy decoding of %d tokens%n",
          Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          Kernels.SIMD_AVAILABLE ? "SIMD (256-bit Vector API)" : "scalar",
          tokens);
      err.println("levity: measuring memory bandwidth ...");
      double bw1 = AiBenchRuns.bandwidth(1);
      double bw2 = AiBenchRuns.bandwidth(2);
      out.printf(
          Locale.ROOT,
          "memory bandwidth, streaming read of a 512 MiB float array: %.1f GB/s on 1 thread,"
              + " %.1f GB/s on 2%n%n",
          bw1,
          bw2);
      matvecTable(out, err, jar, dir, peers, bw1, bw2, noPeer ? "not run (--no-peer)" : noJar);
      generationTable(out, err, jar, dir, peers, noPeer ? "not run (--no-peer)" : noJar);
      return 0;
    } finally {
      if (keep) err.println("levity: kept " + dir);
      else Directories.deleteTree(dir);
    }
  }

  private void matvecTable(
      PrintWriter out,
      PrintWriter err,
      Path jar,
      Path dir,
      boolean peers,
      double bw1,
      double bw2,
      String whyNoPeer)
      throws IOException, InterruptedException {
    out.printf(
        Locale.ROOT,
        "%-22s %-30s %7s %9s %7s %9s%n",
        "matvec",
        "kernel",
        "threads",
        "GFLOP/s",
        "GB/s",
        "of bw");
    for (int[] s : SHAPES) {
      String shape =
          String.format(Locale.ROOT, "%d x %d, %.1f MB", s[0], s[1], 4.0 * s[0] * s[1] / 1e6);
      err.printf("levity: matvec %s ...%n", shape);
      double simd1 = AiBenchRuns.matvec(s[0], s[1], Kernels.SIMD_AVAILABLE, 1);
      row(out, shape, "levity SIMD", 1, simd1, bw1);
      double simd2 = AiBenchRuns.matvec(s[0], s[1], Kernels.SIMD_AVAILABLE, 2);
      row(out, "", "levity SIMD", 2, simd2, bw2);
      row(out, "", "levity scalar", 1, AiBenchRuns.matvec(s[0], s[1], false, 1), bw1);
      if (!peers) {
        out.printf("%-22s determinism cost: %s%n", "", whyNoPeer);
        continue;
      }
      Map<String, String> u;
      try {
        u = AiBenchRuns.peer(jar, dir.resolve("unordered.log"), "unordered", "" + s[0], "" + s[1]);
      } catch (IOException e) {
        out.printf("%-22s determinism cost: failed: %s%n", "", e.getMessage());
        continue;
      }
      row(out, "", "unordered plain loop", 1, Double.parseDouble(u.get("plainLoop")), bw1);
      row(out, "", "unordered Math.fma loop", 1, Double.parseDouble(u.get("fmaLoop")), bw1);
      double fma1 = Double.parseDouble(u.get("vectorFma"));
      row(out, "", "unordered vector FMA", 1, fma1, bw1);
      double fma2 = Double.parseDouble(u.get("vectorFmaAllCores"));
      row(out, "", "unordered vector FMA", 2, fma2, bw2);
      out.printf(
          Locale.ROOT,
          "%-22s determinism cost: %.2fx on 1 thread, %.2fx on 2 (unordered FMA / levity SIMD)%n",
          "",
          fma1 / simd1,
          fma2 / simd2);
    }
    out.println(
        "GB/s: weight bytes read per second (4 per multiply-add); a matrix that fits in the"
            + " caches can pass the memory bandwidth (\"of bw\").");
    out.println();
  }

  private static void row(
      PrintWriter out, String shape, String kernel, int threads, double gflops, double bandwidth) {
    // A matvec reads each float32 weight once for one multiply-add: 4 bytes per 2 flops.
    double gbs = gflops * 2;
    out.printf(
        Locale.ROOT,
        "%-22s %-30s %7d %9.2f %7.1f %8.0f%%%n",
        shape,
        kernel,
        threads,
        gflops,
        gbs,
        100 * gbs / bandwidth);
  }

  private void generationTable(
      PrintWriter out, PrintWriter err, Path jar, Path dir, boolean peers, String whyNoPeer)
      throws IOException, InterruptedException {
    out.printf(
        Locale.ROOT,
        "%-30s %7s %13s %12s %8s  %s%n",
        "generation (random weights)",
        "threads",
        "levity tok/s",
        "Jlama tok/s",
        "ratio",
        "same greedy tokens");
    for (String name : models) {
      ModelConfig config = AiBenchRuns.model(name);
      err.printf("levity: building and exporting %s ...%n", name);
      ModelWeights weights = ModelWeights.random(config, 1).withTiedHead();
      Path folder = dir.resolve(name);
      BpeTokenizer tokenizer = BpeTokenizer.train("the levity benchmark tokenizer", 260);
      HfCheckpoints.write(weights, Optional.of(tokenizer), folder);
      String label =
          String.format(Locale.ROOT, "%s (%.1fM)", name, AiBenchRuns.parameters(config) / 1e6);
      for (int t : threads) {
        err.printf("levity: %s on %d thread(s) ...%n", name, t);
        Decode ours = AiBenchRuns.decode(weights, t, tokens);
        String peer = whyNoPeer;
        String ratio = "";
        String agree = "";
        if (peers) {
          try {
            Decode j =
                AiBenchRuns.jlamaDecode(
                    AiBenchRuns.peer(
                        jar,
                        dir.resolve("jlama.log"),
                        "jlama",
                        folder.toString(),
                        "" + t,
                        "" + tokens));
            peer = String.format(Locale.ROOT, "%.2f", j.tokensPerSecond());
            ratio =
                String.format(Locale.ROOT, "%.2fx", ours.tokensPerSecond() / j.tokensPerSecond());
            agree = AiBenchRuns.samePrefix(ours.tokens(), j.tokens()) + " of " + tokens;
          } catch (IOException e) {
            peer = "Jlama failed: " + e.getMessage();
          }
        }
        out.printf(
            Locale.ROOT,
            "%-30s %7d %13.2f %12s %8s  %s%n",
            label,
            t,
            ours.tokensPerSecond(),
            peer,
            ratio,
            agree);
      }
    }
    out.println(
        "Both engines run F32 weights with F32 activations from the same Hugging Face folder"
            + " (exported by io.levity.ai.hf); Jlama in a child JVM per thread count.");
  }
}
