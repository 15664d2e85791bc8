package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.shard.ShardLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node keeps about a shard it holds, besides its bytes: the file's code and length, all k +
 * m shard roots (so a downloader can check them against the commitment) and the roots of the
 * shard's own segments (so a sector proof needs one segment read, and corruption is found segment
 * by segment).
 *
 * <p>Binary form (index value): {@code version(1)=1 | k(1) | m(1) | fileLength(8) | k+m roots (32
 * each) | segments(4) | segment roots (32 each)}, big-endian.
 */
public record ShardMeta(
    Bytes32 fileRoot,
    int index,
    int dataShards,
    int parityShards,
    long fileLength,
    List<Bytes32> shardRoots,
    List<Bytes32> segmentRoots) {
  private static final byte VERSION = 1;

  public ShardMeta {
    ShardLayout layout = new ShardLayout(dataShards, parityShards, fileLength);
    shardRoots = List.copyOf(shardRoots);
    segmentRoots = List.copyOf(segmentRoots);
    if (index < 0 || index >= layout.totalShards())
      throw new IllegalArgumentException("shard index " + index);
    if (shardRoots.size() != layout.totalShards())
      throw new IllegalArgumentException("need k + m shard roots");
    if (segmentRoots.size() != layout.groups())
      throw new IllegalArgumentException("need one root per segment");
  }

  public ShardLayout layout() {
    return new ShardLayout(dataShards, parityShards, fileLength);
  }

  public long shardSize() {
    return layout().shardSize();
  }

  public Bytes32 shardRoot() {
    return shardRoots.get(index);
  }

  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(11 + 32 * shardRoots.size() + 4 + 32 * segmentRoots.size());
    b.put(VERSION).put((byte) dataShards).put((byte) parityShards).putLong(fileLength);
    for (Bytes32 r : shardRoots) b.put(r.unsafeArray());
    b.putInt(segmentRoots.size());
    for (Bytes32 r : segmentRoots) b.put(r.unsafeArray());
    return b.array();
  }

  static ShardMeta decode(Bytes32 fileRoot, int index, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    if (b.get() != VERSION) throw new IllegalArgumentException("unknown shard metadata version");
    int k = b.get() & 0xff;
    int m = b.get() & 0xff;
    long length = b.getLong();
    List<Bytes32> roots = new ArrayList<>();
    for (int i = 0; i < k + m; i++) roots.add(read32(b));
    int segments = b.getInt();
    if (segments < 0 || segments > b.remaining() / 32)
      throw new IllegalArgumentException("bad segment count");
    List<Bytes32> segRoots = new ArrayList<>(segments);
    for (int i = 0; i < segments; i++) segRoots.add(read32(b));
    if (b.hasRemaining()) throw new IllegalArgumentException("trailing bytes in shard metadata");
    return new ShardMeta(fileRoot, index, k, m, length, roots, segRoots);
  }

  private static Bytes32 read32(ByteBuffer b) {
    byte[] r = new byte[32];
    b.get(r);
    return Bytes32.wrap32(r);
  }
}
