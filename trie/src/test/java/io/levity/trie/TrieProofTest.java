package io.levity.trie;

import static io.levity.trie.MerklePatriciaTrieTest.h;
import static io.levity.trie.MerklePatriciaTrieTest.random;
import static io.levity.trie.MerklePatriciaTrieTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrieProofTest {
  private final Map<Bytes, Bytes> entries = new LinkedHashMap<>();
  private MerklePatriciaTrie trie;
  private Bytes32 root;

  @BeforeEach
  void build() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    MerklePatriciaTrie t = MerklePatriciaTrie.empty(store);
    Random rnd = new Random(42);
    for (int i = 0; i < 300; i++) {
      Bytes k = random(rnd, 32);
      Bytes v = random(rnd, 1 + rnd.nextInt(60));
      t.put(k, v);
      entries.put(k, v);
    }
    t.put(s("do"), s("verb")); // short keys too: branch values and extensions near the root
    t.put(s("dog"), s("puppy"));
    t.put(s("doge"), s("coin"));
    entries.put(s("do"), s("verb"));
    entries.put(s("dog"), s("puppy"));
    entries.put(s("doge"), s("coin"));
    root = t.commit();
    trie = MerklePatriciaTrie.open(store, root); // proofs from lazily loaded nodes
  }

  @Test
  void everyKeyIsProven() {
    entries.forEach(
        (k, v) -> {
          List<Bytes> proof = trie.proof(k);
          assertThat(Keccak.hash(proof.get(0)))
              .as("eth_getProof starts with the root node")
              .isEqualTo(root);
          assertThat(MerklePatriciaTrie.verifyProof(root, k, proof)).contains(v);
        });
  }

  @Test
  void absenceIsProven() {
    Random rnd = new Random(3);
    List<Bytes> absent =
        new ArrayList<>(List.of(s("d"), s("dogs"), s("dox"), s("cat"), Bytes.EMPTY));
    for (int i = 0; i < 50; i++)
      absent.add(random(rnd, 32)); // mostly diverging at a leaf or an empty slot
    Bytes someKey = entries.keySet().iterator().next();
    absent.add(someKey.slice(0, 31)); // a prefix of a stored key: ends inside the path
    absent.add(Bytes.concat(someKey, h("00"))); // runs past a leaf
    for (Bytes k : absent) {
      assertThat(entries).doesNotContainKey(k);
      assertThat(MerklePatriciaTrie.verifyProof(root, k, trie.proof(k))).as(k.toHex()).isEmpty();
    }
  }

  @Test
  void alteredProofsAreRejected() {
    Bytes key = s("doge");
    List<Bytes> proof = trie.proof(key);
    assertThat(proof).hasSizeGreaterThan(1);
    for (int i = 0; i < proof.size(); i++) {
      byte[] node = proof.get(i).toArray();
      node[node.length - 1] ^= 1;
      List<Bytes> tampered = new ArrayList<>(proof);
      tampered.set(i, Bytes.wrap(node));
      assertThatThrownBy(() -> MerklePatriciaTrie.verifyProof(root, key, tampered))
          .as("node " + i)
          .isInstanceOf(InvalidProofException.class);
    }
    List<Bytes> truncated = proof.subList(0, proof.size() - 1);
    assertThatThrownBy(() -> MerklePatriciaTrie.verifyProof(root, key, truncated))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("lacks node");
    Bytes32 otherRoot = Keccak.hash(s("another root"));
    assertThatThrownBy(() -> MerklePatriciaTrie.verifyProof(otherRoot, key, proof))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("root");
    assertThatThrownBy(() -> MerklePatriciaTrie.verifyProof(root, key, List.of()))
        .isInstanceOf(InvalidProofException.class);
  }

  @Test
  void aProofForOneKeyDoesNotProveAnotherKeysValue() {
    Bytes a = s("dog");
    Bytes b = entries.keySet().iterator().next();
    List<Bytes> proofOfA = trie.proof(a);
    // Either b's path leaves the proof (invalid) or the proof shows b absent; never b's value.
    try {
      assertThat(MerklePatriciaTrie.verifyProof(root, b, proofOfA)).isEmpty();
    } catch (InvalidProofException expected) {
      assertThat(expected).hasMessageContaining("lacks node");
    }
  }

  @Test
  void emptyTrieAndUncommittedTries() {
    MerklePatriciaTrie empty = MerklePatriciaTrie.inMemory();
    assertThat(empty.proof(s("x"))).isEmpty();
    assertThat(MerklePatriciaTrie.verifyProof(MerklePatriciaTrie.EMPTY_ROOT, s("x"), List.of()))
        .isEmpty();
    empty.put(s("x"), s("y"));
    assertThat(MerklePatriciaTrie.verifyProof(empty.rootHash(), s("x"), empty.proof(s("x"))))
        .contains(s("y"));
  }

  @Test
  void secureTrieProofs() {
    SecureTrie st = SecureTrie.empty(new InMemoryKeyValueStore());
    for (int i = 0; i < 100; i++) st.put(Bytes.of((byte) i), Bytes.of((byte) (i + 1)));
    Bytes32 r = st.commit();
    assertThat(SecureTrie.verifyProof(r, Bytes.of((byte) 7), st.proof(Bytes.of((byte) 7))))
        .contains(Bytes.of((byte) 8));
    assertThat(SecureTrie.verifyProof(r, Bytes.of((byte) -1), st.proof(Bytes.of((byte) -1))))
        .isEmpty();
    // The same proof through the plain verifier with the hashed key, as an eth_getProof client
    // would do.
    assertThat(
            MerklePatriciaTrie.verifyProof(
                r, SecureTrie.hashKey(Bytes.of((byte) 7)), st.proof(Bytes.of((byte) 7))))
        .contains(Bytes.of((byte) 8));
  }
}
