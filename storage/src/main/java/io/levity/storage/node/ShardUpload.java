package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.shard.SegmentHasher;
import io.levity.storage.shard.ShardCommitment;
import io.levity.storage.shard.ShardLayout;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.List;

/**
 * One shard being received: reads the roots prefix and checks it against the recorded commitment
 * before any shard byte is stored, then streams the bytes to a temporary file while hashing them,
 * and at the end accepts the shard only if it has the expected size and hashes to its root. Nothing
 * reaches the shard directory or the index unless every check passed. Used by one connection at a
 * time.
 */
final class ShardUpload implements AutoCloseable {
  private final Submission submission;
  private final int index;
  private final ShardLayout layout;
  private final ShardStore.Pending pending;
  private final SegmentHasher hasher;
  private final byte[] prefix;
  private int prefixFill;
  private List<Bytes32> roots;

  ShardUpload(Submission submission, int index, ShardStore.Pending pending) {
    this.submission = submission;
    this.index = index;
    this.layout =
        new ShardLayout(submission.dataShards(), submission.parityShards(), submission.length());
    this.pending = pending;
    this.hasher = new SegmentHasher(pending::write);
    this.prefix = new byte[NodeProtocol.prefixLength(layout.totalShards())];
  }

  /** Bytes of the whole body (prefix and shard) this upload must have. */
  static long bodyLength(ShardLayout layout) {
    return NodeProtocol.prefixLength(layout.totalShards()) + layout.shardSize();
  }

  void accept(ByteBuf buf) throws NodeError, IOException {
    if (roots == null) {
      int take = Math.min(buf.readableBytes(), prefix.length - prefixFill);
      buf.readBytes(prefix, prefixFill, take);
      prefixFill += take;
      if (prefixFill < prefix.length) return;
      checkRoots();
    }
    if (!buf.isReadable()) return;
    if (hasher.length() + buf.readableBytes() > layout.shardSize()) {
      throw new NodeError(
          HttpResponseStatus.BAD_REQUEST,
          NodeProtocol.SIZE_MISMATCH,
          "more than the " + layout.shardSize() + " shard bytes this file's shards have");
    }
    hasher.update(buf.nioBuffer());
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
          HttpResponseStatus.UNPROCESSABLE_ENTITY,
          NodeProtocol.COMMITMENT_MISMATCH,
          "the shard roots do not hash to the commitment recorded on chain for "
              + submission.fileRoot()
              + "; nothing was stored");
    }
    roots = parsed;
  }

  /** Checks size and root, then stores the shard durably; returns what was indexed. */
  ShardMeta finish() throws NodeError, IOException {
    if (roots == null || hasher.length() != layout.shardSize()) {
      throw new NodeError(
          HttpResponseStatus.BAD_REQUEST,
          NodeProtocol.SIZE_MISMATCH,
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
          HttpResponseStatus.UNPROCESSABLE_ENTITY,
          NodeProtocol.ROOT_MISMATCH,
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

  @Override
  public void close() {
    pending.close();
  }
}
