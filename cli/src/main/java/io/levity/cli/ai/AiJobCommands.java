package io.levity.cli.ai;

import io.levity.ai.hf.HfCheckpoints;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.storage.StderrProgress;
import io.levity.compute.training.JobRecord;
import io.levity.compute.training.TrainingVerifier;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code levity ai} commands about recorded jobs and stored models. */
final class AiJobCommands {
  private AiJobCommands() {}

  /** {@code levity ai verify-training JOB --segment I}: re-run one segment, compare bit for bit. */
  @Command(name = "verify-training")
  static final class VerifyTraining implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    BigInteger job;

    @Option(names = "--segment", paramLabel = "I", required = true)
    int segment;

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
            try (AiOptions.Network n = o.network();
                Kernels k =
                    Kernels.of(
                        !scalar && Kernels.SIMD_AVAILABLE,
                        threads,
                        Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
              TrainingVerifier.Verdict v =
                  new TrainingVerifier(n.store(), n.jobs(), o.work().resolve("verify"), k)
                      .verify(job, segment, new StderrJobProgress(o.err()));
              String human =
                  v.matches()
                      ? "segment " + segment + " of job " + job + ": MATCH (bit for bit)"
                      : "segment "
                          + segment
                          + " of job "
                          + job
                          + ": MISMATCH: "
                          + v.firstDifference().orElse("");
              o.print(
                  human,
                  o.object()
                      .put("job", job.toString())
                      .put("segment", segment)
                      .put("matches", v.matches())
                      .put("firstDifference", v.firstDifference().orElse(null)));
              return v.matches() ? 0 : 2;
            }
          });
    }
  }

  /** {@code levity ai job ID}: a job's record and its checkpoint roots. */
  @Command(name = "job")
  static final class Job implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    BigInteger job;

    @Mixin AiOptions o;

    @Override
    public Integer call() {
      return o.run(
          () -> {
            try (AiOptions.Network n = o.network()) {
              JobRecord r = n.jobs().job(job);
              StringBuilder human =
                  new StringBuilder()
                      .append("job ")
                      .append(job)
                      .append(" by ")
                      .append(r.owner().toChecksumHex())
                      .append(": ")
                      .append(r.segments())
                      .append(" segments of ")
                      .append(r.segmentSteps())
                      .append(" steps, seed ")
                      .append(r.seed())
                      .append(r.complete() ? ", complete" : ", running")
                      .append("\n  dataset ")
                      .append(r.datasetRoot().toHex())
                      .append("\n  spec    ")
                      .append(r.specRoot().toHex());
              if (r.fineTunes()) human.append("\n  base    ").append(r.baseModelRoot().toHex());
              var json =
                  o.object()
                      .put("job", job.toString())
                      .put("owner", r.owner().toHex())
                      .put("segments", r.segments())
                      .put("segmentSteps", r.segmentSteps())
                      .put("seed", r.seed())
                      .put("datasetRoot", r.datasetRoot().toHex())
                      .put("specRoot", r.specRoot().toHex())
                      .put("baseModelRoot", r.baseModelRoot().toHex())
                      .put("runtime", r.runtime().toHex());
              var roots = json.putArray("checkpoints");
              for (int i = 0; i < r.committed(); i++) {
                Bytes32 root = n.jobs().checkpoint(job, i);
                roots.add(root.toHex());
                human.append("\n  checkpoint ").append(i).append(' ').append(root.toHex());
              }
              return o.print(human.toString(), json);
            }
          });
    }
  }

  /**
   * {@code levity ai import FILE|DIR}: store a model file, or a Hugging Face folder (GPT-2, Llama)
   * converted to one; its root is the model's identity.
   */
  @Command(name = "import")
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Mixin AiOptions o;

    @Override
    public Integer call() {
      if (!Files.exists(file)) return o.fail("no such file or folder: " + file);
      return o.run(
          () -> {
            Path upload = file;
            ModelBundle model;
            if (Files.isDirectory(file)) {
              // a Hugging Face folder: its weights under our names, its config in the metadata
              model = new ModelBundle(HfCheckpoints.read(file), Optional.empty());
              upload = o.work().resolve(file.getFileName() + ".safetensors");
              model.write(upload);
              o.err().println("converted " + file + " to " + upload);
            } else {
              model = ModelBundle.read(file); // refuse what would not load by root
            }
            try (AiOptions.Network n = o.network()) {
              Bytes32 root = n.store().put(upload, new StderrProgress(o.err()));
              return o.print(
                  "model root "
                      + root.toHex()
                      + " ("
                      + model.config().layers()
                      + " layers, width "
                      + model.config().dim()
                      + "; levity ai generate --model "
                      + root.toHex()
                      + " PROMPT)",
                  o.object().put("root", root.toHex()).put("file", upload.toString()));
            }
          });
    }
  }
}
