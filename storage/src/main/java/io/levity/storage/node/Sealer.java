package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.ReplicaRecord;
import io.levity.storage.seal.Seal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the shards a node holds into replicas ({@link Seal}), in the background, one shard at a
 * time on one thread, and commits each replica's root on chain; sealed challenges are proved
 * against those replicas. Shards are queued when they are stored and, at start, every shard held
 * whose replica is missing or not yet committed (so a crash or a chain outage only delays the
 * work). A shard found corrupt while sealing is quarantined as on any read; a failed commit is
 * retried after {@link #RETRY_MILLIS}.
 */
final class Sealer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);

  /** How long a failed seal or commit waits before it is tried again. */
  static final long RETRY_MILLIS = 2_000;

  private final StorageService node;
  private final ReplicaStore replicas;
  private final LinkedBlockingQueue<Key> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean busy;

  private record Key(Bytes32 fileRoot, int index) {}

  Sealer(StorageService node, ReplicaStore replicas) {
    this.node = node;
    this.replicas = replicas;
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .name("sealer-" + node.nodeId().toHex().substring(2, 10))
            .priority(Thread.MIN_PRIORITY)
            .unstarted(this::run);
  }

  /** Queues every shard held, then starts sealing. */
  void start() {
    for (ShardMeta m : node.store().list(null)) queue.add(new Key(m.fileRoot(), m.index()));
    thread.start();
  }

  /** Queues a shard just stored. */
  void stored(Bytes32 fileRoot, int index) {
    queue.add(new Key(fileRoot, index));
  }

  /** Shards waiting to be sealed or committed (for health and tests). */
  int pending() {
    return queue.size() + (busy ? 1 : 0);
  }

  private void run() {
    while (!closed) {
      Key k;
      try {
        k = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (k == null) continue;
      busy = true;
      try {
        sealAndCommit(k);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (closed) return;
        LOG.warn(
            "sealing shard {} of {} failed ({}); trying again in {} ms",
            k.index(),
            k.fileRoot(),
            e.toString(),
            RETRY_MILLIS);
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException ie) {
          return;
        }
        queue.add(k);
      } finally {
        busy = false;
      }
    }
  }

  /**
   * Seals one shard unless its replica is on disk, then commits the root unless the chain has it.
   */
  void sealAndCommit(Key k) throws IOException, InterruptedException {
    Optional<ShardMeta> meta = node.store().meta(k.fileRoot(), k.index());
    if (meta.isEmpty()) return; // dropped since it was queued
    Optional<ReplicaStore.Replica> held = replicas.get(k.fileRoot(), k.index());
    ReplicaStore.Replica replica = held.isPresent() ? held.get() : seal(meta.get());
    if (replica == null) return;
    Bytes32 id = node.nodeId();
    if (node.chain().replicaRoot(id, k.fileRoot(), k.index()).isEmpty()) {
      node.chain().commitReplica(new ReplicaRecord(id, k.fileRoot(), k.index(), replica.root()));
      LOG.info("committed replica {} of shard {} of {}", replica.root(), k.index(), k.fileRoot());
    }
  }

  private ReplicaStore.Replica seal(ShardMeta meta) throws IOException, InterruptedException {
    Bytes32 key = Seal.key(node.nodeId(), meta.fileRoot(), meta.index());
    long started = System.nanoTime();
    try (FileChannel in = node.store().open(meta.fileRoot(), meta.index()).orElse(null);
        ReplicaStore.Writer out = replicas.begin()) {
      for (int s = 0; s < meta.segmentRoots().size(); s++) {
        if (closed || Thread.interrupted()) throw new InterruptedException();
        byte[] plain;
        try {
          plain = node.readSegment(meta, in, s);
        } catch (NodeError e) {
          LOG.warn("not sealing shard {} of {}: {}", meta.index(), meta.fileRoot(), e.getMessage());
          return null;
        }
        out.append(Seal.sealSegment(key, s, plain));
      }
      ReplicaStore.Replica r = out.commit(meta.fileRoot(), meta.index());
      LOG.info(
          "sealed shard {} of {} ({} segments) in {} ms",
          meta.index(),
          meta.fileRoot(),
          meta.segmentRoots().size(),
          (System.nanoTime() - started) / 1_000_000);
      return r;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
