package io.levity.storage.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory fsync, which makes a rename or a new file durable. */
final class FileStorageDirs {
  private FileStorageDirs() {}

  /** Fsyncs a directory; a no-op where the platform cannot open one (the rename is still atomic). */
  static void sync(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some platforms (Windows) cannot open a directory
    }
  }
}
