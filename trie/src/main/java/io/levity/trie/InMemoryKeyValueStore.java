package io.levity.trie;

import io.levity.core.bytes.Bytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KeyValueStore} in a hash map, for tests and throw-away tries. Copies keys and values on
 * the way in and out.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final Map<Bytes, byte[]> map = new HashMap<>();
  private boolean closed;

  @Override
  public synchronized Optional<byte[]> get(byte[] key) {
    checkOpen();
    byte[] v = map.get(Bytes.wrap(key));
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Override
  public synchronized void put(byte[] key, byte[] value) {
    checkOpen();
    map.put(Bytes.of(key), value.clone());
  }

  @Override
  public synchronized void delete(byte[] key) {
    checkOpen();
    map.remove(Bytes.wrap(key));
  }

  /** Number of entries stored. */
  public synchronized int size() {
    return map.size();
  }

  @Override
  public WriteBatch newBatch() {
    return new StagedBatch<>(new StagedBatch.InOrder(), this::apply);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) throw new StoreException("in-memory store is closed");
  }

  private synchronized void apply(StagedBatch.InOrder ops) {
    checkOpen();
    ops.forEach(
        (key, value) -> {
          if (value == null) map.remove(Bytes.wrap(key));
          else map.put(Bytes.wrap(key), value);
        });
  }
}
