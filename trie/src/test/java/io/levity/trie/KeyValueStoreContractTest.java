package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyValueStore} must do; run against each implementation by a subclass. */
abstract class KeyValueStoreContractTest {
  protected KeyValueStore store;

  protected abstract KeyValueStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void putGetDelete() {
    byte[] k = {1, 2, 3};
    assertThat(store.get(k)).isEmpty();
    store.put(k, new byte[] {9});
    assertThat(store.get(k)).hasValueSatisfying(v -> assertThat(v).containsExactly(9));
    store.put(k, new byte[] {8, 8});
    assertThat(store.get(k)).hasValueSatisfying(v -> assertThat(v).containsExactly(8, 8));
    store.delete(k);
    assertThat(store.get(k)).isEmpty();
    store.delete(k); // deleting an absent key is fine
  }

  @Test
  void batchIsInvisibleUntilWrittenThenWhole() {
    store.put(new byte[] {0}, new byte[] {0});
    try (KeyValueStore.WriteBatch b = store.newBatch()) {
      for (int i = 1; i <= 100; i++) b.put(new byte[] {(byte) i}, new byte[] {(byte) i});
      b.delete(new byte[] {0});
      assertThat(b.size()).isEqualTo(101);
      assertThat(store.get(new byte[] {50})).isEmpty();
      b.write();
      assertThatThrownBy(b::write).isInstanceOf(IllegalStateException.class);
    }
    for (int i = 1; i <= 100; i++) assertThat(store.get(new byte[] {(byte) i})).isPresent();
    assertThat(store.get(new byte[] {0})).isEmpty();
  }

  @Test
  void laterOperationsOnAKeyInABatchWin() {
    byte[] k = {5};
    try (KeyValueStore.WriteBatch b = store.newBatch()) {
      b.put(k, new byte[] {1}).put(new byte[] {4}, new byte[] {4}).delete(k).put(k, new byte[] {2});
      b.put(new byte[] {6}, new byte[] {6}).delete(new byte[] {6});
      b.write();
    }
    assertThat(store.get(k).orElseThrow()).containsExactly(2);
    assertThat(store.get(new byte[] {6})).isEmpty();
    assertThat(store.get(new byte[] {4})).isPresent();
  }

  @Test
  void closedBatchWritesNothing() {
    KeyValueStore.WriteBatch b = store.newBatch();
    b.put(new byte[] {1}, new byte[] {1});
    b.close();
    assertThatThrownBy(b::write).isInstanceOf(IllegalStateException.class);
    assertThat(store.get(new byte[] {1})).isEmpty();
  }

  @Test
  void callersCannotChangeStoredBytes() {
    byte[] v = {1, 2};
    store.put(new byte[] {7}, v);
    v[0] = 99;
    assertThat(store.get(new byte[] {7}).orElseThrow()).containsExactly(1, 2);
  }

  @Test
  void useAfterCloseFailsClearly() {
    store.close();
    assertThatThrownBy(() -> store.get(new byte[] {1}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.put(new byte[] {1}, new byte[] {1}))
        .isInstanceOf(StoreException.class);
    store.close(); // twice is harmless
  }
}
