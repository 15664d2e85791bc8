package io.levity.storage.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held shard opened to be served, already re-checked against its segment roots: the body is
 * {@link #prefix()} followed by the {@link #channel()}'s {@code meta().shardSize()} bytes. It holds
 * one of the node's transfer slots until {@link #close()}.
 */
public final class ShardRead implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardRead.class);

  private final ShardMeta meta;
  private final FileChannel channel;
  private final Runnable releaseSlot;
  private final AtomicBoolean closed = new AtomicBoolean();

  ShardRead(ShardMeta meta, FileChannel channel, Runnable releaseSlot) {
    this.meta = meta;
    this.channel = channel;
    this.releaseSlot = releaseSlot;
  }

  public ShardMeta meta() {
    return meta;
  }

  /** The roots prefix that precedes the shard bytes in a shard body. */
  public byte[] prefix() {
    return NodeProtocol.prefix(meta.shardRoots());
  }

  /** Bytes of the whole body, prefix and shard. */
  public long bodyLength() {
    return NodeProtocol.prefixLength(meta.shardRoots().size()) + meta.shardSize();
  }

  /** The shard file, positioned nowhere in particular: read it by position from 0. */
  public FileChannel channel() {
    return channel;
  }

  /** Closes the file and frees the transfer slot (once; later calls do nothing). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing shard {} #{}: {}", meta.fileRoot(), meta.index(), e.toString());
    } finally {
      releaseSlot.run();
    }
  }
}
