package io.levity.compute.audit;

import io.levity.ai.model.ModelBundle;
import io.levity.compute.models.ModelLoader;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an auditor finds a model by its root: local model files (each known by the Keccak-256 of
 * its bytes, which is the root a provider registers for a file), else the storage network through a
 * {@link ModelLoader}, which verifies what it fetches against the root.
 */
public final class ModelCatalog {
  private final Map<Bytes32, Path> files = new LinkedHashMap<>();
  private final Optional<ModelLoader> storage;

  private ModelCatalog(Optional<ModelLoader> storage) {
    this.storage = storage;
  }

  /** A catalog of {@code files} (hashed now) and, when present, the storage network. */
  public static ModelCatalog of(List<Path> files, Optional<ModelLoader> storage)
      throws IOException {
    ModelCatalog c = new ModelCatalog(storage);
    for (Path f : files) c.files.put(Keccak.hash(Files.readAllBytes(f)), f);
    return c;
  }

  /** The roots of the local files. */
  public List<Bytes32> localRoots() {
    return List.copyOf(files.keySet());
  }

  /** The model with {@code root}; throws IOException when neither a file nor storage has it. */
  public ModelBundle load(Bytes32 root) throws IOException {
    Path f = files.get(root);
    if (f != null) return ModelBundle.read(f);
    if (storage.isEmpty())
      throw new IOException("no local model file has root " + root + " and no storage is set");
    return storage.get().load(root, ProgressListener.NONE);
  }
}
