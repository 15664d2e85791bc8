package io.levity.cli.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.embed.Embedder;
import io.levity.ai.embed.MiniLmEmbedder;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code levity ai embed TEXT}: the all-MiniLM-L6-v2 embedding of a text (384 numbers, unit
 * length). ONNX Runtime promises no bits across machines: audits compare embeddings by cosine
 * similarity (docs/ai.md, Embeddings).
 */
@Command(name = "embed")
final class AiEmbedCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TEXT")
  String text;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    if (text.isBlank()) return o.fail("the text is empty");
    return o.run(
        () -> {
          Embedder e = new MiniLmEmbedder();
          float[] v = e.embed(text);
          ObjectNode json = o.object().put("model", e.modelId()).put("dimension", v.length);
          ArrayNode values = json.putArray("embedding");
          StringJoiner human = new StringJoiner(" ");
          for (float x : v) {
            values.add(x);
            human.add(String.format(Locale.ROOT, "%.6f", x));
          }
          return o.print(human.toString(), json);
        });
  }
}
