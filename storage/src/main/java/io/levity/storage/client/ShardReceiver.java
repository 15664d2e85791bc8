package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.files.StorageFiles;
import io.levity.storage.node.NodeProtocol;
import io.levity.storage.shard.SegmentHasher;
import io.levity.storage.shard.ShardCommitment;
import io.levity.storage.shard.ShardLayout;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Receives a shard body from any transport and verifies it as it streams: the roots prefix against
 * the commitment recorded on chain, then the bytes (written to a file while hashed) against the
 * shard's root and size. What it returns is known to be good, whoever sent it.
 */
final class ShardReceiver {
  private ShardReceiver() {}

  static StorageNodeTransport.Fetched receive(
      String endpoint, Submission s, int index, InputStream in, Path out, LongConsumer received)
      throws IOException {
    ShardLayout layout = new ShardLayout(s.dataShards(), s.parityShards(), s.length());
    byte[] prefix = in.readNBytes(NodeProtocol.prefixLength(layout.totalShards()));
    List<Bytes32> roots;
    try {
      roots = NodeProtocol.parsePrefix(prefix);
    } catch (IllegalArgumentException e) {
      throw new ShardVerificationException(
          endpoint + " sent a malformed roots prefix for shard " + index);
    }
    if (!ShardCommitment.matches(s.shardCommitment(), s.dataShards(), s.parityShards(), roots)) {
      throw new ShardVerificationException(
          endpoint
              + " sent shard roots for "
              + s.fileRoot()
              + " that do not hash to the recorded commitment");
    }
    try (FileChannel dst = StorageFiles.create(out)) {
      SegmentHasher hasher =
          new SegmentHasher((data, len) -> StorageFiles.writeFully(dst, data, 0, len));
      byte[] buf = new byte[64 * 1024];
      for (int r; (r = in.read(buf)) >= 0; ) {
        if (hasher.length() + r > layout.shardSize()) {
          throw new ShardVerificationException(
              endpoint + " sent more than the " + layout.shardSize() + " bytes of shard " + index);
        }
        hasher.update(buf, 0, r);
        received.accept(r);
      }
      if (hasher.length() != layout.shardSize()) {
        throw new IOException(
            endpoint
                + " sent "
                + hasher.length()
                + " of the "
                + layout.shardSize()
                + " bytes of shard "
                + index
                + " (connection cut?)");
      }
      Bytes32 root = hasher.finish();
      if (!root.equals(roots.get(index))) {
        throw new ShardVerificationException(
            endpoint
                + " sent shard "
                + index
                + " of "
                + s.fileRoot()
                + " hashing to "
                + root
                + ", not its root "
                + roots.get(index));
      }
      return new StorageNodeTransport.Fetched(roots, List.copyOf(hasher.segmentRoots()));
    }
  }
}
