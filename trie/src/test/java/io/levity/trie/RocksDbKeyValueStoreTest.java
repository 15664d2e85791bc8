package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKeyValueStoreTest extends KeyValueStoreContractTest {
  @TempDir Path dir;

  @Override
  protected KeyValueStore open() {
    return RocksDbKeyValueStore.open(dir.resolve("db"));
  }

  @Test
  void trieSurvivesCloseAndReopen() {
    store.close();
    Path db = dir.resolve("trie");
    Map<Bytes, Bytes> model = new LinkedHashMap<>();
    Random rnd = new Random(11);
    Bytes32 root;
    try (RocksDbKeyValueStore s =
        RocksDbKeyValueStore.open(
            db, RocksDbKeyValueStore.Config.defaults().withSyncWrites(true))) {
      MerklePatriciaTrie t = MerklePatriciaTrie.empty(s);
      for (int i = 0; i < 2000; i++) {
        Bytes k = MerklePatriciaTrieTest.random(rnd, 1 + rnd.nextInt(32));
        Bytes v = MerklePatriciaTrieTest.random(rnd, 1 + rnd.nextInt(64));
        t.put(k, v);
        model.put(k, v);
      }
      root = t.commit();
    }
    try (RocksDbKeyValueStore s = RocksDbKeyValueStore.open(db)) {
      MerklePatriciaTrie t = MerklePatriciaTrie.open(s, root);
      assertThat(t.rootHash()).isEqualTo(root);
      model.forEach((k, v) -> assertThat(t.get(k)).contains(v));
      // Keep working on the reopened trie: it must agree with a fresh in-memory one.
      Bytes first = model.keySet().iterator().next();
      t.remove(first);
      model.remove(first);
      t.put(Bytes.of((byte) 1, (byte) 2), Bytes.of((byte) 3));
      model.put(Bytes.of((byte) 1, (byte) 2), Bytes.of((byte) 3));
      assertThat(t.commit()).isEqualTo(ReferenceRoot.of(model));
    }
  }

  @Test
  void openingAFolderInUseFailsClearly() {
    assertThatThrownBy(() -> RocksDbKeyValueStore.open(dir.resolve("db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open");
  }
}
