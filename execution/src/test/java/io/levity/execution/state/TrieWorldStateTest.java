package io.levity.execution.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.WorldView;
import io.levity.trie.InMemoryKeyValueStore;
import io.levity.trie.MerklePatriciaTrie;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The trie-backed world against {@link InMemoryWorld} + {@link StateRoots}: the same operations
 * (with snapshots and reverts) give the same reads and the same state root, before and after a
 * commit and a reopen.
 */
class TrieWorldStateTest {
  private static final Address[] ADDRESSES = new Address[5];
  private static final UInt256[] SLOTS = {
    UInt256.ZERO, UInt256.ONE, UInt256.valueOf(2), UInt256.MAX
  };

  static {
    for (int i = 0; i < ADDRESSES.length; i++)
      ADDRESSES[i] = Address.wrapAddress(filled(20, i + 1));
  }

  private static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  /**
   * kind: 0 balance, 1 nonce, 2 code, 3/4 storage, 5 create, 6 delete, 7 snapshot, 8 revert, 9 new
   * transaction.
   */
  record Op(int kind, int address, int slot, int value) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 3))
        .as(Op::new)
        .list()
        .ofMaxSize(60);
  }

  record Pre(int address, long balance, long nonce, int code, Map<Integer, Integer> storage) {}

  @Provide
  Arbitrary<List<Pre>> pre() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.longs().between(0, 3),
            Arbitraries.integers().between(0, 2),
            Arbitraries.maps(
                    Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3))
                .ofMaxSize(4))
        .as(Pre::new)
        .list()
        .ofMaxSize(5);
  }

  private static Bytes code(int i) {
    return i == 0 ? Bytes.EMPTY : Bytes.wrap(filled(i * 7, 0x60 + i));
  }

  private static UInt256 value(int v) {
    return v == 3 ? UInt256.MAX : UInt256.valueOf(v);
  }

  private static void setUp(List<Pre> pre, InMemoryWorld mem, TrieWorldState trie) {
    for (Pre p : pre) {
      Map<UInt256, UInt256> storage = new HashMap<>();
      p.storage().forEach((k, v) -> storage.put(SLOTS[k], value(v)));
      Address a = ADDRESSES[p.address()];
      mem.put(a, UInt256.valueOf(p.balance()), p.nonce(), code(p.code()), storage);
      if (trie.exists(a)) trie.deleteAccount(a);
      trie.setBalance(a, UInt256.valueOf(p.balance()));
      trie.setNonce(a, p.nonce());
      trie.setCode(a, code(p.code()));
      storage.forEach((k, v) -> trie.setStorage(a, k, v));
    }
  }

  private static void apply(Op op, WorldView w, Deque<Integer> snapshots) {
    Address a = ADDRESSES[op.address()];
    switch (op.kind()) {
      case 0 -> w.setBalance(a, UInt256.valueOf(op.value() * 1000L));
      case 1 -> w.setNonce(a, op.value());
      case 2 -> w.setCode(a, code(op.value() % 3));
      case 3, 4 -> w.setStorage(a, SLOTS[op.slot()], value(op.value()));
      case 5 -> w.createAccount(a);
      case 6 -> w.deleteAccount(a);
      case 7 -> snapshots.push(w.snapshot());
      case 8 -> {
        if (!snapshots.isEmpty()) w.revert(snapshots.pop());
      }
      default -> throw new IllegalStateException();
    }
  }

  private static void assertSameReads(InMemoryWorld mem, TrieWorldState trie) {
    for (Address a : ADDRESSES) {
      assertThat(trie.exists(a)).as("exists %s", a).isEqualTo(mem.exists(a));
      assertThat(trie.isEmpty(a)).isEqualTo(mem.isEmpty(a));
      assertThat(trie.balance(a)).isEqualTo(mem.balance(a));
      assertThat(trie.nonce(a)).isEqualTo(mem.nonce(a));
      assertThat(trie.code(a)).isEqualTo(mem.code(a));
      assertThat(trie.codeHash(a)).isEqualTo(mem.codeHash(a));
      assertThat(trie.hasStorage(a)).as("hasStorage %s", a).isEqualTo(mem.hasStorage(a));
      for (UInt256 s : SLOTS) {
        assertThat(trie.storage(a, s)).isEqualTo(mem.storage(a, s));
        assertThat(trie.originalStorage(a, s)).isEqualTo(mem.originalStorage(a, s));
      }
    }
  }

  @Property(tries = 300)
  void sameReadsAndRootsAsTheInMemoryWorld(
      @ForAll("pre") List<Pre> pre, @ForAll("ops") List<Op> ops) {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    InMemoryWorld mem = new InMemoryWorld();
    TrieWorldState trie = TrieWorldState.empty(store);
    setUp(pre, mem, trie);
    Bytes32 preRoot = trie.commit();
    assertThat(preRoot).isEqualTo(StateRoots.stateRoot(mem));
    trie = TrieWorldState.open(store, preRoot); // reads now come from the store
    mem.beginTransaction();
    trie.beginTransaction();

    Deque<Integer> memSnaps = new ArrayDeque<>();
    Deque<Integer> trieSnaps = new ArrayDeque<>();
    for (Op op : ops) {
      if (op.kind() == 9) {
        // Between transactions: fold into the tries (as a block's end does) and compare roots.
        assertThat(trie.stateRoot()).isEqualTo(StateRoots.stateRoot(mem));
        mem.beginTransaction();
        trie.beginTransaction();
        memSnaps.clear();
        trieSnaps.clear();
        continue;
      }
      apply(op, mem, memSnaps);
      apply(op, trie, trieSnaps);
      assertSameReads(mem, trie);
    }
    Bytes32 root = trie.commit();
    assertThat(root).isEqualTo(StateRoots.stateRoot(mem));
    TrieWorldState reopened = TrieWorldState.open(store, root);
    mem.beginTransaction();
    assertSameReads(mem, reopened);
    // The pre-state root stays readable (nothing is pruned).
    assertThat(TrieWorldState.open(store, preRoot).stateRoot()).isEqualTo(preRoot);
  }

  @Test
  void commitWritesOneBatchAndNothingBeforeIt() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    TrieWorldState w = TrieWorldState.empty(store);
    w.setBalance(ADDRESSES[0], UInt256.ONE);
    w.setCode(ADDRESSES[1], code(2));
    w.setStorage(ADDRESSES[1], UInt256.ONE, UInt256.valueOf(9));
    Bytes32 root = w.stateRoot();
    assertThat(store.size()).isZero();
    try (var batch = store.newBatch()) {
      assertThat(w.commit(batch)).isEqualTo(root);
      assertThat(store.size()).isZero();
      batch.write();
    }
    assertThat(store.get(codeKey(w.codeHash(ADDRESSES[1])))).isPresent();
    TrieWorldState back = TrieWorldState.open(store, root);
    assertThat(back.code(ADDRESSES[1])).isEqualTo(code(2));
    assertThat(back.storage(ADDRESSES[1], UInt256.ONE)).isEqualTo(UInt256.valueOf(9));
    assertThat(TrieWorldState.empty(new InMemoryKeyValueStore()).stateRoot())
        .isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
  }

  private static byte[] codeKey(Bytes32 hash) {
    return Bytes.concat(Bytes.of(TrieWorldState.CODE_PREFIX), hash).toArray();
  }
}
