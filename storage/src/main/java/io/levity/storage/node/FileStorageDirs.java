package io.levity.storage.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory fsync, which makes a rename or a new file durable. */
final class FileStorageDirs {
  private FileStorageDirs() {}

  /**
   * Fsyncs a directory. Where the platform cannot open a directory (Windows) this is a no-op, the
   * rename still being atomic; a failed fsync itself (an I/O error) is thrown, so nothing is
   * acknowledged that may not be durable.
   */
  static void sync(Path dir) throws IOException {
    FileChannel d;
    try {
      d = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException e) {
      return;
    }
    try (d) {
      d.force(true);
    }
  }
}
