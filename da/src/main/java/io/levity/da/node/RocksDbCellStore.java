package io.levity.da.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CellStore} in RocksDB.
 *
 * <pre>
 *   'h' || blob id (32)                              -> uint64_be(epoch) || header.encode()
 *   'c' || blob id (32) || uint32_be(piece) || index -> cell data (2048) || proof (48)
 * </pre>
 *
 * <p>Crash safety: the header and every cell of one {@link #put} go in one {@link WriteBatch}
 * written with sync, so after a crash either the whole share is there or none of it, and the node
 * signs only after the write returned. A blob is deleted in one batch too (header and a range
 * tombstone over its cells).
 */
public final class RocksDbCellStore implements CellStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbCellStore.class);
  private static final byte HEADER = 'h';
  private static final byte CELL = 'c';
  private static final int CELL_KEY = 1 + 32 + 4 + 1;

  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final WriteOptions sync;
  private final RocksDB db;
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbCellStore(Path dir) throws IOException {
    this.options = new Options().setCreateIfMissing(true);
    this.sync = new WriteOptions().setSync(true);
    try {
      this.db = RocksDB.open(options, Files.createDirectories(dir).toString());
    } catch (RocksDBException e) {
      sync.close();
      options.close();
      throw new IOException(
          "cannot open the DA cell store in "
              + dir
              + ": "
              + e.getMessage()
              + " (is another DA node using this directory?)",
          e);
    }
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static RocksDbCellStore open(Path dir) throws IOException {
    return new RocksDbCellStore(dir);
  }

  @Override
  public void put(BlobHeader header, long epoch, List<Cell> cells) {
    Bytes32 id = header.id();
    byte[] encoded = header.encode();
    byte[] value = ByteBuffer.allocate(8 + encoded.length).putLong(epoch).put(encoded).array();
    db(
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            for (Cell c : cells) {
              batch.put(cellKey(id, c.id()), Bytes.concat(c.data(), c.proof()).unsafeArray());
            }
            batch.put(headerKey(id), value);
            db.write(sync, batch);
          }
          return null;
        });
  }

  @Override
  public Optional<StoredBlob> blob(Bytes32 blobId) {
    return db(() -> Optional.ofNullable(decodeBlob(db.get(headerKey(blobId)))));
  }

  @Override
  public List<Cell> cells(Bytes32 blobId, List<CellId> ids) {
    return db(
        () -> {
          List<Cell> out = new ArrayList<>();
          for (CellId id : ids) {
            byte[] v = db.get(cellKey(blobId, id));
            if (v == null) continue;
            Bytes b = Bytes.wrap(v);
            out.add(
                new Cell(id, b.slice(0, BlobLayout.CELL_BYTES), b.slice(BlobLayout.CELL_BYTES)));
          }
          return out;
        });
  }

  @Override
  public List<Bytes32> blobsBefore(long epoch) {
    return db(
        () -> {
          List<Bytes32> out = new ArrayList<>();
          try (RocksIterator it = db.newIterator()) {
            for (it.seek(new byte[] {HEADER}); it.isValid(); it.next()) {
              byte[] k = it.key();
              if (k[0] != HEADER) break;
              if (ByteBuffer.wrap(it.value()).getLong() < epoch) {
                out.add(Bytes32.wrap32(Arrays.copyOfRange(k, 1, 33)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void delete(Bytes32 blobId) {
    byte[] from = ByteBuffer.allocate(33).put(CELL).put(blobId.unsafeArray()).array();
    byte[] to = Arrays.copyOf(from, CELL_KEY + 1);
    Arrays.fill(to, 33, to.length, (byte) 0xff);
    db(
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            batch.delete(headerKey(blobId));
            batch.deleteRange(from, to);
            db.write(sync, batch);
          }
          return null;
        });
  }

  private static StoredBlob decodeBlob(byte[] v) {
    if (v == null) return null;
    long epoch = ByteBuffer.wrap(v).getLong();
    return new StoredBlob(
        BlobHeader.decode(Arrays.copyOfRange(v, 8, v.length), Long.MAX_VALUE), epoch);
  }

  private static byte[] headerKey(Bytes32 id) {
    return ByteBuffer.allocate(33).put(HEADER).put(id.unsafeArray()).array();
  }

  private static byte[] cellKey(Bytes32 id, CellId cell) {
    return ByteBuffer.allocate(CELL_KEY)
        .put(CELL)
        .put(id.unsafeArray())
        .putInt(cell.piece())
        .put((byte) cell.index())
        .array();
  }

  private interface DbCall<T> {
    T call() throws RocksDBException;
  }

  /** Runs a RocksDB call unless the store is closed (native handles must not be used after). */
  private <T> T db(DbCall<T> call) {
    closeLock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("DA cell store is closed");
      return call.call();
    } catch (RocksDBException e) {
      throw new IllegalStateException("DA cell store failure: " + e.getMessage(), e);
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
        LOG.warn("closing the DA cell store: {}", e.getMessage());
      } finally {
        sync.close();
        options.close();
      }
    } finally {
      closeLock.writeLock().unlock();
    }
  }
}
