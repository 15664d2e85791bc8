package io.levity.storage.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.slf4j.LoggerFactory;

/**
 * A held shard opened to be served, already re-checked against its segment roots: the body is
 * {@link #prefix()} followed by the {@link #channel()}'s {@code meta().shardSize()} bytes (read it
 * by position from 0). It holds one of the node's transfer slots until {@link #close()}.
 *
 * @param meta what the node recorded for the shard
 * @param channel the shard file
 * @param releaseSlot frees the transfer slot (only the first time it runs)
 */
public record ShardRead(ShardMeta meta, FileChannel channel, Runnable releaseSlot)
    implements AutoCloseable {
  /** The roots prefix that precedes the shard bytes in a shard body. */
  public byte[] prefix() {
    return NodeProtocol.prefix(meta.shardRoots());
  }

  /** Bytes of the whole body, prefix and shard. */
  public long bodyLength() {
    return NodeProtocol.prefixLength(meta.shardRoots().size()) + meta.shardSize();
  }

  /** Closes the file and frees the transfer slot. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LoggerFactory.getLogger(ShardRead.class)
          .debug("closing shard {} #{}: {}", meta.fileRoot(), meta.index(), e.toString());
    } finally {
      releaseSlot.run();
    }
  }
}
