package io.levity.storage.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writing files: from scratch, fully, and durably. */
public final class StorageFiles {
  private StorageFiles() {}

  /** Opens {@code p} for writing from its start, creating it or dropping what it held. */
  public static FileChannel create(Path p) throws IOException {
    return FileChannel.open(
        p,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Writes {@code buf[off, off + len)} at the channel's position, all of it. */
  public static void writeFully(FileChannel out, byte[] buf, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
    while (bb.hasRemaining()) out.write(bb);
  }

  /**
   * Replaces {@code file} with {@code bytes} so that a crash leaves either the old or the new
   * content: writes {@code file.tmp}, fsyncs it, renames it over {@code file} and fsyncs the
   * directory. With {@code ownerOnly} the temporary file is created readable by its owner only
   * (where POSIX), in the call that creates it: a secret is never in a file others could open, and
   * a leftover {@code file.tmp} (which someone may hold open) is deleted, not reused.
   */
  public static void replaceDurably(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch = ownerOnly ? createOwnerOnly(tmp) : create(tmp)) {
      writeFully(ch, bytes, 0, bytes.length);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  /** Creates a new file {@code p} (it must not exist) with mode 0600 where the system is POSIX. */
  private static FileChannel createOwnerOnly(Path p) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return FileChannel.open(
          p,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(p, options); // not a POSIX file system
    }
  }

  /**
   * Fsyncs a directory, which makes a rename or a new file in it durable. Where the platform cannot
   * open a directory (Windows) this is a no-op, the rename still being atomic; a failed fsync
   * itself (an I/O error) is thrown, so nothing is acknowledged that may not be durable.
   */
  public static void syncDirectory(Path dir) throws IOException {
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
