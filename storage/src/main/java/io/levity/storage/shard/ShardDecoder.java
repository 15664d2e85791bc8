package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.InsufficientShardsException;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.files.StorageFiles;
import io.levity.storage.layout.MerkleFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Reassembles a file (or rebuilds lost shards) from any k shards of the shard format, and checks
 * the result: the shard roots against the recorded commitment, and the reassembled file against the
 * file root. Works one group at a time for shards on disk. Stateless and thread-safe.
 */
public final class ShardDecoder {
  private ShardDecoder() {}

  /** Throws unless {@code shardRoots} hash to the commitment recorded in {@code s}. */
  public static void checkRoots(Submission s, List<Bytes32> shardRoots) {
    if (!ShardCommitment.matches(
        s.shardCommitment(), s.dataShards(), s.parityShards(), shardRoots)) {
      throw new ShardVerificationException(
          "the shard roots do not hash to the commitment recorded for "
              + s.fileRoot()
              + " ("
              + s.shardCommitment()
              + ")");
    }
  }

  /** The root of the shard file at {@code shard}, hashed one segment at a time. */
  public static Bytes32 rootOf(Path shard) throws IOException {
    SegmentHasher hasher = new SegmentHasher();
    try (FileChannel in = FileChannel.open(shard, StandardOpenOption.READ)) {
      byte[] buf = new byte[ShardLayout.SEGMENT_SIZE];
      long size = in.size();
      for (long off = 0; off < size; off += buf.length) {
        int len = (int) Math.min(buf.length, size - off);
        ShardEncoder.readFully(in, off, buf, len, shard);
        hasher.update(buf, 0, len);
      }
    }
    return hasher.finish();
  }

  /**
   * Decodes in memory. {@code shards[i]} is shard i or null when missing; a shard whose bytes do
   * not hash to its root is treated as missing. Throws {@link InsufficientShardsException} with
   * fewer than k good shards and {@link ShardVerificationException} when the roots or the
   * reassembled file do not verify.
   */
  public static byte[] decode(Submission s, List<Bytes32> shardRoots, byte[][] shards) {
    checkRoots(s, shardRoots);
    ShardLayout layout = layoutOf(s);
    int n = layout.totalShards();
    if (shards.length != n)
      throw new IllegalArgumentException("expected " + n + " shard slots, got " + shards.length);
    byte[][] work = new byte[n][];
    boolean[] present = new boolean[n];
    for (int i = 0; i < n; i++) {
      byte[] sh = shards[i];
      if (sh != null
          && sh.length == layout.shardSize()
          && MerkleFile.root(sh).equals(shardRoots.get(i))) {
        work[i] = sh;
        present[i] = true;
      }
    }
    boolean allData = true;
    for (int i = 0; i < layout.dataShards(); i++) allData &= present[i];
    if (!allData) {
      for (int i = 0; i < n; i++) if (!present[i]) work[i] = null;
      for (int i = 0; i < n; i++)
        if (present[i]) work[i] = work[i].clone(); // decode writes in place
      ReedSolomon.create(layout.dataShards(), layout.parityShards()).decode(work, present);
    }
    long length = layout.fileLength();
    if (length > Integer.MAX_VALUE - 8)
      throw new IllegalArgumentException("too large to decode in memory");
    byte[] out = new byte[(int) length];
    for (long g = 0; g < layout.groups(); g++) {
      for (int i = 0; i < layout.dataShards(); i++) {
        int len = layout.fileBytesIn(g, i);
        if (len > 0) {
          System.arraycopy(
              work[i],
              (int) (g * ShardLayout.SEGMENT_SIZE),
              out,
              (int) layout.fileOffset(g, i),
              len);
        }
      }
    }
    Bytes32 root = MerkleFile.root(out);
    if (!root.equals(s.fileRoot())) {
      throw new ShardVerificationException(
          "the reassembled file has root " + root + ", not " + s.fileRoot());
    }
    return out;
  }

  /**
   * Reassembles the file into {@code out} (created or replaced; the caller renames it into place)
   * from shard files that were already verified against their roots (for example while they were
   * downloaded); needs any k of them. Throws {@link ShardVerificationException}, leaving {@code
   * out} behind for the caller to delete, when the result does not hash to the file root.
   */
  public static void decodeTo(
      Submission s, Map<Integer, Path> verifiedShards, Path out, LongConsumer progress)
      throws IOException {
    decodeTo(s, verifiedShards, Map.of(), out, progress);
  }

