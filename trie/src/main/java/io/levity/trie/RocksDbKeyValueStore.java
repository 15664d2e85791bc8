package io.levity.trie;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A {@link KeyValueStore} in a RocksDB folder. Batches are RocksDB write batches, applied
 * atomically through the write-ahead log; with {@link Config#syncWrites()} every write is also
 * fsynced before it returns, so it survives a power loss, not only a process crash. Tuned for the
 * trie's access pattern: point lookups of random 32-byte keys (bloom filters, a shared LRU block
 * cache).
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary(); // once per class loader; RocksDB itself ignores repeated calls
  }

  /**
   * Options of a store.
   *
   * @param syncWrites fsync the write-ahead log on every write or batch (durable against power
   *     loss; slower)
   * @param blockCacheBytes size of the LRU cache of uncompressed blocks
   * @param createIfMissing create the folder and an empty database when absent
   */
  public record Config(boolean syncWrites, long blockCacheBytes, boolean createIfMissing) {
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;

    public Config {
      if (blockCacheBytes < 0)
        throw new IllegalArgumentException("blockCacheBytes must be >= 0: " + blockCacheBytes);
    }

    /**
     * Not synced (crash-safe for a process crash; an OS crash may lose the last writes, never half
     * a batch).
     */
    public static Config defaults() {
      return new Config(false, DEFAULT_BLOCK_CACHE_BYTES, true);
    }

    public Config withSyncWrites(boolean sync) {
      return new Config(sync, blockCacheBytes, createIfMissing);
    }
  }

  private final Path dir;
  private final Options options;
  private final LRUCache cache;
  private final BloomFilter bloom;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  // Native handles must not be used after close: operations hold the read lock, close takes the
  // write lock.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbKeyValueStore(Path dir, Config config) {
    this.dir = dir;
    this.cache = new LRUCache(config.blockCacheBytes());
    this.bloom = new BloomFilter(10);
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(bloom)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    this.options =
        new Options()
            .setCreateIfMissing(config.createIfMissing())
            .setTableFormatConfig(table)
            .setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.writeOptions = new WriteOptions().setSync(config.syncWrites());
    try {
      if (config.createIfMissing()) Files.createDirectories(dir);
      this.db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException | IOException e) {
      releaseOptions();
      throw new StoreException(
          "cannot open RocksDB store at "
              + dir
              + ": "
              + e.getMessage()
              + " (is another process using it, or is the folder not writable?)",
          e);
    }
  }

  /** Opens (creating if missing) the store in dir with default options. */
  public static RocksDbKeyValueStore open(Path dir) {
    return open(dir, Config.defaults());
  }

  public static RocksDbKeyValueStore open(Path dir, Config config) {
    return new RocksDbKeyValueStore(dir, config);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      return Optional.ofNullable(db.get(key));
    } catch (RocksDBException e) {
      throw failure("read", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    lock.readLock().lock();
    try {
      checkOpen();
      db.put(writeOptions, key, value);
    } catch (RocksDBException e) {
      throw failure("write", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void delete(byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      db.delete(writeOptions, key);
    } catch (RocksDBException e) {
      throw failure("delete", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Staged in Java and handed to RocksDB serialised and in key order; see {@link
   * SortedBatchBuffer}.
   */
  @Override
  public WriteBatch newBatch() {
    return new StagedBatch<>(new SortedBatchBuffer(), this::write);
  }

  private void write(SortedBatchBuffer ops) {
    byte[] serialized = ops.serializeSorted();
    lock.readLock().lock();
    try {
      checkOpen();
      SortedBatchBuffer.write(db, writeOptions, serialized);
    } catch (RocksDBException e) {
      throw failure("batch write of " + ops.size() + " operations", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Waits for the operations in flight (they hold the read lock), then closes once. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) closeDatabase();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeDatabase() {
    closed = true;
    try {
      // closeE, unlike close, reports a failure; acknowledged writes are in the WAL either way
      db.closeE();
    } catch (RocksDBException e) {
      throw failure("close", e);
    } finally {
      writeOptions.close();
      releaseOptions();
    }
  }

  private void releaseOptions() {
    options.close();
    bloom.close();
    cache.close();
  }

  private void checkOpen() {
    if (closed) throw new StoreException("RocksDB store at " + dir + " is closed");
  }

  private StoreException failure(String what, RocksDBException e) {
    return new StoreException("RocksDB " + what + " failed in " + dir + ": " + e.getMessage(), e);
  }
}
