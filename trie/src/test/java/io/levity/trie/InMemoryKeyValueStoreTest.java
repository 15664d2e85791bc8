package io.levity.trie;

class InMemoryKeyValueStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore open() {
    return new InMemoryKeyValueStore();
  }
}
