package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.shard.SegmentHasher;
import io.levity.storage.shard.ShardCommitment;
import io.levity.storage.shard.ShardLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One shard being received: reads the roots prefix and checks it against the recorded commitment
 * before any shard byte is stored, then streams the bytes to a temporary file while hashing them,
 * and at the end accepts the shard only if it has the expected size and hashes to its root. Nothing
 * reaches the shard directory or the index unless every check passed. It holds one of the node's
 * transfer slots until {@link #close()}. Used by one connection at a time.
 */
public final class ShardUpload implements AutoCloseable {
  private final Submission submission;
  private final int index;
  private final ShardLayout layout;
  private final ShardStore.Pending pending;
  private final SegmentHasher hasher;
  private final byte[] prefix;
  private int prefixFill;
  private List<Bytes32> roots;
  private final Runnable releaseSlot;

  ShardUpload(Submission submission, int index, ShardStore.Pending pending, Runnable releaseSlot) {
    this.submission = submission;
    this.index = index;
    this.layout =
        new ShardLayout(submission.dataShards(), submission.parityShards(), submission.length());
    this.pending = pending;
    this.hasher = new SegmentHasher(pending::write);
    this.prefix = new byte[NodeProtocol.prefixLength(layout.totalShards())];
    this.releaseSlot = releaseSlot;
  }

  /** Bytes of the whole body (prefix and shard) this upload must have. */
  static long bodyLength(ShardLayout layout) {
    return NodeProtocol.prefixLength(layout.totalShards()) + layout.shardSize();
  }

  /**
   * Takes the next bytes of the body; the roots are checked as soon as they are complete, so a
   * refusal comes before any shard byte is stored.
   */
  public void accept(ByteBuffer buf) throws NodeError, IOException {
    if (roots == null) {
      int take = Math.min(buf.remaining(), prefix.length - prefixFill);
      buf.get(prefix, prefixFill, take);
      prefixFill += take;
      if (prefixFill < prefix.length) return;
      checkRoots();
    }
    if (!buf.hasRemaining()) return;
    if (hasher.length() + buf.remaining() > layout.shardSize()) {
      throw new NodeError(
          NodeErrorCode.SIZE_MISMATCH,
          "more than the " + layout.shardSize() + " shard bytes this file's shards have");
    }
    hasher.update(buf);
  }

  private void checkRoots() throws NodeError {
    if ((prefix[0] & 0xff) != layout.totalShards()) {
      throw NodeError.badRequest(
          "the body lists "
              + (prefix[0] & 0xff)
              + " shard roots; this file has "
              + layout.totalShards()
              + " shards ("
              + layout.dataShards()
              + "+"
              + layout.parityShards()
              + ")");
    }
    List<Bytes32> parsed = NodeProtocol.parsePrefix(prefix);
    if (!ShardCommitment.matches(
        submission.shardCommitment(), layout.dataShards(), layout.parityShards(), parsed)) {
      throw new NodeError(
          NodeErrorCode.COMMITMENT_MISMATCH,
          "the shard roots do not hash to the commitment recorded on chain for "
              + submission.fileRoot()
              + "; nothing was stored");
    }
    roots = parsed;
  }

  /** Checks size and root, then stores the shard durably; returns what was indexed. */
  public ShardMeta finish() throws NodeError, IOException {
    if (roots == null || hasher.length() != layout.shardSize()) {
      throw new NodeError(
          NodeErrorCode.SIZE_MISMATCH,
          "received "
              + (roots == null
                  ? prefixFill + " bytes of the roots prefix"
                  : hasher.length() + " shard bytes")
              + "; expected "
              + layout.shardSize()
              + " shard bytes after the roots");
    }
    Bytes32 root = hasher.finish();
    if (!root.equals(roots.get(index))) {
      throw new NodeError(
          NodeErrorCode.ROOT_MISMATCH,
          "shard "
              + index
              + " hashes to "
              + root
              + " but its root is "
              + roots.get(index)
              + "; nothing was stored");
    }
    ShardMeta meta =
        new ShardMeta(
            submission.fileRoot(),
            index,
            layout.dataShards(),
            layout.parityShards(),
            layout.fileLength(),
            roots,
            hasher.segmentRoots());
    pending.commit(meta);
    return meta;
  }

  /** Drops what was received unless it was stored, and frees the transfer slot (once). */
  @Override
  public void close() {
    pending.close();
    releaseSlot.run();
  }
}
