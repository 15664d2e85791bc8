package io.levity.storage.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.layout.FileLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SealTest {
  private static final Bytes32 NODE_A = Keccak.hash("node a".getBytes(StandardCharsets.UTF_8));
  private static final Bytes32 NODE_B = Keccak.hash("node b".getBytes(StandardCharsets.UTF_8));
  private static final Bytes32 FILE = Keccak.hash("file".getBytes(StandardCharsets.UTF_8));

  private static byte[] shard(int segments, long seed) {
    byte[] b = new byte[segments * FileLayout.SEGMENT_SIZE];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] sector(byte[] data, long index) {
    int off = (int) (index * FileLayout.SECTOR_SIZE);
    return Arrays.copyOfRange(data, off, off + FileLayout.SECTOR_SIZE);
  }

  @Test
  void everySectorUnsealsToTheShardGivenItsPredecessor() {
    byte[] plain = shard(2, 1);
    Bytes32 key = Seal.key(NODE_A, FILE, 3);
    byte[] replica = Seal.seal(key, plain);
    assertThat(replica).hasSameSizeAs(plain).isNotEqualTo(plain);
    for (long s : new long[] {0, 1, 511, 1023, 1024, 1025, 2047}) {
      byte[] previous = Seal.startsSegment(s) ? null : sector(replica, s - 1);
      assertThat(Seal.unsealSector(key, s, sector(replica, s), previous))
          .as("sector %d", s)
          .isEqualTo(sector(plain, s));
    }
  }

  @Test
  void theReplicaIsBoundToTheNodeTheFileAndTheShard() {
    byte[] a = Seal.mask(Seal.key(NODE_A, FILE, 0), 0, null);
    assertThat(Seal.mask(Seal.key(NODE_B, FILE, 0), 0, null)).isNotEqualTo(a);
    assertThat(Seal.mask(Seal.key(NODE_A, FILE, 1), 0, null)).isNotEqualTo(a);
    assertThat(Seal.mask(Seal.key(NODE_A, NODE_B, 0), 0, null)).isNotEqualTo(a);
    assertThat(Seal.mask(Seal.key(NODE_A, FILE, 0), 0, null)).isEqualTo(a); // deterministic
    assertThat(Seal.mask(Seal.key(NODE_A, FILE, 0), 1024, null)).isNotEqualTo(a); // per segment
  }

  @Test
  void aMaskDependsOnThePredecessorSoSectorsCannotBeSealedOutOfOrder() {
    Bytes32 key = Seal.key(NODE_A, FILE, 0);
    byte[] prev = new byte[FileLayout.SECTOR_SIZE];
    byte[] m1 = Seal.mask(key, 5, prev);
    prev[7] = 1;
    assertThat(Seal.mask(key, 5, prev)).isNotEqualTo(m1);
    assertThatThrownBy(() -> Seal.mask(key, 5, null)).hasMessageContaining("predecessor");
    assertThatThrownBy(() -> Seal.mask(key, 1024, prev)).hasMessageContaining("starts a segment");
  }

  @Test
  void theRuleIsTheDocumentedOne() {
    // docs/storage-proofs.md, "Sealed replicas": key and the first mask bytes of sector 0 and 1.
    Bytes32 key = Seal.key(NODE_A, FILE, 3);
    byte[] zero = new byte[FileLayout.SECTOR_SIZE];
    String m0 = HexFormat.of().formatHex(Seal.mask(key, 0, null), 0, 8);
    String m1 = HexFormat.of().formatHex(Seal.mask(key, 1, zero), 0, 8);
    System.out.println("seal vector: key=" + key + " mask0=" + m0 + " mask1(zero prev)=" + m1);
    byte[] in = new byte[1 + 32 + 8 + 32];
    in[0] = 0x06;
    System.arraycopy(key.unsafeArray(), 0, in, 1, 32);
    byte[] x = Keccak.hash256(in);
    for (int t = 0; t < Seal.ROUNDS; t++) x = Keccak.hash256(x);
    byte[] expand = Arrays.copyOf(x, 33);
    assertThat(HexFormat.of().formatHex(Keccak.hash256(expand), 0, 8)).isEqualTo(m0);
  }
}
