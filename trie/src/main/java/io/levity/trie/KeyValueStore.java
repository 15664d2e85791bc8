package io.levity.trie;

import java.util.Optional;

/**
 * A byte-keyed persistent map: the storage under a {@link MerklePatriciaTrie}. Writes that must
 * land together go through one {@link WriteBatch}, which is applied atomically: after a crash
 * either all of it is visible or none. Implementations are thread-safe; a batch is for one thread.
 */
public interface KeyValueStore extends AutoCloseable {
  /** The value stored under key, or empty. */
  Optional<byte[]> get(byte[] key);

  /** Stores one entry (a batch of one). */
  void put(byte[] key, byte[] value);

  /** Removes one entry if present (a batch of one). */
  void delete(byte[] key);

  /** A new, empty batch of writes; {@link WriteBatch#write()} applies it atomically. */
  WriteBatch newBatch();

  /**
   * Releases the store; later calls fail with {@link StoreException}. Closing twice is harmless.
   */
  @Override
  void close();

  /** Writes staged in memory and applied to the store atomically by {@link #write()}. */
  interface WriteBatch extends AutoCloseable {
    WriteBatch put(byte[] key, byte[] value);

    WriteBatch delete(byte[] key);

    /** Number of staged operations. */
    int size();

    /** Applies every staged operation atomically. A batch is written at most once. */
    void write();

    /** Releases the batch (native memory for RocksDB) without writing what is still staged. */
    @Override
    void close();
  }
}
