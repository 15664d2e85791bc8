package io.levity.trie;

import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.util.Arrays;

/**
 * RLP encoding and strict decoding of trie nodes. Each node caches what its parent needs: its RLP
 * when shorter than 32 bytes, otherwise its hash.
 *
 * <p>Leaf: {@code [hp(path, leaf), value]}; extension: {@code [hp(path, ext), ref(child)]}; branch:
 * {@code [ref(c0), ..., ref(c15), value]}. {@code ref(n)} is n's own RLP when that is shorter than
 * 32 bytes (inlined), otherwise the 32-byte string keccak(rlp(n)); an absent child or value is the
 * empty string.
 */
final class NodeCodec {
  private static final byte EMPTY_STRING = (byte) 0x80;

  private NodeCodec() {}

  /**
   * The node's RLP. Only encodings shorter than 32 bytes are cached (parents embed them); a hashed
   * node keeps just its hash, so the RLP of big nodes is built when needed (hashing, commit,
   * proofs) and then dropped.
   */
  static byte[] encode(Node n) {
    byte[] e = n.encoded;
    if (e != null) return e;
    e =
        switch (n) {
          case Node.Leaf l -> encodePair(l.path, true, l.value, null);
          case Node.Extension x -> encodePair(x.path, false, null, x.child);
          case Node.Branch b -> encodeBranch(b);
          case Node.HashRef r ->
              throw new IllegalStateException("a hash reference has no encoding of its own");
        };
    if (e.length < 32) n.encoded = e;
    return e;
  }

  /** keccak(rlp(n)), cached. */
  static byte[] hash(Node n) {
    return n.hash != null ? n.hash : hash(n, encode(n));
  }

  /** keccak(rlp(n)) given rlp(n), cached. */
  static byte[] hash(Node n, byte[] rlp) {
    byte[] h = n.hash;
    if (h == null) {
      h = Keccak.hash256(rlp);
      n.hash = h;
      if (n.dirty && rlp.length >= 32) n.pendingRlp = rlp;
    }
    return h;
  }

  /**
   * True when the parent embeds n's RLP rather than its hash. Afterwards n's reference is cached:
   * its RLP when inline, otherwise its hash.
   */
  static boolean isInline(Node n) {
    if (n.encoded != null) return true; // cached only when shorter than 32 bytes
    if (n.hash != null) return false;
    byte[] e = encode(n);
    if (e.length < 32) return true;
    n.hash = Keccak.hash256(e);
    if (n.dirty) n.pendingRlp = e;
    return false;
  }

  private static int refLength(Node child) {
    if (child == null) return 1;
    return isInline(child) ? child.encoded.length : 33;
  }

  private static int writeRef(Node child, byte[] out, int pos) {
    if (child == null) {
      out[pos] = EMPTY_STRING;
      return pos + 1;
    }
    if (isInline(child)) {
      byte[] e = child.encoded;
      System.arraycopy(e, 0, out, pos, e.length);
      return pos + e.length;
    }
    out[pos] = (byte) 0xa0;
    System.arraycopy(child.hash, 0, out, pos + 1, 32);
    return pos + 33;
  }

  private static byte[] encodePair(byte[] path, boolean leaf, byte[] value, Node child) {
    int compactLength =
        Nibbles.compactLength(path); // at most 33 for 32-byte keys, but keys may be longer
    // A one-byte hex-prefix path is below 0x80 (flags 0-3 in the high nibble), so it is its own RLP
    // encoding.
    int pathItem = compactLength == 1 ? 1 : headerLength(compactLength) + compactLength;
    int payload = pathItem + (leaf ? stringLength(value) : refLength(child));
    byte[] out = new byte[headerLength(payload) + payload];
    int pos = writeHeader(out, 0, 0xc0, payload);
    if (compactLength > 1) pos = writeHeader(out, pos, 0x80, compactLength);
    pos = Nibbles.writeCompact(path, leaf, out, pos);
    if (leaf) writeString(out, pos, value);
    else writeRef(child, out, pos);
    return out;
  }

  private static byte[] encodeBranch(Node.Branch b) {
    int payload = b.value == null ? 1 : stringLength(b.value);
    for (Node c : b.children) payload += refLength(c);
    byte[] out = new byte[headerLength(payload) + payload];
    int pos = writeHeader(out, 0, 0xc0, payload);
    for (Node c : b.children) pos = writeRef(c, out, pos);
    if (b.value == null) out[pos] = EMPTY_STRING;
    else writeString(out, pos, b.value);
    return out;
  }