  /**
   * As {@link #decodeTo(Submission, Map, Path, LongConsumer)}, reusing the segment roots of
   * verified data shards ({@code segmentRoots.get(i)}, as hashed when shard i was verified): a full
   * file segment read from a data shard is then not hashed again, only decoded and short segments
   * are.
   */
  public static void decodeTo(
      Submission s,
      Map<Integer, Path> verifiedShards,
      Map<Integer, List<Bytes32>> segmentRoots,
      Path out,
      LongConsumer progress)
      throws IOException {
    ShardLayout layout = layoutOf(s);
    List<Bytes32> fileSegmentRoots = new ArrayList<>();
    Set<Integer> read = new TreeSet<>();
    for (int i = 0; i < layout.dataShards(); i++) if (verifiedShards.containsKey(i)) read.add(i);
    try (FileChannel dst = StorageFiles.create(out)) {
      groups(
          layout,
          verifiedShards,
          dataShards(layout),
          (g, segments) -> {
            for (int i = 0; i < layout.dataShards(); i++) {
              int len = layout.fileBytesIn(g, i);
              if (len == 0) continue;
              List<Bytes32> known = segmentRoots.get(i);
              boolean reuse =
                  len == ShardLayout.SEGMENT_SIZE
                      && read.contains(i)
                      && known != null
                      && known.size() == layout.groups();
              fileSegmentRoots.add(
                  reuse ? known.get((int) g) : SegmentTree.segmentRoot(segments[i], len));
              ByteBuffer bb = ByteBuffer.wrap(segments[i], 0, len);
              long pos = layout.fileOffset(g, i);
              while (bb.hasRemaining()) pos += dst.write(bb, pos);
            }
            progress.accept(
                Math.min(
                    layout.fileLength(),
                    (g + 1) * layout.dataShards() * (long) ShardLayout.SEGMENT_SIZE));
          });
      dst.force(true);
    }
    Bytes32 root = SegmentTree.fileRoot(layout.fileLength(), fileSegmentRoots);
    if (!root.equals(s.fileRoot())) {
      throw new ShardVerificationException(
          "the reassembled file has root " + root + ", not " + s.fileRoot());
    }
  }

  /**
   * Rebuilds the shards {@code wanted} from any k verified shard files into {@code
   * outDir/rebuilt-<i>}, and checks each against its root. Returns the rebuilt files by shard
   * index.
   */
  public static Map<Integer, Path> rebuild(
      Submission s,
      List<Bytes32> shardRoots,
      Map<Integer, Path> verifiedShards,
      Set<Integer> wanted,
      Path outDir)
      throws IOException {
    checkRoots(s, shardRoots);
    ShardLayout layout = layoutOf(s);
    Files.createDirectories(outDir);
    Map<Integer, Path> paths = new LinkedHashMap<>();
    Map<Integer, FileChannel> outs = new LinkedHashMap<>();
    Map<Integer, SegmentHasher> hashers = new LinkedHashMap<>();
    try {
      for (int i : new TreeSet<>(wanted)) {
        if (i < 0 || i >= layout.totalShards()) throw new IllegalArgumentException("no shard " + i);
        Path p = outDir.resolve("rebuilt-" + i);
        paths.put(i, p);
        outs.put(i, StorageFiles.create(p));
        hashers.put(i, new SegmentHasher());
      }
      groups(
          layout,
          verifiedShards,
          wanted,
          (g, segments) -> {
            for (int i : paths.keySet()) {
              hashers.get(i).update(segments[i], 0, ShardLayout.SEGMENT_SIZE);
              StorageFiles.writeFully(outs.get(i), segments[i], 0, segments[i].length);
            }
          });
    } finally {
      for (FileChannel c : outs.values()) c.close();
    }
    for (int i : paths.keySet()) {
      Bytes32 root = hashers.get(i).finish();
      if (!root.equals(shardRoots.get(i))) {
        throw new ShardVerificationException(
            "rebuilt shard "
                + i
                + " has root "
                + root
                + ", not "
                + shardRoots.get(i)
                + ": an input shard was not what its root says");
      }
    }
    return paths;
  }

  @FunctionalInterface
  private interface GroupSink {
    void accept(long group, byte[][] segments) throws IOException;
  }

  private static Set<Integer> dataShards(ShardLayout layout) {
    Set<Integer> out = new TreeSet<>();
    for (int i = 0; i < layout.dataShards(); i++) out.add(i);
    return out;
  }

  /**
   * For each group, reads segment g of k of the given shards (data shards first) and decodes the
   * others that are {@code needed}; the sink sees all k + m segments of the group (those neither
   * read nor needed may be stale).
   */
  private static void groups(
      ShardLayout layout, Map<Integer, Path> shards, Set<Integer> needed, GroupSink sink)
      throws IOException {
    int k = layout.dataShards();
    int n = layout.totalShards();
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < n && chosen.size() < k; i++) if (shards.containsKey(i)) chosen.add(i);
    if (chosen.size() < k) throw new InsufficientShardsException(chosen.size(), k);
    boolean[] present = new boolean[n];
    for (int i : chosen) present[i] = true;
    boolean decode = false;
    for (int i : needed) decode |= !present[i];
    ReedSolomon code = decode ? ReedSolomon.create(k, layout.parityShards()) : null;
    byte[][] segments = new byte[n][ShardLayout.SEGMENT_SIZE];
    Map<Integer, FileChannel> ins = new LinkedHashMap<>();
    try {
      for (int i : chosen) {
        Path p = shards.get(i);
        FileChannel c = FileChannel.open(p, StandardOpenOption.READ);
        ins.put(i, c);
        if (c.size() != layout.shardSize()) {
          throw new ShardVerificationException(
              "shard file " + p + " has " + c.size() + " bytes, expected " + layout.shardSize());
        }
      }
      for (long g = 0; g < layout.groups(); g++) {
        for (int i : chosen) {
          ShardEncoder.readFully(
              ins.get(i),
              g * ShardLayout.SEGMENT_SIZE,
              segments[i],
              ShardLayout.SEGMENT_SIZE,
              shards.get(i));
        }
        if (decode) code.decode(segments, present.clone());
        sink.accept(g, segments);
      }
    } finally {
      for (FileChannel c : ins.values()) c.close();
    }
  }

  static ShardLayout layoutOf(Submission s) {
    return new ShardLayout(s.dataShards(), s.parityShards(), s.length());
  }
}
