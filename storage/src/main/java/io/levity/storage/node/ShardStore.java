package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.files.StorageFiles;
import io.levity.storage.shard.SegmentTree;
import io.levity.storage.shard.ShardLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's shards on disk: one file per shard plus a RocksDB index of their {@link ShardMeta}.
 *
 * <pre>
 *   DATA/shards/&lt;fileRoot hex&gt;/&lt;index&gt;.shard   the shard's bytes
 *   DATA/index/                               RocksDB: fileRoot(32) || index(2, big-endian) -> ShardMeta
 *   DATA/tmp/                                 shards being received (deleted at startup)
 *   DATA/quarantine/                          shards found corrupt (kept for inspection, never served)
 * </pre>
 *
 * <p>Crash safety: a shard is written to {@code tmp/}, fsynced, renamed into {@code shards/} (the
 * directory fsynced), and only then indexed with a synchronous RocksDB write; the node acknowledges
 * after that. At startup, temporary files are deleted, index entries whose file is missing or has
 * the wrong size are dropped (logged), and shard files without an index entry (a crash between
 * rename and index) are deleted: they were never acknowledged. Contents are re-checked against the
 * stored segment roots whenever they are served. Thread-safe.
 */
public final class ShardStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardStore.class);

  static {
    RocksDB.loadLibrary();
  }

  private final Path shardsDir;
  private final Path tmpDir;
  private final Path quarantineDir;
  private final Options options;
  private final WriteOptions sync;
  private final RocksDB db;
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private boolean closed;
  private volatile BiConsumer<Bytes32, Integer> onCommit = (root, index) -> {};

  private ShardStore(Path dataDir) throws IOException {
    this.shardsDir = Files.createDirectories(dataDir.resolve("shards"));
    this.tmpDir = Files.createDirectories(dataDir.resolve("tmp"));
    this.quarantineDir = Files.createDirectories(dataDir.resolve("quarantine"));
    this.options = new Options().setCreateIfMissing(true);
    this.sync = new WriteOptions().setSync(true);
    try {
      this.db = RocksDB.open(options, Files.createDirectories(dataDir.resolve("index")).toString());
    } catch (RocksDBException e) {
      sync.close();
      options.close();
      throw new IOException(
          "cannot open the shard index in "
              + dataDir.resolve("index")
              + ": "
              + e.getMessage()
              + " (is another storage node using this data directory?)",
          e);
    }
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir} and recovers from any earlier crash.
   */
  public static ShardStore open(Path dataDir) throws IOException {
    ShardStore store = new ShardStore(dataDir);
    try {
      store.recover();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void recover() throws IOException {
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(tmpDir)) {
      for (Path p : tmp) Files.deleteIfExists(p);
    }
    List<ShardMeta> indexed = list(null);
    Set<Path> known = new HashSet<>();
    for (ShardMeta m : indexed) {
      Path p = path(m.fileRoot(), m.index());
      if (!Files.isRegularFile(p) || Files.size(p) != m.shardSize()) {
        LOG.warn(
            "shard {} #{} is indexed but its file {} is missing or has the wrong size; dropping it (repair will"
                + " restore it elsewhere)",
            m.fileRoot(),
            m.index(),
            p);
        deleteIndex(m.fileRoot(), m.index());
      } else {
        known.add(p);
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(shardsDir)) {
      for (Path dir : files) {
        if (!Files.isDirectory(dir)) continue;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
          for (Path p : shards) {
            if (!known.contains(p)) {
              LOG.info("deleting {}: written before a crash but never indexed or acknowledged", p);
              Files.delete(p);
            }
          }
        }
      }
    }
  }

  /** Called with (file root, index) after each shard is committed (the node's sealer listens). */
  void onCommit(BiConsumer<Bytes32, Integer> listener) {
    this.onCommit = listener;
  }

  /** Where shard {@code index} of {@code fileRoot} lives (whether or not it is held). */
  Path path(Bytes32 fileRoot, int index) {
    return shardsDir
        .resolve(HexFormat.of().formatHex(fileRoot.unsafeArray()))
        .resolve(index + ".shard");
  }

  public Optional<ShardMeta> meta(Bytes32 fileRoot, int index) {
    return db(
        () -> {
          byte[] v = db.get(key(fileRoot, index));
          return Optional.ofNullable(v == null ? null : ShardMeta.decode(fileRoot, index, v));
        });
  }

  /** Every shard held, or those of one file when {@code fileRoot} is not null, in key order. */
  public List<ShardMeta> list(Bytes32 fileRoot) {
    return db(
        () -> {
          List<ShardMeta> out = new ArrayList<>();
          try (RocksIterator it = db.newIterator()) {
            if (fileRoot == null) it.seekToFirst();
            else it.seek(fileRoot.toArray());
            for (; it.isValid(); it.next()) {
              byte[] k = it.key();
              Bytes32 root = Bytes32.wrap32(Arrays.copyOf(k, 32));
              if (fileRoot != null && !root.equals(fileRoot)) break;
              out.add(ShardMeta.decode(root, ((k[32] & 0xff) << 8) | (k[33] & 0xff), it.value()));
            }
          }
          return out;
        });
  }

  /** Starts receiving a shard into a fresh temporary file. */
  public Pending begin() throws IOException {
    Path tmp = tmpDir.resolve(UUID.randomUUID() + ".part");
    return new Pending(
        tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /**
   * A shard being received: written, then either committed (durably stored and indexed) or aborted.
   */
  public final class Pending implements AutoCloseable {
    private final Path tmp;
    private final FileChannel out;
    private boolean done;

    private Pending(Path tmp, FileChannel out) {
      this.tmp = tmp;
      this.out = out;
    }

    public void write(byte[] data, int len) throws IOException {
      StorageFiles.writeFully(out, data, 0, len);
    }

    /** Makes the shard durable and indexes it; when this returns, it survives a crash. */
    public void commit(ShardMeta meta) throws IOException {
      if (done) throw new IllegalStateException("already finished");
      out.force(true);
      out.close();
      Path target = path(meta.fileRoot(), meta.index());
      synchronized (
          ShardStore.this) { // against quarantine(): a shard is replaced and indexed as one step
        Files.createDirectories(target.getParent());
        StorageFiles.syncDirectory(shardsDir);
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StorageFiles.syncDirectory(target.getParent());
        db(
            () -> {
              db.put(sync, key(meta.fileRoot(), meta.index()), meta.encode());
              return null;
            });
      }
      done = true;
      onCommit.accept(meta.fileRoot(), meta.index());
    }

    /** Drops the temporary file (idempotent; a no-op after commit). */
    @Override
    public void close() {
      if (done) return;
      done = true;
      try {
        out.close();
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.warn("cannot delete temporary shard file {}: {}", tmp, e.toString());
      }
    }
  }

  /** Opens a held shard for reading; empty when it is not held or its file has gone. */
  public Optional<FileChannel> open(Bytes32 fileRoot, int index) {
    try {
      return Optional.of(FileChannel.open(path(fileRoot, index), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Null when the open shard file matches its metadata (size and every segment root), otherwise why
   * it does not.
   */
  public static String check(ShardMeta meta, FileChannel in) throws IOException {
    if (in.size() != meta.shardSize())
      return "size " + in.size() + " on disk, expected " + meta.shardSize();
    byte[] buf = new byte[ShardLayout.SEGMENT_SIZE];
    for (int s = 0; s < meta.segmentRoots().size(); s++) {
      String bad = checkSegment(meta, in, s, buf);
      if (bad != null) return bad;
    }
    return null;
  }

  /**
   * Reads segment {@code s} into {@code buf} and returns null when it hashes to its stored root.
   */
  public static String checkSegment(ShardMeta meta, FileChannel in, int s, byte[] buf)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf);
    long base = (long) s * ShardLayout.SEGMENT_SIZE;
    while (bb.hasRemaining()) {
      if (in.read(bb, base + bb.position()) < 0) return "file ends inside segment " + s;
    }
    Bytes32 root = SegmentTree.segmentRoot(buf, buf.length);
    return root.equals(meta.segmentRoots().get(s))
        ? null
        : "segment " + s + " hashes to " + root + ", stored root " + meta.segmentRoots().get(s);
  }

  /**
   * Stops serving a shard found corrupt: its file moves to {@code quarantine/} and its index entry
   * goes. The caller checked a file it opened earlier; a repair may have replaced it since (a good
   * shard, committed and acknowledged), so the shard now at the path is checked again under the
   * lock {@code commit} takes, and left alone if it is intact.
   */
  public synchronized void quarantine(Bytes32 fileRoot, int index, String reason) {
    Optional<ShardMeta> current = meta(fileRoot, index);
    if (current.isPresent()) {
      Optional<FileChannel> in = open(fileRoot, index);
      if (in.isPresent()) {
        try (FileChannel c = in.get()) {
          if (check(current.get(), c) == null) {
            LOG.info(
                "shard {} #{} was replaced by an intact copy since it was found corrupt; kept",
                fileRoot,
                index);
            return;
          }
        } catch (IOException e) {
          LOG.warn("cannot re-check {} #{}: {}", fileRoot, index, e.toString());
        }
      }
    }
    LOG.warn(
        "shard {} #{} is corrupt on disk ({}); quarantined, it must be repaired",
        fileRoot,
        index,
        reason);
    deleteIndex(fileRoot, index);
    Path p = path(fileRoot, index);
    try {
      if (Files.exists(p)) {
        Files.move(
            p,
            quarantineDir.resolve(
                fileRoot.toHex().substring(2) + "-" + index + "-" + System.nanoTime() + ".shard"),
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      LOG.warn("cannot move {} to quarantine: {}", p, e.toString());
    }
  }

  private void deleteIndex(Bytes32 fileRoot, int index) {
    db(
        () -> {
          db.delete(sync, key(fileRoot, index));
          return null;
        });
  }

  static byte[] key(Bytes32 fileRoot, int index) {
    byte[] k = new byte[34];
    System.arraycopy(fileRoot.unsafeArray(), 0, k, 0, 32);
    k[32] = (byte) (index >>> 8);
    k[33] = (byte) index;
    return k;
  }

  @FunctionalInterface
  private interface DbCall<T> {
    T call() throws RocksDBException;
  }

  /**
   * Runs a RocksDB call unless the store is closed (native handles must not be used after close).
   */
  private <T> T db(DbCall<T> call) {
    closeLock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("shard store is closed");
      return call.call();
    } catch (RocksDBException e) {
      throw new IllegalStateException("shard index failure: " + e.getMessage(), e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      try {
        db.closeE();
      } catch (RocksDBException e) {
        LOG.warn("closing the shard index: {}", e.getMessage());
      } finally {
        sync.close();
        options.close();
      }
    } finally {
      closeLock.writeLock().unlock();
    }
  }
}
