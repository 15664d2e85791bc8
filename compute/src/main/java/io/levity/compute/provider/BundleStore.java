package io.levity.compute.provider;

import io.levity.compute.inference.BatchBundle;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The provider's batch bundles on disk, one file per batch named by its root ({@code <root>.json}),
 * each written whole (temporary file, fsync, rename, directory fsync) so a crash leaves the old
 * version or the new one. A bundle is saved before its batch is submitted and saved again with the
 * batch id once the submission is confirmed; bundles stay after finalization, to serve disputes.
 */
public final class BundleStore {
  private final Path dir;
  private final Map<Long, BatchBundle> byId = new ConcurrentHashMap<>();

  /** Opens the store in {@code dir}, creating it, and indexes the bundles already there by id. */
  public BundleStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    for (BatchBundle b : all()) if (b.batchId() != 0) byId.put(b.batchId(), b);
  }

  /** Writes {@code b} durably under its root, replacing an earlier version. */
  public void save(BatchBundle b) throws IOException {
    StorageFiles.replaceDurably(file(b.root()), b.toBytes(), false);
    if (b.batchId() != 0) byId.put(b.batchId(), b);
  }

  /** The bundle of batch {@code id}, or empty when this provider holds none. */
  public Optional<BatchBundle> byId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every bundle in the store, submitted or not. */
  public List<BatchBundle> all() throws IOException {
    List<BatchBundle> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList())
        if (p.getFileName().toString().endsWith(".json"))
          try {
            out.add(BatchBundle.fromBytes(Files.readAllBytes(p)));
          } catch (IllegalArgumentException e) {
            throw new IOException(p + " is not a batch bundle: " + e.getMessage(), e);
          }
    }
    return out;
  }

  /** Removes the bundle of a batch that was never submitted (its receipts go in a later one). */
  public void delete(Bytes32 root) throws IOException {
    Files.deleteIfExists(file(root));
    StorageFiles.syncDirectory(dir);
  }

  public Path dir() {
    return dir;
  }

  /** The file of the bundle with {@code root}. */
  public Path file(Bytes32 root) {
    return dir.resolve(root.toHex().substring(2) + ".json");
  }
}
