package io.levity.compute.models;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link ContentStore} on Levity's storage network: a root is the file's root as the storage
 * registry records it, and a download checks every shard against it.
 */
public final class StorageContentStore implements ContentStore {
  private final StorageClient client;

  public StorageContentStore(StorageClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Bytes32 put(Path file, ProgressListener progress) throws IOException {
    return client.upload(file, progress).fileRoot();
  }

  @Override
  public void fetch(Bytes32 root, Path out, long maxBytes, ProgressListener progress)
      throws IOException {
    long length = client.status(root).submission().length();
    if (length > maxBytes)
      throw new StorageException(
          "file " + root + " is " + length + " bytes, more than the " + maxBytes + " allowed here");
    client.download(root, out, progress);
  }
}
