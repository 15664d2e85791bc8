package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.trie.InMemoryKeyValueStore;
import io.levity.trie.MerklePatriciaTrie;
import io.levity.trie.SecureTrie;
import io.levity.trie.Trie;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TrieTests. Root cases: {@code {name: {in, root[, hexEncoded]}}}, where {@code in} is a list of
 * [key, value] pairs applied in order (a null value deletes) or an object of key: value; strings
 * starting with 0x are hex, others are UTF-8 bytes. Next/prev cases: {@code {name: {in: [keys],
 * tests: [[key, prev, next]]}}}, "" meaning none. Files whose name says "secure" key the trie by
 * keccak256(key), which the JSON shape does not show.
 *
 * <p>Beyond the root, each root case commits, reopens the trie from the store, and checks every
 * surviving value and its proof, so a runner pass also covers persistence and proofs. Stateless
 * (each case has its own store), so thread-safe.
 */
public final class TrieFixtureRunner implements FixtureRunner {
  private static final Set<String> CASE_FIELDS = Set.of("in", "root", "hexEncoded", "tests");

  @Override
  public boolean recognizesCase(JsonNode c) {
    if (!FixtureRunner.hasOnlyFields(c, CASE_FIELDS)) return false;
    JsonNode in = c.get("in");
    if (in == null || !(in.isArray() || in.isObject())) return false;
    boolean rootCase = c.path("root").isTextual() && !c.has("tests");
    boolean nextPrevCase = c.path("tests").isArray() && !c.has("root") && in.isArray();
    return rootCase || nextPrevCase;
  }

  @Override
  public void runCase(Path file, String name, JsonNode c, CaseSink sink) {
    boolean secure = file.getFileName().toString().toLowerCase(Locale.ROOT).contains("secure");
    sink.check(name, () -> c.has("tests") ? checkNextPrev(c) : checkRoot(c, secure));
  }

  private static String checkRoot(JsonNode c, boolean secure) {
    List<Bytes[]> ops = new ArrayList<>();
    JsonNode in = c.get("in");
    if (in.isArray()) {
      for (JsonNode pair : in) {
        if (!pair.isArray() || pair.size() != 2)
          return "bad fixture: 'in' item is not a [key, value] pair: " + pair;
        ops.add(new Bytes[] {decode(pair.get(0)), decode(pair.get(1))});
      }
    } else {
      for (Map.Entry<String, JsonNode> kv : in.properties()) {
        ops.add(new Bytes[] {decode(kv.getKey()), decode(kv.getValue())});
      }
    }
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    Trie trie = secure ? SecureTrie.empty(store) : MerklePatriciaTrie.empty(store);
    Map<Bytes, Bytes> expected = new LinkedHashMap<>();
    for (Bytes[] op : ops) {
      if (op[1].isEmpty()) {
        trie.remove(op[0]);
        expected.remove(op[0]);
      } else {
        trie.put(op[0], op[1]);
        expected.put(op[0], op[1]);
      }
    }
    Bytes32 want = Bytes32.fromHex32(c.get("root").asText());
    Bytes32 got = trie.commit();
    if (!got.equals(want)) return "root " + got + ", expected " + want;

    Trie reopened = secure ? SecureTrie.open(store, got) : MerklePatriciaTrie.open(store, got);
    for (Map.Entry<Bytes, Bytes> kv : expected.entrySet()) {
      Optional<Bytes> v = reopened.get(kv.getKey());
      if (!v.equals(Optional.of(kv.getValue()))) {
        return "after reopening, key "
            + kv.getKey()
            + " reads "
            + v
            + ", expected "
            + kv.getValue();
      }
      List<Bytes> proof = reopened.proof(kv.getKey());
      Optional<Bytes> proven =
          secure
              ? SecureTrie.verifyProof(got, kv.getKey(), proof)
              : MerklePatriciaTrie.verifyProof(got, kv.getKey(), proof);
      if (!proven.equals(Optional.of(kv.getValue())))
        return "proof of key " + kv.getKey() + " gives " + proven;
    }
    return null;
  }

  private static String checkNextPrev(JsonNode c) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    for (JsonNode k : c.get("in")) {
      Bytes key = decode(k);
      trie.put(key, key.isEmpty() ? Bytes.of((byte) 1) : key); // any non-empty value
    }
    for (JsonNode t : c.get("tests")) {
      if (!t.isArray() || t.size() != 3) return "bad fixture: test is not [key, prev, next]: " + t;
      Bytes key = decode(t.get(0));
      Bytes prev = trie.prevKey(key).orElse(Bytes.EMPTY);
      Bytes next = trie.nextKey(key).orElse(Bytes.EMPTY);
      if (!prev.equals(decode(t.get(1))))
        return "prev of '" + t.get(0).asText() + "' is " + show(prev) + ": " + t;
      if (!next.equals(decode(t.get(2))))
        return "next of '" + t.get(0).asText() + "' is " + show(next) + ": " + t;
    }
    return null;
  }

  private static Bytes decode(JsonNode n) {
    if (n == null || n.isNull()) return Bytes.EMPTY;
    if (!n.isTextual())
      throw new IllegalArgumentException("bad fixture: expected a string or null, got " + n);
    return decode(n.asText());
  }

  private static Bytes decode(String s) {
    if (Hex.hasPrefix(s)) return Bytes.wrap(Hex.decode(s));
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String show(Bytes b) {
    return "'" + new String(b.unsafeArray(), StandardCharsets.UTF_8) + "'";
  }
}
