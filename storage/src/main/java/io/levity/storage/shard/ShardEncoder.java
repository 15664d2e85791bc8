package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Cuts a file into the k + m shards of the shard format (docs/storage.md, "Shards") and computes
 * the file root, the shard roots and the commitment in the same pass. Works one group of k segments
 * at a time: a file on disk needs (k + m) * 256 KiB of memory whatever its size. Thread-safe (holds
 * only the immutable code).
 */
public final class ShardEncoder {
  private final ReedSolomon code;

  public ShardEncoder(ReedSolomon code) {
    this.code = code;
  }

  public ReedSolomon code() {
    return code;
  }

  /** A file encoded in memory: shard {@code i} is {@code shards()[i]}. */
  public static final class InMemory {
    private final EncodedFile file;
    private final byte[][] shards;

    InMemory(EncodedFile file, byte[][] shards) {
      this.file = file;
      this.shards = shards;
    }

    public EncodedFile file() {
      return file;
    }

    /** The shards, in index order (a new outer array; the shards themselves are shared). */
    public byte[][] shards() {
      return shards.clone();
    }
  }

  /** A file encoded to disk: shard {@code i} is the file {@code shards.get(i)}. */
  public record OnDisk(EncodedFile file, List<Path> shards) {}

  /** Encodes {@code data} in memory (each shard must fit in one array). */
  public InMemory encode(byte[] data) {
    ShardLayout layout = new ShardLayout(code.dataShards(), code.parityShards(), data.length);
    if (layout.shardSize() > Integer.MAX_VALUE - 8)
      throw new IllegalArgumentException("too large to encode in memory");
    byte[][] shards = new byte[layout.totalShards()][(int) layout.shardSize()];
    try {
      EncodedFile file =
          run(
              layout,
              (off, buf, len) -> System.arraycopy(data, (int) off, buf, 0, len),
              (shard, group, buf) ->
                  System.arraycopy(
                      buf,
                      0,
                      shards[shard],
                      (int) (group * ShardLayout.SEGMENT_SIZE),
                      ShardLayout.SEGMENT_SIZE),
              done -> {});
      return new InMemory(file, shards);
    } catch (IOException e) {
      throw new IllegalStateException("no I/O happens in memory", e);
    }
  }

  /**
   * Encodes the file at {@code input} into {@code outDir/shard-<i>} (created or replaced),
   * reporting the file bytes read so far to {@code progress}. Fails if the file changes length
   * while it is read.
   */
  public OnDisk encode(Path input, Path outDir, LongConsumer progress) throws IOException {
    Files.createDirectories(outDir);
    ShardLayout layout;
    List<Path> paths = new ArrayList<>();
    FileChannel[] outs = new FileChannel[code.totalShards()];
    try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
      layout = new ShardLayout(code.dataShards(), code.parityShards(), in.size());
      for (int i = 0; i < outs.length; i++) {
        Path p = outDir.resolve("shard-" + i);
        paths.add(p);
        outs[i] = StorageFiles.create(p);
      }
      EncodedFile file =
          run(
              layout,
              (off, buf, len) -> readFully(in, off, buf, len, input),
              (shard, group, buf) -> StorageFiles.writeFully(outs[shard], buf, 0, buf.length),
              progress);
      if (in.size() != layout.fileLength())
        throw new IOException(input + " changed size while it was encoded");
      return new OnDisk(file, List.copyOf(paths));
    } finally {
      for (FileChannel c : outs) if (c != null) c.close();
    }
  }

  @FunctionalInterface
  private interface Reader {
    void read(long offset, byte[] buf, int len) throws IOException;
  }

  @FunctionalInterface
  private interface Writer {
    void write(int shard, long group, byte[] segment) throws IOException;
  }

  private EncodedFile run(ShardLayout layout, Reader reader, Writer writer, LongConsumer progress)
      throws IOException {
    int k = layout.dataShards();
    int n = layout.totalShards();
    byte[][] segments = new byte[n][ShardLayout.SEGMENT_SIZE];
    List<Bytes32> fileSegmentRoots = new ArrayList<>();
    List<List<Bytes32>> shardSegmentRoots = new ArrayList<>();
    for (int i = 0; i < n; i++) shardSegmentRoots.add(new ArrayList<>());
    Bytes32[] groupRoots = new Bytes32[n];
    long done = 0;
    for (long g = 0; g < layout.groups(); g++) {
      int[] lengths = new int[k];
      for (int i = 0; i < k; i++) {
        lengths[i] = layout.fileBytesIn(g, i);
        if (lengths[i] > 0) reader.read(layout.fileOffset(g, i), segments[i], lengths[i]);
        Arrays.fill(segments[i], lengths[i], ShardLayout.SEGMENT_SIZE, (byte) 0);
      }
      code.encode(segments);
      // Hashing dominates; the k + m segments of a group are independent.
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> groupRoots[i] = SegmentTree.segmentRoot(segments[i], ShardLayout.SEGMENT_SIZE));
      for (int i = 0; i < k; i++) {
        if (lengths[i] == 0) continue;
        // A full data segment is the same in the file and in the shard; only a short last one
        // differs (padding).
        fileSegmentRoots.add(
            lengths[i] == ShardLayout.SEGMENT_SIZE
                ? groupRoots[i]
                : SegmentTree.segmentRoot(segments[i], lengths[i]));
        done += lengths[i];
      }
      for (int i = 0; i < n; i++) {
        shardSegmentRoots.get(i).add(groupRoots[i]);
        writer.write(i, g, segments[i]);
      }
      progress.accept(done);
    }
    List<Bytes32> shardRoots = new ArrayList<>(n);
    for (List<Bytes32> roots : shardSegmentRoots)
      shardRoots.add(SegmentTree.fileRoot(layout.shardSize(), roots));
    Bytes32 fileRoot = SegmentTree.fileRoot(layout.fileLength(), fileSegmentRoots);
    return new EncodedFile(
        fileRoot,
        layout.fileLength(),
        k,
        layout.parityShards(),
        shardRoots,
        ShardCommitment.of(k, layout.parityShards(), shardRoots));
  }

  static void readFully(FileChannel in, long offset, byte[] buf, int len, Path what)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    while (bb.hasRemaining()) {
      int r = in.read(bb, offset + bb.position());
      if (r < 0) {
        throw new IOException(
            what + " ended early at byte " + (offset + bb.position()) + " (changed while read?)");
      }
    }
  }
}
