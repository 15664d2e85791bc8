package io.levity.storage.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.InsufficientShardsException;
import io.levity.storage.erasure.ReedSolomon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardDecoderTest {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;

  @Test
  void anyKOfNineShardsGiveBackTheFile() {
    byte[] data =
        ShardEncoderTest.random(
            SEG + 12_345, 1); // 2 segments: one group, data shards 2..5 all padding
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    Submission s = enc.file().submission(Bytes32.ZERO);
    int subsets = 0;
    for (int mask = 0; mask < 1 << 9; mask++) {
      if (Integer.bitCount(mask) != 6) continue;
      byte[][] shards = new byte[9][];
      for (int i = 0; i < 9; i++) if ((mask & (1 << i)) != 0) shards[i] = enc.shards()[i];
      assertThat(ShardDecoder.decode(s, enc.file().shardRoots(), shards))
          .as("subset %s", Integer.toBinaryString(mask))
          .isEqualTo(data);
      subsets++;
    }
    assertThat(subsets).isEqualTo(84);
  }

  @Test
  void aShardThatDoesNotMatchItsRootIsIgnoredNotUsed() {
    byte[] data = ShardEncoderTest.random(3 * SEG, 2);
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.create(2, 1)).encode(data);
    Submission s = enc.file().submission(Bytes32.ZERO);
    byte[][] shards = {enc.shards()[0].clone(), enc.shards()[1], enc.shards()[2]};
    shards[0][100] ^= 1;
    assertThat(ShardDecoder.decode(s, enc.file().shardRoots(), shards))
        .isEqualTo(data); // 1 and 2 suffice
    shards[2] = null;
    assertThatThrownBy(() -> ShardDecoder.decode(s, enc.file().shardRoots(), shards))
        .isInstanceOf(InsufficientShardsException.class)
        .hasMessageContaining("1 shards present, at least 2 needed");
  }

  @Test
  void rootsThatDoNotMatchTheCommitmentAreRefused() {
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.create(2, 1)).encode(new byte[10]);
    Submission s = enc.file().submission(Bytes32.ZERO);
    List<Bytes32> roots = new ArrayList<>(enc.file().shardRoots());
    roots.set(2, Bytes32.ZERO);
    assertThatThrownBy(() -> ShardDecoder.decode(s, roots, enc.shards()))
        .isInstanceOf(ShardVerificationException.class)
        .hasMessageContaining("do not hash to the commitment");
  }

  @Test
  void aWrongFileRootIsDetectedAfterDecoding() throws Exception {
    byte[] data = ShardEncoderTest.random(1000, 3);
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.create(2, 1)).encode(data);
    EncodedFile f = enc.file();
    Submission lying = new Submission(Bytes32.ZERO, f.length(), 2, 1, f.commitment(), Bytes32.ZERO);
    assertThatThrownBy(() -> ShardDecoder.decode(lying, f.shardRoots(), enc.shards()))
        .isInstanceOf(ShardVerificationException.class)
        .hasMessageContaining("reassembled file has root");
    Map<Integer, Path> files = write(enc, Set.of(0, 1));
    assertThatThrownBy(() -> ShardDecoder.decodeTo(lying, files, dir.resolve("out"), d -> {}))
        .isInstanceOf(ShardVerificationException.class);
  }

  @Test
  void decodesFromFilesAndRebuildsLostShardsExactly() throws Exception {
    byte[] data = ShardEncoderTest.random(20 * SEG + 99, 4); // 21 segments, 4 groups of 6
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    Submission s = enc.file().submission(Bytes32.ZERO);
    Map<Integer, Path> present = write(enc, Set.of(1, 3, 4, 6, 7, 8)); // data 0, 2, 5 lost
    Path out = dir.resolve("out.bin");
    List<Long> progress = new ArrayList<>();
    ShardDecoder.decodeTo(s, present, out, progress::add);
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
    assertThat(progress.getLast()).isEqualTo(data.length);

    Map<Integer, Path> rebuilt =
        ShardDecoder.rebuild(
            s, enc.file().shardRoots(), present, Set.of(0, 2, 5), dir.resolve("rebuilt"));
    for (int i : Set.of(0, 2, 5))
      assertThat(Files.readAllBytes(rebuilt.get(i))).isEqualTo(enc.shards()[i]);
    Map<Integer, Path> fromData = write(enc, Set.of(0, 1, 2, 3, 4, 5));
    Map<Integer, Path> parity =
        ShardDecoder.rebuild(
            s, enc.file().shardRoots(), fromData, Set.of(6, 8), dir.resolve("parity"));
    for (int i : Set.of(6, 8))
      assertThat(Files.readAllBytes(parity.get(i))).isEqualTo(enc.shards()[i]);
    assertThat(ShardDecoder.rootOf(parity.get(8))).isEqualTo(enc.file().shardRoots().get(8));
  }

  @Test
  void segmentRootsHashedOnReceiptAreReusedForTheFileRoot() throws Exception {
    byte[] data =
        ShardEncoderTest.random(
            13 * SEG + 7, 5); // 14 segments: shard 1 has 3 full ones, the last is short
    ShardEncoder.InMemory enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    Submission s = enc.file().submission(Bytes32.ZERO);
    Map<Integer, Path> present = write(enc, Set.of(0, 1, 2, 3, 4, 6)); // data shard 5 decoded
    Map<Integer, List<Bytes32>> roots = new TreeMap<>();
    for (int i : present.keySet()) {
      SegmentHasher h = new SegmentHasher();
      h.update(enc.shards()[i], 0, enc.shards()[i].length);
      h.finish();
      roots.put(i, h.segmentRoots());
    }
    Path out = dir.resolve("out.bin");
    ShardDecoder.decodeTo(s, present, roots, out, d -> {});
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
    // The roots are trusted as given (they come from verification), so a wrong one shows up as a
    // wrong file root.
    List<Bytes32> wrong = new ArrayList<>(roots.get(1));
    wrong.set(0, Bytes32.ZERO);
    roots.put(1, wrong);
    assertThatThrownBy(() -> ShardDecoder.decodeTo(s, present, roots, out, d -> {}))
        .isInstanceOf(ShardVerificationException.class);
  }

  /** Makes every shard file name in a test unique. */
  private int written;

  private Map<Integer, Path> write(ShardEncoder.InMemory enc, Set<Integer> which) throws Exception {
    Map<Integer, Path> out = new TreeMap<>();
    for (int i : which) {
      Path p = dir.resolve("in-" + i + "-" + written++);
      Files.write(p, enc.shards()[i]);
      out.put(i, p);
    }
    return out;
  }
}
