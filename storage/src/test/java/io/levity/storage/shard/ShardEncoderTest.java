package io.levity.storage.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.layout.MerkleFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shard format of docs/storage.md, checked from its definition, byte by byte. */
class ShardEncoderTest {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, SEG, 6 * SEG, 6 * SEG + 1, 13 * SEG + 5})
  void shardsFollowTheDefinition(int length) {
    ReedSolomon code = ReedSolomon.defaultCode();
    byte[] data = random(length, length);
    ShardEncoder.InMemory enc = new ShardEncoder(code).encode(data);
    int k = 6;
    int m = 3;
    long segments = (length + SEG - 1L) / SEG;
    long groups = Math.max(1, (segments + k - 1) / k);
    assertThat(enc.shards().length).isEqualTo(k + m);
    for (byte[] s : enc.shards()) assertThat(s).hasSize((int) (groups * SEG));

    for (int g = 0; g < groups; g++) {
      byte[][] expected = new byte[k + m][SEG];
      for (int i = 0; i < k; i++) {
        long off = ((long) g * k + i) * SEG;
        if (off < length)
          System.arraycopy(data, (int) off, expected[i], 0, (int) Math.min(SEG, length - off));
      }
      code.encode(expected);
      for (int i = 0; i < k + m; i++) {
        assertThat(Arrays.copyOfRange(enc.shards()[i], g * SEG, (g + 1) * SEG))
            .as("shard %d group %d", i, g)
            .isEqualTo(expected[i]);
      }
    }
    List<Bytes32> roots = new ArrayList<>();
    for (byte[] s : enc.shards()) roots.add(MerkleFile.root(s));
    assertThat(enc.file().shardRoots()).isEqualTo(roots);
    byte[] in = new byte[3 + 32 * (k + m)];
    in[0] = 0x03;
    in[1] = (byte) k;
    in[2] = (byte) m;
    for (int i = 0; i < k + m; i++) System.arraycopy(roots.get(i).toArray(), 0, in, 3 + 32 * i, 32);
    assertThat(enc.file().commitment()).isEqualTo(Keccak.hash(in));
    assertThat(enc.file().fileRoot()).isEqualTo(MerkleFile.root(data));
    assertThat(enc.file().length()).isEqualTo(length);
  }

  /**
   * docs/storage.md, "Shard test vectors": the test-vector file (byte i = i mod 251) under the 6+3
   * code.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "0, 0x08866b65b4f2123a88a058f19d63438b4788cb529589b12e46c01e3ef7717a19",
    "1000, 0x73df455ecdf2fd1fcb067d2da83b43e5a7143705fd15b0b941cec0675e79cb33",
    "262145, 0x16a0bb841c274abd5b6eb6bda17788bb1a193a5e54ede2c259a8471bd9de6a47",
    "1572865, 0x2270aaf602093c2eeb7362bd30f466cd1c85b544d04c2a7437e4a135d69e53fd",
  })
  void commitmentVectorsAreLocked(int length, String commitment) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) data[i] = (byte) (i % 251);
    assertThat(new ShardEncoder(ReedSolomon.defaultCode()).encode(data).file().commitment().toHex())
        .isEqualTo(commitment);
  }

  @Test
  void encodingFromDiskMatchesEncodingInMemory() throws Exception {
    byte[] data = random(14 * SEG + 777, 7);
    Path file = dir.resolve("in.bin");
    Files.write(file, data);
    ShardEncoder encoder = new ShardEncoder(ReedSolomon.create(4, 2));
    ShardEncoder.InMemory mem = encoder.encode(data);
    List<Long> progress = new ArrayList<>();
    ShardEncoder.OnDisk disk = encoder.encode(file, dir.resolve("shards"), progress::add);
    assertThat(disk.file()).isEqualTo(mem.file());
    for (int i = 0; i < 6; i++)
      assertThat(Files.readAllBytes(disk.shards().get(i))).isEqualTo(mem.shards()[i]);
    assertThat(progress.getLast()).isEqualTo(data.length);
    assertThat(progress).isSorted();
  }

  @Test
  void commitmentDependsOnTheCodeAndEveryRoot() {
    List<Bytes32> roots = new ArrayList<>();
    for (int i = 0; i < 9; i++) roots.add(Keccak.hash(new byte[] {(byte) i}));
    Bytes32 c = ShardCommitment.of(6, 3, roots);
    assertThat(ShardCommitment.matches(c, 6, 3, roots)).isTrue();
    List<Bytes32> swapped = new ArrayList<>(roots);
    swapped.set(0, roots.get(1));
    swapped.set(1, roots.get(0));
    assertThat(ShardCommitment.matches(c, 6, 3, swapped)).isFalse();
    assertThat(ShardCommitment.matches(c, 5, 4, roots)).isFalse();
    assertThat(ShardCommitment.matches(c, 6, 3, roots.subList(0, 8))).isFalse();
  }
}
