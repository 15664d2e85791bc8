package io.levity.storage.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.proof.Answer;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofFormatException;
import io.levity.storage.proof.SealedProofs;
import io.levity.storage.shard.SegmentTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    if (c.sealed()) return sealedAnswer(c, meta);
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

  /**
   * The answer to a sealed challenge: openings of the replica and of the shard
   * (io.levity.storage.proof.SealedProofs), each read one segment at a time and checked against its
   * stored segment root.
   */
  private byte[] sealedAnswer(Challenge c, ShardMeta meta) throws NodeError, IOException {
    ReplicaStore.Replica replica =
        node.replicas()
            .get(c.fileRoot(), c.shardIndex())
            .orElseThrow(
                () ->
                    new NodeError(
                        NodeErrorCode.NOT_FOUND,
                        "shard "
                            + c.shardIndex()
                            + " of "
                            + c.fileRoot()
                            + " is not sealed yet on this node"));
    Map<Long, MerkleFile> shardSegments = new HashMap<>();
    Map<Long, MerkleFile> replicaSegments = new HashMap<>();
    List<Answer.Sector> sectors = new ArrayList<>();
    try (FileChannel shard = node.store().open(c.fileRoot(), c.shardIndex()).orElse(null);
        FileChannel rep = node.replicas().open(c.fileRoot(), c.shardIndex()).orElse(null)) {
      for (SealedProofs.Opening o : SealedProofs.openings(c)) {
        long s = o.index() / FileLayout.SECTORS_PER_SEGMENT;
        if (o.tree() == SealedProofs.Tree.SHARD) {
          MerkleFile seg = shardSegments.get(s);
          if (seg == null) {
            seg = MerkleFile.of(node.readSegment(meta, shard, (int) s));
            shardSegments.put(s, seg);
          }
          sectors.add(StorageService.proveSector(meta, seg, o.index()));
        } else {
          MerkleFile seg = replicaSegments.get(s);
          if (seg == null) {
            seg = MerkleFile.of(readReplicaSegment(replica, rep, (int) s));
            replicaSegments.put(s, seg);
          }
          int inSegment = (int) (o.index() % FileLayout.SECTORS_PER_SEGMENT);
          sectors.add(
              new Answer.Sector(
                  Bytes.wrap(seg.sector(inSegment)),
                  new SectorProof(
                      o.index(),
                      seg.prove(inSegment).segmentPath(),
                      SegmentTree.path(replica.segmentRoots(), (int) s))));
        }
      }
    }
    return Answer.signed(
            c, meta.shardRoots(), sectors, digest -> node.key().keyPair().sign(digest.toArray()))
        .encode();
  }

  private byte[] readReplicaSegment(ReplicaStore.Replica replica, FileChannel in, int s)
      throws NodeError, IOException {
    byte[] buf = new byte[FileLayout.SEGMENT_SIZE];
    if (in == null
        || !ReplicaStore.readSegment(in, s, buf)
        || !SegmentTree.segmentRoot(buf, buf.length).equals(replica.segmentRoots().get(s))) {
      node.replicas().delete(replica.fileRoot(), replica.index());
      node.resealLater(replica.fileRoot(), replica.index());
      throw new NodeError(
          NodeErrorCode.CORRUPT,
          "the replica of shard "
              + replica.index()
              + " of "
              + replica.fileRoot()
              + " was corrupt on disk; the node dropped it and seals it again");
    }
    return buf;
  }
}
