package io.levity.compute.models;

import io.levity.ai.model.ModelBundle;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Loads models by storage root: fetches the model file once into a cache folder (verified against
 * the root by the store) and reads it as a {@link ModelBundle}. A cached file is only ever one
 * whose fetch completed: it is written under a temporary name and renamed.
 */
public final class ModelLoader {
  /** The largest model file fetched by default: 4 GiB. */
  public static final long DEFAULT_MAX_BYTES = 4L << 30;

  private final ContentStore store;
  private final Path cache;
  private final long maxBytes;

  public ModelLoader(ContentStore store, Path cache, long maxBytes) {
    this.store = Objects.requireNonNull(store, "store");
    this.cache = Objects.requireNonNull(cache, "cache");
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
    this.maxBytes = maxBytes;
  }

  /** The local file of the model with root {@code root}, fetched when not cached. */
  public Path file(Bytes32 root, ProgressListener progress) throws IOException {
    Files.createDirectories(cache);
    Path file = cache.resolve(root.toHex().substring(2) + ".safetensors");
    if (Files.isRegularFile(file)) return file;
    Path part = cache.resolve(root.toHex().substring(2) + ".part");
    store.fetch(root, part, maxBytes, progress);
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** The model with root {@code root}. */
  public ModelBundle load(Bytes32 root, ProgressListener progress) throws IOException {
    return ModelBundle.read(file(root, progress));
  }
}
