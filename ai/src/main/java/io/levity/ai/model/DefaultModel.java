package io.levity.ai.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Levity's own small chat model, bundled with the runtime: trained by {@code levity ai train
 * --preset tiny} on Moby-Dick (docs/ai.md, "The default model"), which reproduces its file bit for
 * bit.
 */
public final class DefaultModel {
  /** The bundled file's name, beside this class. */
  public static final String RESOURCE = "levity-tiny.safetensors";

  private DefaultModel() {}

  /** Whether this build carries the default model. */
  public static boolean bundled() {
    return DefaultModel.class.getResource(RESOURCE) != null;
  }

  /** Copies the bundled model file to {@code out}. */
  public static void copyTo(Path out) throws IOException {
    try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null)
        throw new IOException(
            "this build carries no default model ("
                + RESOURCE
                + "); give one with --model, or train it: levity ai train --preset tiny");
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The default model. */
  public static ModelBundle load() throws IOException {
    Path tmp = Files.createTempFile("levity-default-model", ".safetensors");
    try {
      copyTo(tmp);
      return ModelBundle.read(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
