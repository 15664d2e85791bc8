package io.levity.compute.models;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Files by content: {@link #put} stores a file and returns its root, {@link #fetch} writes back the
 * file of a root, verified against it. Models, datasets, job specs and checkpoints all travel this
 * way, so a root on chain names exactly one file.
 */
public interface ContentStore {
  /** Stores {@code file} and returns its root. */
  Bytes32 put(Path file, ProgressListener progress) throws IOException;

  /**
   * Writes the file of {@code root} to {@code out} (replaced atomically), verified against the
   * root; refuses a file longer than {@code maxBytes} before fetching it.
   */
  void fetch(Bytes32 root, Path out, long maxBytes, ProgressListener progress) throws IOException;
}
