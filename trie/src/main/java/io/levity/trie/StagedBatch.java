package io.levity.trie;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@link KeyValueStore.WriteBatch} of every store: operations staged in memory, handed to the
 * store in one call by {@link #write()}; a batch is written or closed at most once. The stores
 * differ only in how they stage ({@link Ops}) and how they apply what was staged.
 *
 * @param <T> how the operations are staged
 */
final class StagedBatch<T extends StagedBatch.Ops> implements KeyValueStore.WriteBatch {
  /** Staged operations, in the order given. */
  interface Ops {
    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    int size();

    void clear();
  }

  /** Operations kept in the order given, copied on the way in. */
  static final class InOrder implements Ops {
    private final List<byte[][]> ops = new ArrayList<>();

    @Override
    public void put(byte[] key, byte[] value) {
      ops.add(new byte[][] {key.clone(), value.clone()});
    }

    @Override
    public void delete(byte[] key) {
      ops.add(new byte[][] {key.clone(), null});
    }

    @Override
    public int size() {
      return ops.size();
    }

    @Override
    public void clear() {
      ops.clear();
    }

    /** Each operation in order: (key, value), or (key, null) for a delete. */
    void forEach(BiConsumer<byte[], byte[]> action) {
      for (byte[][] op : ops) action.accept(op[0], op[1]);
    }
  }

  private final T ops;
  private final Consumer<T> apply;
  private boolean done;

  /**
   * @param apply writes every staged operation to the store atomically, or throws and writes none
   */
  StagedBatch(T ops, Consumer<T> apply) {
    this.ops = ops;
    this.apply = apply;
  }

  @Override
  public KeyValueStore.WriteBatch put(byte[] key, byte[] value) {
    checkUsable();
    ops.put(key, value);
    return this;
  }

  @Override
  public KeyValueStore.WriteBatch delete(byte[] key) {
    checkUsable();
    ops.delete(key);
    return this;
  }

  @Override
  public int size() {
    return ops.size();
  }

  /** Applies the staged operations; after a failure the batch may be written again. */
  @Override
  public void write() {
    checkUsable();
    apply.accept(ops);
    done = true;
    ops.clear();
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
