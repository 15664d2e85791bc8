package io.levity.trie;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The root hash straight from the Yellow Paper's definition (appendix D), computed from the whole
 * map at once with core's RLP encoder: slow and independent of the trie's node code, so it can
 * judge it.
 */
final class ReferenceRoot {
  private ReferenceRoot() {}

  static Bytes32 of(Map<Bytes, Bytes> map) {
    if (map.isEmpty()) return Keccak.hash(Bytes.wrap(Rlp.emptyString()));
    List<byte[][]> items = new ArrayList<>();
    for (Map.Entry<Bytes, Bytes> e : map.entrySet()) {
      byte[] k = e.getKey().unsafeArray();
      byte[] nib = new byte[k.length * 2];
      for (int i = 0; i < k.length; i++) {
        nib[2 * i] = (byte) ((k[i] & 0xff) >>> 4);
        nib[2 * i + 1] = (byte) (k[i] & 0x0f);
      }
      items.add(new byte[][] {nib, e.getValue().unsafeArray()});
    }
    return Keccak.hash(Bytes.wrap(node(items, 0)));
  }

  private static byte[] node(List<byte[][]> items, int i) {
    if (items.size() == 1) {
      byte[] k = items.get(0)[0];
      return Rlp.encodeList(
          Rlp.encodeBytes(hexPrefix(k, i, k.length, true)), Rlp.encodeBytes(items.get(0)[1]));
    }
    int shared = Integer.MAX_VALUE;
    byte[] first = items.get(0)[0];
    for (byte[][] it : items) {
      int j = 0;
      while (i + j < first.length && i + j < it[0].length && first[i + j] == it[0][i + j]) j++;
      shared = Math.min(shared, j);
    }
    if (shared > 0) {
      return Rlp.encodeList(
          Rlp.encodeBytes(hexPrefix(first, i, i + shared, false)), ref(node(items, i + shared)));
    }
    byte[][] parts = new byte[17][];
    for (int nibble = 0; nibble < 16; nibble++) {
      List<byte[][]> sub = new ArrayList<>();
      for (byte[][] it : items) if (it[0].length > i && it[0][i] == nibble) sub.add(it);
      parts[nibble] = sub.isEmpty() ? Rlp.emptyString() : ref(node(sub, i + 1));
    }
    parts[16] = Rlp.emptyString();
    for (byte[][] it : items) if (it[0].length == i) parts[16] = Rlp.encodeBytes(it[1]);
    return Rlp.encodeList(parts);
  }

  private static byte[] ref(byte[] encoded) {
    return encoded.length < 32 ? encoded : Rlp.encodeBytes(Keccak.hash256(encoded));
  }

  private static byte[] hexPrefix(byte[] nib, int from, int to, boolean leaf) {
    int len = to - from;
    int flag = (leaf ? 2 : 0) + (len % 2);
    byte[] all = new byte[len + (len % 2 == 0 ? 2 : 1)];
    all[0] = (byte) flag;
    int o = len % 2 == 0 ? 2 : 1;
    System.arraycopy(nib, from, all, o, len);
    byte[] out = new byte[all.length / 2];
    for (int j = 0; j < out.length; j++) out[j] = (byte) (all[2 * j] << 4 | all[2 * j + 1]);
    return out;
  }
}
