package io.levity.cli.ai;

import io.levity.ai.model.ModelBundle;
import io.levity.ai.tensor.Kernels;
import io.levity.compute.training.JobSpec;
import io.levity.compute.training.LocalTraining;
import io.levity.compute.training.TrainingJobRunner;
import io.levity.compute.training.TrainingPresets;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code levity ai train}: runs a training job, on this machine into a folder, or with --publish as
 * a job recorded on chain whose every checkpoint is stored and committed (docs/ai.md).
 */
@Command(name = "train")
final class AiTrainCommand implements Callable<Integer> {
  /** Where {@code (cd ai/corpus && npm ci)} puts the default model's corpus. */
  static final Path MOBY_DICK =
      Path.of("ai", "corpus", "node_modules", "@stdlib", "datasets-moby-dick", "data", "data.txt");

  @Option(names = "--preset", paramLabel = "NAME")
  String preset;

  @Option(names = "--config", paramLabel = "FILE")
  Path config;

  @Option(names = "--corpus", paramLabel = "FILE")
  Path corpus;

  @Option(names = "--out", paramLabel = "DIR")
  Path out;

  @Option(names = "--publish")
  boolean publish;

  @Option(names = "--base", paramLabel = "ROOT")
  String base;

  @Option(names = "--resume", paramLabel = "JOB")
  BigInteger resume;

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--scalar")
  boolean scalar;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    if (threads < 1 || threads > 256) return o.fail("--threads must be in 1..256");
    return o.run(
        () -> {
          try (Kernels k =
              Kernels.of(
                  !scalar && Kernels.SIMD_AVAILABLE, threads, Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
            StderrJobProgress progress = new StderrJobProgress(o.err());
            if (resume != null) return resume(k, progress);
            Path text = corpus();
            JobSpec spec = spec(text);
            return publish ? publish(spec, text, k, progress) : local(spec, text, k, progress);
          }
        });
  }

  private Path corpus() throws IOException {
    Path p = corpus;
    if (p == null && "tiny".equals(preset) && Files.isRegularFile(MOBY_DICK)) p = MOBY_DICK;
    if (p == null)
      throw new IllegalArgumentException(
          "give the training text with --corpus FILE (the tiny preset's is Moby-Dick: (cd"
              + " ai/corpus && npm ci) puts it at "
              + MOBY_DICK
              + ")");
    if (!Files.isRegularFile(p)) throw new IOException("no such corpus file: " + p);
    return p;
  }

  private JobSpec spec(Path text) throws IOException {
    if ((preset == null) == (config == null))
      throw new IllegalArgumentException(
          "give exactly one of --preset NAME ("
              + String.join(", ", TrainingPresets.NAMES)
              + ") and --config FILE (a job-spec.json)");
    if (config != null) return JobSpec.read(config);
    o.err().println("learning the tokenizer of preset " + preset + " from " + text + "...");
    return TrainingPresets.of(preset, Files.readString(text));
  }

  private int local(JobSpec spec, Path text, Kernels k, StderrJobProgress progress)
      throws IOException {
    if (base != null) throw new IllegalArgumentException("--base needs --publish");
    Path dir = out != null ? out : Path.of("levity-train-" + (preset != null ? preset : "job"));
    LocalTraining.Result r = LocalTraining.run(spec, text, dir, k, progress);
    return o.print(
        "trained "
            + r.model()
            + " (keccak "
            + r.modelHash().toHex()
            + ", final loss "
            + r.lastLoss()
            + "); checkpoints in "
            + dir,
        o.object()
            .put("model", r.model().toString())
            .put("modelHash", r.modelHash().toHex())
            .put("checkpoints", r.checkpoints().size())
            .put("loss", r.lastLoss()));
  }

  private int publish(JobSpec spec, Path text, Kernels k, StderrJobProgress progress)
      throws IOException {
    try (AiOptions.Network n = o.network()) {
      TrainingJobRunner runner =
          new TrainingJobRunner(n.store(), n.jobs(), o.wallet(n), o.work().resolve("train"), k);
      Optional<Bytes32> baseRoot = Optional.ofNullable(base).map(Bytes32::fromHex32);
      BigInteger id = runner.start(spec, text, baseRoot, progress);
      return finish(n, runner, id, spec);
    }
  }

  private int resume(Kernels k, StderrJobProgress progress) throws IOException {
    try (AiOptions.Network n = o.network()) {
      TrainingJobRunner runner =
          new TrainingJobRunner(n.store(), n.jobs(), o.wallet(n), o.work().resolve("train"), k);
      runner.resume(resume, progress);
      return finish(n, runner, resume, null);
    }
  }

  /** Stores the final weights with the tokenizer as a model file and prints its root. */
  private int finish(AiOptions.Network n, TrainingJobRunner runner, BigInteger id, JobSpec spec)
      throws IOException {
    ModelBundle model = runner.finalModel(id);
    Path file = o.work().resolve("job-" + id + "-model.safetensors");
    model.write(file);
    Bytes32 root = n.store().put(file, ProgressListener.NONE);
    if (out != null) {
      Files.createDirectories(out);
      Files.copy(file, out.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING);
    }
    return o.print(
        "job "
            + id
            + " complete: "
            + (spec == null ? "" : spec.segments() + " segments, ")
            + "model root "
            + root.toHex()
            + " (levity ai verify-training "
            + id
            + " --segment I)",
        o.object().put("job", id.toString()).put("modelRoot", root.toHex()));
  }
}
