package io.levity.storage.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.proof.Answer;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofFormatException;
import io.levity.storage.shard.SegmentTree;
import io.levity.storage.shard.ShardLayout;
import io.netty.handler.codec.http.HttpResponseStatus;
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
  private final StorageNode node;

  ChallengeResponder(StorageNode node) {
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
    ShardMeta meta =
        node.store()
            .meta(c.fileRoot(), c.shardIndex())
            .orElseThrow(
                () ->
                    new NodeError(
                        HttpResponseStatus.NOT_FOUND,
                        NodeProtocol.NOT_FOUND,
                        "this node does not hold shard " + c.shardIndex() + " of " + c.fileRoot()));
    if (c.shardLength() != meta.shardSize()) {
      throw NodeError.badRequest(
          "the challenge says the shard has "
              + c.shardLength()
              + " bytes; it has "
              + meta.shardSize());
    }
    List<Answer.Sector> sectors = new ArrayList<>(c.count());
    byte[] buf = new byte[ShardLayout.SEGMENT_SIZE];
    int loaded = -1;
    MerkleFile segment = null;
    try (FileChannel in = node.store().open(c.fileRoot(), c.shardIndex()).orElse(null)) {
      for (long sector : c.sectors()) {
        int s = (int) (sector / FileLayout.SECTORS_PER_SEGMENT);
        if (s != loaded) {
          String bad =
              in == null
                  ? "file missing"
                  : in.size() != meta.shardSize()
                      ? "wrong size on disk"
                      : ShardStore.checkSegment(meta, in, s, buf);
          if (bad != null) {
            node.store().quarantine(c.fileRoot(), c.shardIndex(), bad);
            throw new NodeError(
                HttpResponseStatus.GONE,
                NodeProtocol.CORRUPT,
                "shard "
                    + c.shardIndex()
                    + " of "
                    + c.fileRoot()
                    + " was corrupt on disk ("
                    + bad
                    + "); the node dropped it");
          }
          segment = MerkleFile.of(buf.clone());
          loaded = s;
        }
        int inSegment = (int) (sector % FileLayout.SECTORS_PER_SEGMENT);
        SectorProof proof =
            new SectorProof(
                sector,
                segment.prove(inSegment).segmentPath(),
                SegmentTree.path(meta.segmentRoots(), s));
        sectors.add(new Answer.Sector(Bytes.wrap(segment.sector(inSegment)), proof));
      }
    }
    Answer unsigned =
        new Answer(
            c.epoch(),
            node.nodeId(),
            c.fileRoot(),
            c.shardIndex(),
            meta.shardRoots(),
            sectors,
            Bytes.wrap(new byte[64]));
    byte[] signature = node.key().keyPair().sign(unsigned.digest(c.randomness()).toArray());
    return new Answer(
            c.epoch(),
            node.nodeId(),
            c.fileRoot(),
            c.shardIndex(),
            meta.shardRoots(),
            sectors,
            Bytes.wrap(signature))
        .encode();
  }
}
