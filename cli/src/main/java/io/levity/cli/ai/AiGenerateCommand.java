package io.levity.cli.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.SamplingParams;
import io.levity.ai.model.TextGenerator;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.storage.StderrProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity ai generate PROMPT}: a completion from the deterministic runtime. The same model,
 * prompt, sampling and seed give the same text and logits hash with any --threads and with
 * --scalar.
 */
@Command(name = "generate")
final class AiGenerateCommand implements Callable<Integer> {
  /** The longest prompt accepted, in characters. */
  static final int MAX_PROMPT_CHARS = 64 * 1024;

  @Parameters(index = "0", paramLabel = "PROMPT")
  String prompt;

  @Option(names = "--model", paramLabel = "ROOT|FILE")
  String model;

  @Option(names = "--max-tokens", paramLabel = "N")
  int maxTokens = 64;

  @Option(names = "--temperature", paramLabel = "T")
  float temperature = 0.8f;

  @Option(names = "--top-k", paramLabel = "K")
  int topK = 40;

  @Option(names = "--top-p", paramLabel = "P")
  double topP = 0.95;

  @Option(names = "--seed", paramLabel = "S")
  Long seed;

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--scalar")
  boolean scalar;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    if (prompt.isEmpty()) return o.fail("the prompt is empty");
    if (prompt.length() > MAX_PROMPT_CHARS)
      return o.fail("the prompt is longer than " + MAX_PROMPT_CHARS + " characters");
    if (maxTokens < 1 || maxTokens > 100_000) return o.fail("--max-tokens must be in 1..100000");
    if (threads < 1 || threads > 256) return o.fail("--threads must be in 1..256");
    return o.run(
        () -> {
          SamplingParams params = new SamplingParams(temperature, topK, topP);
          ModelBundle bundle = ModelSource.load(model, o, new StderrProgress(o.err()));
          if (bundle.tokenizer().isEmpty())
            return o.fail("the model carries no tokenizer: it cannot read a text prompt");
          long s = seed == null ? 0 : seed;
          try (Kernels k =
              Kernels.of(
                  !scalar && Kernels.SIMD_AVAILABLE, threads, Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
            TextGenerator g =
                new TextGenerator(bundle.tokenizer().get(), new Transformer(bundle.weights(), k));
            TextGenerator.Completion c = g.complete(prompt, maxTokens, params, s);
            ObjectNode json =
                o.object()
                    .put("text", c.text())
                    .put("logitsHash", c.logitsHash().toHex())
                    .put("seed", s)
                    .put("simd", k.isSimd())
                    .put("threads", k.threads());
            ArrayNode tokens = json.putArray("tokens");
            c.tokens().forEach(tokens::add);
            if (!o.json && o.verbose)
              o.err()
                  .println(
                      "logits hash "
                          + c.logitsHash().toHex()
                          + " ("
                          + c.tokens().size()
                          + " tokens)");
            return o.print(prompt + c.text(), json);
          }
        });
  }
}
