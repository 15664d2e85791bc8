package io.levity.trie;

import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    return new Batch();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) throw new StoreException("in-memory store is closed");
  }

  private synchronized void apply(List<byte[][]> ops) {
    checkOpen();
    for (byte[][] op : ops) {
      if (op[1] == null) map.remove(Bytes.wrap(op[0]));
      else map.put(Bytes.wrap(op[0]), op[1]);
    }
  }

  private final class Batch implements WriteBatch {
    private final List<byte[][]> ops = new ArrayList<>();
    private boolean done;

    @Override
    public WriteBatch put(byte[] key, byte[] value) {
      checkUsable();
      ops.add(new byte[][] {key.clone(), value.clone()});
      return this;
    }

    @Override
    public WriteBatch delete(byte[] key) {
      checkUsable();
      ops.add(new byte[][] {key.clone(), null});
      return this;
    }

    @Override
    public int size() {
      return ops.size();
    }

    @Override
    public void write() {
      checkUsable();
      apply(ops);
      done = true;
    }

    @Override
    public void close() {
      done = true;
      ops.clear();
    }

    private void checkUsable() {
      if (done) throw new IllegalStateException("batch already written or closed");
    }
  }
}
