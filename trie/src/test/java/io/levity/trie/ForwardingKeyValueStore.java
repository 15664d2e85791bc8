package io.levity.trie;

import java.util.Optional;

/**
 * A test double's base: every call goes to a real store; a subclass overrides what it watches or
 * breaks. Shared with other modules' tests through the trie test-jar.
 */
public abstract class ForwardingKeyValueStore implements KeyValueStore {
  protected final KeyValueStore inner;

  protected ForwardingKeyValueStore(KeyValueStore inner) {
    this.inner = inner;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return inner.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    inner.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    inner.delete(key);
  }

  @Override
  public WriteBatch newBatch() {
    return inner.newBatch();
  }

  @Override
  public void close() {
    inner.close();
  }
}
