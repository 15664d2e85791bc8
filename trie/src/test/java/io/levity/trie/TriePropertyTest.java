package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the trie, over keys drawn from a small alphabet so that they share prefixes and nest. */
class TriePropertyTest {
  @Provide
  Arbitrary<Bytes> keys() {
    return Arbitraries.of(
            (byte) 0x00, (byte) 0x01, (byte) 0x10, (byte) 0x1f, (byte) 0xf0, (byte) 0xff)
        .array(byte[].class)
        .ofMaxSize(5)
        .map(Bytes::wrap);
  }

  @Provide
  Arbitrary<Bytes> values() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(48)
        .map(Bytes::wrap); // inline and hashed
  }

  @Provide
  Arbitrary<Map<Bytes, Bytes>> maps() {
    return Arbitraries.maps(keys(), values()).ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op =
        Combinators.combine(keys(), values(), Arbitraries.integers().between(0, 3))
            .as((k, v, kind) -> new Op(k, kind == 0 ? Bytes.EMPTY : v)); // a quarter are deletes
    return op.list().ofMaxSize(80);
  }

  record Op(Bytes key, Bytes value) {}

  @Property(tries = 300)
  void rootMatchesTheYellowPaperDefinition(@ForAll("maps") Map<Bytes, Bytes> map) {
    MerklePatriciaTrie t = MerklePatriciaTrie.inMemory();
    map.forEach(t::put);
    assertThat(t.rootHash()).isEqualTo(ReferenceRoot.of(map));
  }

  @Property(tries = 300)
  void rootDoesNotDependOnInsertionOrder(@ForAll("maps") Map<Bytes, Bytes> map, @ForAll long seed) {
    List<Map.Entry<Bytes, Bytes>> entries = new ArrayList<>(map.entrySet());
    MerklePatriciaTrie a = MerklePatriciaTrie.inMemory();
    entries.forEach(e -> a.put(e.getKey(), e.getValue()));
    Collections.shuffle(entries, new Random(seed));
    MerklePatriciaTrie b = MerklePatriciaTrie.inMemory();
    entries.forEach(e -> b.put(e.getKey(), e.getValue()));
    assertThat(b.rootHash()).isEqualTo(a.rootHash());
  }

  @Property(tries = 300)
  void deleteThenReinsertRestoresTheRoot(
      @ForAll("maps") Map<Bytes, Bytes> map,
      @ForAll("keys") Bytes extra,
      @ForAll("values") Bytes value) {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    map.forEach(t::put);
    Bytes32 committed = t.commit();
    t =
        MerklePatriciaTrie.open(
            store, committed); // deletes must also work through lazily loaded nodes
    for (Bytes k : map.keySet()) {
      Bytes v = map.get(k);
      t.remove(k);
      assertThat(t.get(k)).isEmpty();
      t.put(k, v);
      assertThat(t.rootHash()).isEqualTo(committed);
    }
    if (!map.containsKey(extra)) {
      t.put(extra, value);
      t.remove(extra);
      assertThat(t.rootHash()).isEqualTo(committed);
    }
  }

  @Property(tries = 200)
  void everyKeyHasAVerifyingProof(
      @ForAll("maps") Map<Bytes, Bytes> map, @ForAll("keys") Bytes probe) {
    MerklePatriciaTrie t = MerklePatriciaTrie.inMemory();
    map.forEach(t::put);
    Bytes32 root = t.commit();
    map.forEach(
        (k, v) -> assertThat(MerklePatriciaTrie.verifyProof(root, k, t.proof(k))).contains(v));
    assertThat(MerklePatriciaTrie.verifyProof(root, probe, t.proof(probe)))
        .isEqualTo(Optional.ofNullable(map.get(probe)));
  }

  @Property(tries = 200)
  void behavesLikeASortedMap(@ForAll("ops") List<Op> ops, @ForAll("keys") Bytes probe) {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    TreeMap<Bytes, Bytes> model = new TreeMap<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      t.put(op.key(), op.value());
      if (op.value().isEmpty()) model.remove(op.key());
      else model.put(op.key(), op.value());
      // Hashing between updates caches hashes in nodes that later updates change in place: they
      // must not go stale.
      if (i % 3 == 0) assertThat(t.rootHash()).isEqualTo(ReferenceRoot.of(model));
      if (i == ops.size() / 2)
        t = MerklePatriciaTrie.open(store, t.commit()); // mix committed and fresh nodes
    }
    assertThat(t.rootHash()).isEqualTo(ReferenceRoot.of(model));
    Map<Bytes, Bytes> walked = new LinkedHashMap<>();
    t.forEach(walked::put);
    assertThat(walked).containsExactlyEntriesOf(model);
    for (Bytes k : List.of(probe, Bytes.EMPTY)) {
      assertThat(t.get(k)).isEqualTo(Optional.ofNullable(model.get(k)));
      assertThat(t.nextKey(k)).isEqualTo(Optional.ofNullable(model.higherKey(k)));
      assertThat(t.prevKey(k)).isEqualTo(Optional.ofNullable(model.lowerKey(k)));
      assertThat(t.higher(k, true).map(MerklePatriciaTrie.Entry::key))
          .isEqualTo(Optional.ofNullable(model.ceilingKey(k)));
      assertThat(t.lower(k, true).map(MerklePatriciaTrie.Entry::key))
          .isEqualTo(Optional.ofNullable(model.floorKey(k)));
    }
    for (Bytes k : model.keySet()) {
      assertThat(t.nextKey(k)).isEqualTo(Optional.ofNullable(model.higherKey(k)));
      assertThat(t.prevKey(k)).isEqualTo(Optional.ofNullable(model.lowerKey(k)));
    }
  }
}
