package io.levity.evm.statetest;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal Merkle-Patricia root calculator for fixture checks (test only): builds the root of a set of
 * fixed-length keys in one pass, without storing nodes. The real trie lives in the trie module.
 */
final class TestTrie {
  static final Bytes32 EMPTY_ROOT = Keccak.hash(Rlp.EMPTY_STRING);

  private TestTrie() {}

  /** Root of key -> value (values already RLP-encoded as the trie stores them). */
  static Bytes32 root(Map<Bytes32, byte[]> entries) {
    if (entries.isEmpty()) return EMPTY_ROOT;
    TreeMap<Bytes32, byte[]> sorted = new TreeMap<>(entries);
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    sorted.forEach((k, v) -> {
      keys.add(nibbles(k.unsafeArray()));
      values.add(v);
    });
    byte[] node = encode(keys, values, 0, keys.size(), 0);
    return Keccak.hash(node);
  }

  private static byte[] nibbles(byte[] b) {
    byte[] n = new byte[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      n[2 * i] = (byte) ((b[i] >> 4) & 0xf);
      n[2 * i + 1] = (byte) (b[i] & 0xf);
    }
    return n;
  }

  private static byte[] encode(List<byte[]> keys, List<byte[]> values, int from, int to, int depth) {
    if (to - from == 1) {
      byte[] k = keys.get(from);
      return Rlp.encodeList(Rlp.encodeBytes(hexPrefix(k, depth, k.length, true)), Rlp.encodeBytes(values.get(from)));
    }
    byte[] first = keys.get(from);
    byte[] last = keys.get(to - 1);
    int common = depth;
    while (common < first.length && first[common] == last[common]) common++;
    if (common > depth) {
      byte[] child = encode(keys, values, from, to, common);
      return Rlp.encodeList(Rlp.encodeBytes(hexPrefix(first, depth, common, false)), ref(child));
    }
    byte[][] slots = new byte[17][];
    int i = from;
    for (int nib = 0; nib < 16; nib++) {
      int j = i;
      while (j < to && keys.get(j)[depth] == nib) j++;
      slots[nib] = j > i ? ref(encode(keys, values, i, j, depth + 1)) : Rlp.EMPTY_STRING;
      i = j;
    }
    slots[16] = Rlp.EMPTY_STRING;
    return Rlp.encodeList(slots);
  }

  private static byte[] ref(byte[] node) {
    return node.length < 32 ? node : Rlp.encodeBytes(Keccak.hash256(node));
  }

  private static byte[] hexPrefix(byte[] nib, int from, int to, boolean leaf) {
    int len = to - from;
    boolean odd = (len & 1) == 1;
    byte[] out = new byte[len / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int pos;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nib[from]);
      pos = from + 1;
    } else {
      out[0] = (byte) (flag << 4);
      pos = from;
    }
    for (int o = 1; o < out.length; o++, pos += 2) out[o] = (byte) ((nib[pos] << 4) | nib[pos + 1]);
    return out;
  }
}
