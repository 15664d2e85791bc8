package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.files.StorageFiles;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.shard.SegmentTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's sealed replicas (io.levity.storage.seal) on disk, beside its shards:
 *
 * <pre>
 *   DATA/replicas/&lt;fileRoot hex&gt;/&lt;index&gt;.replica   the replica's bytes (as long as the shard)
 *   DATA/replicas/&lt;fileRoot hex&gt;/&lt;index&gt;.roots     its segment roots, 32 bytes each
 *   DATA/replicas/tmp/                                replicas being sealed (deleted at startup)
 * </pre>
 *
 * <p>Crash safety: a replica is sealed into {@code tmp/} and fsynced, its roots file is written
 * durably, then the replica is renamed into place (the directory fsynced): a replica file is only
 * ever complete. At startup, temporary files are deleted and roots files without a replica (a crash
 * before the rename), or replicas whose size disagrees with their roots, are removed: the sealer
 * makes them again. Thread-safe.
 */
public final class ReplicaStore {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaStore.class);

  private final Path dir;
  private final Path tmpDir;

  /** A replica held: its segment roots and root. */
  public record Replica(Bytes32 fileRoot, int index, List<Bytes32> segmentRoots) {
    public Replica {
      segmentRoots = List.copyOf(segmentRoots);
    }

    public long length() {
      return (long) segmentRoots.size() * FileLayout.SEGMENT_SIZE;
    }

    /** The replica's root: a file root over its bytes, what the node commits on chain. */
    public Bytes32 root() {
      return SegmentTree.fileRoot(length(), segmentRoots);
    }
  }

  private ReplicaStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.tmpDir = Files.createDirectories(dir.resolve("tmp"));
  }

  /** Opens (creating if needed) the replicas of {@code dataDir} and recovers from a crash. */
  public static ReplicaStore open(Path dataDir) throws IOException {
    ReplicaStore store = new ReplicaStore(dataDir.resolve("replicas"));
    store.recover();
    return store;
  }

  private void recover() throws IOException {
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(tmpDir)) {
      for (Path p : tmp) Files.deleteIfExists(p);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path fileDir : files) {
        if (fileDir.equals(tmpDir) || !Files.isDirectory(fileDir)) continue;
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(fileDir, "*.roots")) {
          for (Path r : roots) {
            String name = r.getFileName().toString();
            Path replica = r.resolveSibling(name.replace(".roots", ".replica"));
            long segments = Files.size(r) / 32;
            if (!Files.isRegularFile(replica)
                || Files.size(r) % 32 != 0
                || Files.size(replica) != segments * FileLayout.SEGMENT_SIZE) {
              LOG.info("dropping the incomplete replica {} (sealed again when needed)", replica);
              Files.deleteIfExists(replica);
              Files.delete(r);
            }
          }
        }
      }
    }
  }

  private Path base(Bytes32 fileRoot, int index, String suffix) {
    return dir.resolve(HexFormat.of().formatHex(fileRoot.unsafeArray())).resolve(index + suffix);
  }

  /** The replica of shard {@code index} of {@code fileRoot}, if it is complete. */
  public Optional<Replica> get(Bytes32 fileRoot, int index) throws IOException {
    Path roots = base(fileRoot, index, ".roots");
    byte[] raw;
    try {
      raw = Files.readAllBytes(roots);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Path replica = base(fileRoot, index, ".replica");
    if (raw.length % 32 != 0 || !Files.isRegularFile(replica)) return Optional.empty();
    List<Bytes32> segmentRoots = new ArrayList<>(raw.length / 32);
    ByteBuffer b = ByteBuffer.wrap(raw);
    while (b.hasRemaining()) {
      byte[] r = new byte[32];
      b.get(r);
      segmentRoots.add(Bytes32.wrap32(r));
    }
    Replica out = new Replica(fileRoot, index, segmentRoots);
    return Files.size(replica) == out.length() ? Optional.of(out) : Optional.empty();
  }

  /** Opens a held replica for reading; empty when it has gone. */
  public Optional<FileChannel> open(Bytes32 fileRoot, int index) throws IOException {
    try {
      return Optional.of(
          FileChannel.open(base(fileRoot, index, ".replica"), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Reads segment {@code s} of a replica into {@code buf}; false if the file ends early. */
  static boolean readSegment(FileChannel in, int s, byte[] buf) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf);
    long at = (long) s * FileLayout.SEGMENT_SIZE;
    while (bb.hasRemaining()) if (in.read(bb, at + bb.position()) < 0) return false;
    return true;
  }

  /** Starts writing a replica; segments are appended in order. */
  public Writer begin() throws IOException {
    Path tmp = tmpDir.resolve(UUID.randomUUID() + ".part");
    return new Writer(
        tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /** Removes a replica (when its shard is gone for good). */
  public void delete(Bytes32 fileRoot, int index) throws IOException {
    Files.deleteIfExists(base(fileRoot, index, ".replica"));
    Files.deleteIfExists(base(fileRoot, index, ".roots"));
  }

  /** A replica being sealed: segments appended, then committed or dropped. */
  public final class Writer implements AutoCloseable {
    private final Path tmp;
    private final FileChannel out;
    private final List<Bytes32> segmentRoots = new ArrayList<>();
    private boolean done;

    private Writer(Path tmp, FileChannel out) {
      this.tmp = tmp;
      this.out = out;
    }

    /** Appends the next sealed segment (262,144 bytes). */
    public void append(byte[] segment) throws IOException {
      if (segment.length != FileLayout.SEGMENT_SIZE)
        throw new IllegalArgumentException("a segment is " + FileLayout.SEGMENT_SIZE + " bytes");
      StorageFiles.writeFully(out, segment, 0, segment.length);
      segmentRoots.add(SegmentTree.segmentRoot(segment, segment.length));
    }

    /** Makes the replica durable as shard {@code index} of {@code fileRoot}'s and returns it. */
    public Replica commit(Bytes32 fileRoot, int index) throws IOException {
      if (done) throw new IllegalStateException("already finished");
      out.force(true);
      out.close();
      Path target = base(fileRoot, index, ".replica");
      Files.createDirectories(target.getParent());
      byte[] roots = new byte[32 * segmentRoots.size()];
      for (int i = 0; i < segmentRoots.size(); i++)
        System.arraycopy(segmentRoots.get(i).unsafeArray(), 0, roots, 32 * i, 32);
      StorageFiles.replaceDurably(base(fileRoot, index, ".roots"), roots, false);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      StorageFiles.syncDirectory(target.getParent());
      done = true;
      return new Replica(fileRoot, index, segmentRoots);
    }

    @Override
    public void close() throws IOException {
      if (done) return;
      done = true;
      out.close();
      Files.deleteIfExists(tmp);
    }
  }
}
