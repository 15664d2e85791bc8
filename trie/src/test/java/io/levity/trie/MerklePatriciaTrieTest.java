package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerklePatriciaTrieTest {
  static Bytes s(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  static Bytes h(String hex) {
    return Bytes.fromHex(hex);
  }

  private static MerklePatriciaTrie trieOf(String... keyValues) {
    MerklePatriciaTrie t = MerklePatriciaTrie.inMemory();
    for (int i = 0; i < keyValues.length; i += 2) t.put(s(keyValues[i]), s(keyValues[i + 1]));
    return t;
  }

  @Test
  void emptyTrieHasTheWellKnownRoot() {
    assertThat(MerklePatriciaTrie.EMPTY_ROOT.toHex())
        .isEqualTo("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    assertThat(MerklePatriciaTrie.EMPTY_ROOT)
        .isEqualTo(Keccak.hash(Bytes.wrap(Rlp.encodeBytes(new byte[0]))));
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    assertThat(t.rootHash()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(t.commit()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(store.size()).isZero();
    MerklePatriciaTrie reopened = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(reopened.isEmpty()).isTrue();
    assertThat(reopened.get(s("x"))).isEmpty();
  }

  @Test
  void knownRoots() {
    assertThat(trieOf("A", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").rootHash().toHex())
        .isEqualTo("0xd23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab");
    assertThat(trieOf("doe", "reindeer", "dog", "puppy", "dogglesworth", "cat").rootHash().toHex())
        .isEqualTo("0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
    assertThat(
            trieOf("do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy")
                .rootHash()
                .toHex())
        .isEqualTo("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
    assertThat(trieOf("foo", "bar", "food", "bass").rootHash().toHex())
        .isEqualTo("0x17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3");
  }

  @Test
  void smallNodesAreInlinedInTheirParent() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    t.put(h("01"), h("03"));
    t.put(h("02"), h("04"));
    // extension [0] -> branch {1: leaf([], 03), 2: leaf([], 04)}; every node is under 32 bytes
    Bytes rootRlp = h("d710d580c22003c22004" + "80".repeat(14));
    assertThat(t.proof(h("01"))).containsExactly(rootRlp);
    assertThat(t.rootHash()).isEqualTo(Keccak.hash(rootRlp));
    t.commit();
    assertThat(store.size())
        .as("only the root is stored; its children live inside it")
        .isEqualTo(1);
    assertThat(store.get(t.rootHash().toArray()))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(rootRlp.toArray()));
  }

  @Test
  void nodesOf32BytesOrMoreAreReferencedByHash() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    Bytes big = Bytes.wrap(new byte[32]);
    t.put(h("01"), big);
    t.put(h("02"), h("04"));
    Bytes leaf1 =
        Bytes.wrap(Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x20}), Rlp.encodeBytes(big)));
    assertThat(leaf1.size()).isEqualTo(35);
    Bytes branch =
        Bytes.wrap(
            Rlp.encodeList(
                concat(
                    Rlp.emptyString(),
                    Rlp.encodeBytes(Keccak.hash256(leaf1.toArray())),
                    h("c22004").toArray(),
                    h("80".repeat(14)).toArray())));
    Bytes ext =
        Bytes.wrap(
            Rlp.encodeList(new byte[] {0x10}, Rlp.encodeBytes(Keccak.hash256(branch.toArray()))));
    assertThat(t.proof(h("01"))).containsExactly(ext, branch, leaf1);
    assertThat(t.proof(h("02"))).containsExactly(ext, branch); // leaf 2 is inline in the branch
    t.commit();
    assertThat(store.size()).isEqualTo(3);
  }

  private static byte[] concat(byte[]... parts) {
    return Bytes.concat(Arrays.stream(parts).map(Bytes::wrap).toArray(Bytes[]::new)).toArray();
  }

  @Test
  void getPutRemoveAndEmptyValueDeletes() {
    MerklePatriciaTrie t = trieOf("do", "verb", "dog", "puppy", "doge", "coin");
    assertThat(t.get(s("dog"))).contains(s("puppy"));
    assertThat(t.get(s("d"))).isEmpty();
    assertThat(t.get(s("dogs"))).isEmpty();
    t.put(s("dog"), s("hound"));
    assertThat(t.get(s("dog"))).contains(s("hound"));
    t.put(s("dog"), Bytes.EMPTY);
    assertThat(t.get(s("dog"))).isEmpty();
    assertThat(t.rootHash()).isEqualTo(trieOf("do", "verb", "doge", "coin").rootHash());
    t.put(new byte[0], new byte[] {1}); // the empty key is a key like any other
    assertThat(t.get(new byte[0])).containsExactly(1);
  }

  @Test
  void deletesCollapseBranchesAndExtensions() {
    // Branch value removed: branch {value, 'c' child} collapses into a leaf.
    MerklePatriciaTrie t = trieOf("ab", "x", "abc", "y");
    t.remove(s("ab"));
    assertThat(t.rootHash()).isEqualTo(trieOf("abc", "y").rootHash());
    // A branch left with one child merges with the extension above and the node below.
    MerklePatriciaTrie u = MerklePatriciaTrie.inMemory();
    Map<Bytes, Bytes> model = new LinkedHashMap<>();
    for (String k : List.of("1234", "1235", "1300", "13", "2000")) {
      u.put(h(k), h("aa" + k));
      model.put(h(k), h("aa" + k));
    }
    for (String k : List.of("2000", "1300", "1235", "13", "1234")) {
      u.remove(h(k));
      model.remove(h(k));
      assertThat(u.rootHash()).as("after removing " + k).isEqualTo(ReferenceRoot.of(model));
    }
    assertThat(u.isEmpty()).isTrue();
    assertThat(u.rootHash()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  @Test
  void collapsingLoadsTheSurvivingSiblingFromTheStore() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    Map<Bytes, Bytes> model = new LinkedHashMap<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 300; i++) {
      Bytes k = random(rnd, 1 + rnd.nextInt(4));
      Bytes v = random(rnd, 1 + rnd.nextInt(40));
      t.put(k, v);
      model.put(k, v);
    }
    Bytes32 root = t.commit();
    MerklePatriciaTrie reopened = MerklePatriciaTrie.open(store, root);
    List<Bytes> keys = new ArrayList<>(model.keySet());
    for (int i = 0; i < keys.size(); i += 2) {
      reopened.remove(keys.get(i));
      model.remove(keys.get(i));
    }
    assertThat(reopened.rootHash()).isEqualTo(ReferenceRoot.of(model));
    Bytes32 root2 = reopened.commit();
    MerklePatriciaTrie again = MerklePatriciaTrie.open(store, root2);
    model.forEach((k, v) -> assertThat(again.get(k)).contains(v));
  }

  @Test
  void commitWritesOnlyNewNodes() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    Random rnd = new Random(1);
    List<Bytes> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add(random(rnd, 32));
      t.put(keys.get(i), random(rnd, 32));
    }
    Bytes32 root = t.commit();
    int before = store.size();
    assertThat(t.commit()).isEqualTo(root);
    t.remove(random(rnd, 32)); // absent key: nothing changes
    t.put(keys.get(0), t.get(keys.get(0)).orElseThrow()); // same value: nothing changes
    assertThat(t.commit()).isEqualTo(root);
    assertThat(store.size()).isEqualTo(before);
    t.put(keys.get(5), random(rnd, 32));
    t.commit();
    // 200 keys: root branch, a second-level branch or two, then the leaf
    assertThat(store.size() - before).isBetween(2, 4);
  }

  @Test
  void failedBatchLeavesChangesPendingForTheNextCommit() {
    InMemoryKeyValueStore real = new InMemoryKeyValueStore();
    FailingWritesStore store = new FailingWritesStore(real, 0);
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    for (int i = 0; i < 50; i++)
      t.put(Bytes.of((byte) i, (byte) (i * 7)), Bytes.wrap(new byte[33]));
    store.failNextWrite();
    assertThatThrownBy(t::commit).isInstanceOf(StoreException.class);
    assertThat(real.size()).as("nothing of a failed batch is visible").isZero();
    Bytes32 root = t.commit();
    MerklePatriciaTrie reopened = MerklePatriciaTrie.open(real, root);
    for (int i = 0; i < 50; i++)
      assertThat(reopened.get(Bytes.of((byte) i, (byte) (i * 7)))).isPresent();
  }

  @Test
  void commitIntoACallersBatch() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie a = MerklePatriciaTrie.empty(store);
    SecureTrie b = SecureTrie.empty(store);
    a.put(s("alpha"), s("1".repeat(40)));
    b.put(s("beta"), s("2".repeat(40)));
    Bytes32 ra;
    Bytes32 rb;
    try (KeyValueStore.WriteBatch batch = store.newBatch()) {
      ra = a.commit(batch);
      rb = b.commit(batch);
      assertThat(store.size()).isZero();
      batch.write();
    }
    assertThat(MerklePatriciaTrie.open(store, ra).get(s("alpha"))).contains(s("1".repeat(40)));
    assertThat(SecureTrie.open(store, rb).get(s("beta"))).contains(s("2".repeat(40)));
  }

  @Test
  void aDeleteThatCannotLoadTheSurvivingSiblingLeavesTheTrieUnchanged() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    t.put(h("10"), h("01"));
    t.put(h("20"), Bytes.wrap(new byte[40])); // a hashed leaf, loaded only when needed
    Bytes32 root = t.commit();
    List<Bytes> siblingProof = t.proof(h("20"));
    store.delete(Keccak.hash(siblingProof.get(siblingProof.size() - 1)).toArray());

    MerklePatriciaTrie reopened = MerklePatriciaTrie.open(store, root);
    reopened.put(
        h("30"), h("03")); // the root branch is now uncommitted, so deletes change it in place
    reopened.remove(h("30"));
    assertThat(reopened.rootHash()).isEqualTo(root);
    // Removing 0x10 leaves the branch with one child, which must be loaded to merge paths: it is
    // missing.
    assertThatThrownBy(() -> reopened.remove(h("10"))).isInstanceOf(MissingNodeException.class);
    assertThat(reopened.rootHash()).isEqualTo(root);
    assertThat(reopened.get(h("10"))).contains(h("01"));
  }

  @Test
  void openingAtAnUnknownRootFailsClearly() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    Bytes32 bogus = Keccak.hash(s("no such node"));
    assertThatThrownBy(() -> MerklePatriciaTrie.open(store, bogus))
        .isInstanceOf(MissingNodeException.class)
        .hasMessageContaining(bogus.toHex());
  }

  @Test
  void malformedStoredNodesAreRejected() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    for (String bad :
        List.of("c3808080", "c180", "c2c0c0", "c24080", "c3208100", "c22080", "c20080", "ff")) {
      byte[] node = h(bad).toArray();
      Bytes32 key = Keccak.hash(node);
      store.put(key.toArray(), node);
      assertThatThrownBy(() -> MerklePatriciaTrie.open(store, key))
          .as(bad)
          .isInstanceOf(TrieException.class);
    }
  }

  @Test
  void nextAndPrevKeysFollowByteOrder() {
    MerklePatriciaTrie t = trieOf("cat", "1", "doge", "2", "do", "3", "wallace", "4");
    assertThat(t.nextKey(Bytes.EMPTY)).contains(s("cat"));
    assertThat(t.nextKey(s("cat"))).contains(s("do"));
    assertThat(t.nextKey(s("d"))).contains(s("do"));
    assertThat(t.nextKey(s("do"))).contains(s("doge"));
    assertThat(t.nextKey(s("dog"))).contains(s("doge"));
    assertThat(t.nextKey(s("wallace"))).isEmpty();
    assertThat(t.prevKey(s("cat"))).isEmpty();
    assertThat(t.prevKey(s("doge"))).contains(s("do"));
    assertThat(t.prevKey(s("dog"))).contains(s("do"));
    assertThat(t.prevKey(s("do"))).contains(s("cat"));
    assertThat(t.prevKey(s("zzz"))).contains(s("wallace"));
    assertThat(t.higher(s("do"), true)).contains(new MerklePatriciaTrie.Entry(s("do"), s("3")));
    assertThat(t.lower(s("doge"), true)).contains(new MerklePatriciaTrie.Entry(s("doge"), s("2")));
    List<Bytes> keys = new ArrayList<>();
    t.forEach((k, v) -> keys.add(k));
    assertThat(keys).containsExactly(s("cat"), s("do"), s("doge"), s("wallace"));
    List<Bytes> from = new ArrayList<>();
    t.iterator(s("d")).forEachRemaining(e -> from.add(e.key()));
    assertThat(from).containsExactly(s("do"), s("doge"), s("wallace"));
  }

  @Test
  void uncommittedChangesDoNotReachTheStore() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    t.put(s("k"), s("v".repeat(64)));
    assertThat(t.rootHash()).isNotEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    assertThat(store.size()).isZero();
    assertThat(t.get(s("k"))).isEqualTo(Optional.of(s("v".repeat(64))));
  }

  static Bytes random(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return Bytes.wrap(b);
  }
}
