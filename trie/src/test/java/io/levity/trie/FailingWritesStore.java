package io.levity.trie;

/**
 * A test double: delegates to a real store but makes the next N batch writes fail, as a full disk
 * or a crash before the write would. Shared with other modules' tests through the trie test-jar.
 */
public final class FailingWritesStore extends ForwardingKeyValueStore {
  private int failuresLeft;

  public FailingWritesStore(KeyValueStore inner, int failures) {
    super(inner);
    this.failuresLeft = failures;
  }

  /** Fails every batch write. */
  public static FailingWritesStore always(KeyValueStore inner) {
    return new FailingWritesStore(inner, Integer.MAX_VALUE);
  }

  /** Makes the next batch write fail. */
  public void failNextWrite() {
    failuresLeft = 1;
  }

  /** A batch that replays into a batch of the real store, unless this write is one that fails. */
  @Override
  public WriteBatch newBatch() {
    return new StagedBatch<>(
        new StagedBatch.InOrder(),
        ops -> {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new StoreException(
                "simulated failure before the batch was written (" + ops.size() + " writes lost)");
          }
          try (WriteBatch b = inner.newBatch()) {
            ops.forEach(
                (key, value) -> {
                  if (value == null) b.delete(key);
                  else b.put(key, value);
                });
            b.write();
          }
        });
  }
}
