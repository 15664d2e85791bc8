package io.levity.trie;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification of Merkle proofs in the eth_getProof format: the RLP of the hashed nodes on a key's
 * path.
 */
final class TrieProofs {
  private TrieProofs() {}

  static Optional<Bytes> verify(Bytes32 root, byte[] key, List<Bytes> proof) {
    if (root.equals(MerklePatriciaTrie.EMPTY_ROOT))
      return Optional.empty(); // nothing is in the empty trie
    Map<Bytes, byte[]> byHash = new HashMap<>(proof.size() * 2);
    for (Bytes node : proof) byHash.put(Keccak.hash(node), node.unsafeArray());
    int total = key.length * 2;
    int[] depth = {0};
    NodeSource source =
        hash -> {
          byte[] node = byHash.get(Bytes.wrap(hash));
          if (node != null) return node;
          if (depth[0] == 0) {
            throw new InvalidProofException(
                "no proof node hashes to the root "
                    + root
                    + ": the proof is for another root or was altered");
          }
          throw new InvalidProofException(
              "the proof lacks node "
                  + Hex.encode(hash)
                  + " at nibble "
                  + depth[0]
                  + " of the key's path: it is incomplete or a node was altered");
        };
    Node n = new Node.HashRef(root.toArray());
    try {
      while (n != null) {
        n = source.resolve(n);
        if (n instanceof Node.Leaf l) {
          return matches(l.path, key, depth[0], total)
              ? Optional.of(Bytes.wrap(l.value))
              : Optional.empty();
        }
        if (n instanceof Node.Extension x) {
          if (!startsWith(x.path, key, depth[0], total)) return Optional.empty();
          depth[0] += x.path.length;
          n = x.child;
        } else {
          Node.Branch b = (Node.Branch) n;
          if (depth[0] == total) return Optional.ofNullable(b.value).map(Bytes::wrap);
          n = b.children[Nibbles.at(key, depth[0]++)];
        }
      }
      return Optional.empty(); // an empty slot on the path: the key is absent
    } catch (InvalidProofException e) {
      throw e;
    } catch (TrieException e) {
      throw new InvalidProofException(
          "a proof node on the key's path at nibble "
              + depth[0]
              + " is malformed: "
              + e.getMessage(),
          e);
    }
  }

  private static boolean matches(byte[] path, byte[] key, int pos, int total) {
    return path.length == total - pos && startsWith(path, key, pos, total);
  }

  private static boolean startsWith(byte[] path, byte[] key, int pos, int total) {
    if (path.length > total - pos) return false;
    for (int i = 0; i < path.length; i++) if (path[i] != Nibbles.at(key, pos + i)) return false;
    return true;
  }
}
