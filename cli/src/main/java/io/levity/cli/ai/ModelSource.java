package io.levity.cli.ai;

import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.compute.models.ModelLoader;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where a command's model comes from: a storage root, a file, or the bundled default. */
final class ModelSource {
  private static final Pattern ROOT = Pattern.compile("0x[0-9a-fA-F]{64}");

  private ModelSource() {}

  /** The model {@code spec} names (a 0x root, a file), or the default model when null. */
  static ModelBundle load(String spec, AiOptions o, ProgressListener progress) throws IOException {
    if (spec == null || spec.isBlank()) return DefaultModel.load();
    if (ROOT.matcher(spec.trim()).matches()) {
      try (AiOptions.Network n = o.network()) {
        return new ModelLoader(n.store(), o.work().resolve("models"), ModelLoader.DEFAULT_MAX_BYTES)
            .load(Bytes32.fromHex32(spec.trim()), progress);
      }
    }
    Path file = Path.of(spec);
    if (!Files.isRegularFile(file))
      throw new IOException("--model " + spec + " is neither a 0x storage root nor a model file");
    return ModelBundle.read(file);
  }
}