  private static int stringLength(byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) return 1;
    return headerLength(s.length) + s.length;
  }

  private static int writeString(byte[] out, int pos, byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      out[pos] = s[0];
      return pos + 1;
    }
    pos = writeHeader(out, pos, 0x80, s.length);
    System.arraycopy(s, 0, out, pos, s.length);
    return pos + s.length;
  }

  private static int headerLength(int len) {
    return len < 56 ? 1 : 1 + (4 - Integer.numberOfLeadingZeros(len) / 8);
  }

  private static int writeHeader(byte[] out, int pos, int base, int len) {
    if (len < 56) {
      out[pos] = (byte) (base + len);
      return pos + 1;
    }
    int lenOfLen = 4 - Integer.numberOfLeadingZeros(len) / 8;
    out[pos] = (byte) (base + 55 + lenOfLen);
    for (int i = lenOfLen; i >= 1; i--, len >>>= 8) out[pos + i] = (byte) len;
    return pos + 1 + lenOfLen;
  }

  /**
   * Decodes a node read from the store (or a proof) under the given hash. The node is clean;
   * children referenced by hash become {@link Node.HashRef}s, inline children are decoded in place.
   * Rejects anything a canonical encoder would not produce.
   */
  static Node decode(byte[] rlp, byte[] hash) {
    Node n;
    try {
      n = decodeAt(rlp, 0, rlp.length);
    } catch (RlpException e) {
      throw new TrieException("malformed trie node: " + e.getMessage(), e);
    }
    n.hash = hash;
    n.encoded =
        rlp.length < 32 ? rlp : null; // the cache rule: RLP kept exactly when shorter than 32 bytes
    return n;
  }

  private static Node decodeAt(byte[] in, int from, int to) {
    // Recursion ends: an inline child is a strictly shorter slice (under 32 bytes) of its parent.
    RlpReader r = new RlpReader(in, from, to);
    r.enterList();
    int[] starts = new int[17];
    int[] ends = new int[17];
    int count = 0;
    while (r.hasNext()) {
      if (count == 17) throw new TrieException("trie node list has more than 17 items");
      int[] span = r.skipItem();
      starts[count] = span[0];
      ends[count++] = span[1];
    }
    r.exitList();
    r.requireEnd();
    Node n =
        switch (count) {
          case 2 -> decodePair(in, starts, ends);
          case 17 -> decodeBranch(in, starts, ends);
          default ->
              throw new TrieException(
                  "trie node is a list of "
                      + count
                      + " items; expected 2 (leaf, extension) or 17 (branch)");
        };
    n.dirty = false;
    return n;
  }

  private static Node decodePair(byte[] in, int[] starts, int[] ends) {
    byte[] compact = readString(in, starts[0], ends[0], "hex-prefix path");
    byte[] path = Nibbles.fromCompact(compact);
    if (Nibbles.compactIsLeaf(compact)) {
      byte[] value = readString(in, starts[1], ends[1], "leaf value");
      if (value.length == 0) throw new TrieException("leaf node with an empty value");
      return new Node.Leaf(path, value);
    }
    if (path.length == 0) throw new TrieException("extension node with an empty path");
    Node child = readRef(in, starts[1], ends[1]);
    if (child == null) throw new TrieException("extension node without a child");
    return new Node.Extension(path, child);
  }

  private static Node decodeBranch(byte[] in, int[] starts, int[] ends) {
    Node[] children = new Node[16];
    for (int i = 0; i < 16; i++) children[i] = readRef(in, starts[i], ends[i]);
    byte[] value = readString(in, starts[16], ends[16], "branch value");
    return new Node.Branch(children, value.length == 0 ? null : value);
  }

  private static byte[] readString(byte[] in, int from, int to, String what) {
    RlpReader r = new RlpReader(in, from, to);
    if (r.nextIsList()) throw new TrieException(what + " is a list; expected a string");
    byte[] s = r.readBytes();
    r.requireEnd();
    return s;
  }

  private static Node readRef(byte[] in, int from, int to) {
    if ((in[from] & 0xff) >= 0xc0) {
      int len = to - from;
      if (len >= 32)
        throw new TrieException(
            "inline child of " + len + " bytes; nodes of 32 bytes or more go by hash");
      Node child = decodeAt(in, from, to);
      child.encoded = Arrays.copyOfRange(in, from, to);
      return child;
    }
    byte[] s = readString(in, from, to, "child reference");
    if (s.length == 0) return null;
    if (s.length != 32)
      throw new TrieException("child reference of " + s.length + " bytes; expected 0 or 32");
    return new Node.HashRef(s);
  }
}
