package io.levity.storage.proof;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.layout.MerkleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A storage node's side of a challenge: builds and signs the {@link Answer} from the shard it
 * holds. It refuses (with {@link IllegalArgumentException}) a challenge addressed to another node
 * or a shard that does not match its recorded root, so an honest node never signs an answer that
 * cannot verify.
 */
public final class Prover {
  private final Ed25519.KeyPair key;
  private final Bytes32 nodeId;

  public Prover(Ed25519.KeyPair key) {
    this.key = Objects.requireNonNull(key, "key");
    this.nodeId = Bytes32.of32(key.publicKey());
  }

  /** The node id answers are bound to: the key's public key. */
  public Bytes32 nodeId() {
    return nodeId;
  }

  /**
   * Answers {@code challenge} from {@code shard} (its bytes, exactly {@code
   * challenge.shardLength()} of them) and the file's k + m shard roots. Builds the shard's tree;
   * use {@link #answer(Challenge, MerkleFile, List)} with a kept tree to answer many challenges on
   * one shard.
   */
  public Answer answer(Challenge challenge, byte[] shard, List<Bytes32> shardRoots) {
    if (shard.length != challenge.shardLength()) {
      throw new IllegalArgumentException(
          "shard of " + shard.length + " bytes, the challenge expects " + challenge.shardLength());
    }
    return answer(challenge, MerkleFile.of(shard), shardRoots);
  }

  /** As {@link #answer(Challenge, byte[], List)} over an already built tree of the shard. */
  public Answer answer(Challenge challenge, MerkleFile shard, List<Bytes32> shardRoots) {
    if (!challenge.nodeId().equals(nodeId)) {
      throw new IllegalArgumentException(
          "challenge for node " + challenge.nodeId() + ", this node is " + nodeId);
    }
    if (shard.length() != challenge.shardLength()) {
      throw new IllegalArgumentException(
          "shard of "
              + shard.length()
              + " bytes, the challenge expects "
              + challenge.shardLength());
    }
    if (challenge.shardIndex() >= shardRoots.size()) {
      throw new IllegalArgumentException(
          "shard " + challenge.shardIndex() + " but only " + shardRoots.size() + " roots");
    }
    if (!shard.root().equals(shardRoots.get(challenge.shardIndex()))) {
      throw new IllegalArgumentException(
          "the shard held for "
              + challenge.fileRoot()
              + "/"
              + challenge.shardIndex()
              + " has root "
              + shard.root()
              + ", recorded "
              + shardRoots.get(challenge.shardIndex()));
    }
    List<Answer.Sector> sectors = new ArrayList<>(challenge.count());
    for (long i : challenge.sectors())
      sectors.add(new Answer.Sector(Bytes.wrap(shard.sector(i)), shard.prove(i)));
    return Answer.signed(challenge, shardRoots, sectors, digest -> key.sign(digest.toArray()));
  }
}
