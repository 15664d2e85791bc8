package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.proof.Answer;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers proof-of-storage challenges (io.levity.storage.proof) from the shards on disk: reads only
 * the segments holding the challenged sectors, checks each against its stored segment root (a
 * corrupt shard is quarantined and never signed for), builds the sector proofs from the stored
 * segment roots and signs the answer with the node key.
 */
final class ChallengeResponder {
  private final StorageService node;

  ChallengeResponder(StorageService node) {
    this.node = node;
  }

  /** The encoded answer to an encoded challenge. */
  byte[] answer(byte[] encodedChallenge) throws NodeError, IOException {
    Challenge c;
    try {
      c = Challenge.decode(encodedChallenge);
    } catch (ProofFormatException e) {
      throw NodeError.badRequest("malformed challenge: " + e.getMessage());
    }
    if (!c.nodeId().equals(node.nodeId())) {
      throw NodeError.badRequest(
          "the challenge is for node " + c.nodeId() + ", this node is " + node.nodeId());
    }
    Optional<Bytes32> randomness = node.chain().epochRandomness(c.epoch());
    if (randomness.isEmpty() || !randomness.get().equals(c.randomness())) {
      throw NodeError.badRequest(
          "the challenge's randomness is not the chain's for epoch " + c.epoch());
    }
    ShardMeta meta = node.held(c.fileRoot(), c.shardIndex());
    if (c.shardLength() != meta.shardSize()) {
      throw NodeError.badRequest(
          "the challenge says the shard has "
              + c.shardLength()
              + " bytes; it has "
              + meta.shardSize());
    }
    List<Answer.Sector> sectors = new ArrayList<>(c.count());
    int loaded = -1;
    MerkleFile segment = null;
    try (FileChannel in = node.store().open(c.fileRoot(), c.shardIndex()).orElse(null)) {
      for (long sector : c.sectors()) {
        int s = (int) (sector / FileLayout.SECTORS_PER_SEGMENT);
        if (s != loaded) {
          segment = MerkleFile.of(node.readSegment(meta, in, s));
          loaded = s;
        }
        sectors.add(StorageService.proveSector(meta, segment, sector));
      }
    }
    return Answer.signed(
            c, meta.shardRoots(), sectors, digest -> node.key().keyPair().sign(digest.toArray()))
        .encode();
  }
}
