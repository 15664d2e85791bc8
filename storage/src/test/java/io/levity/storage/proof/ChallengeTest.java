package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ChallengeTest {
  private static final Bytes32 R = h("randomness of epoch 7");
  private static final Bytes32 NODE_A = h("node a");
  private static final Bytes32 NODE_B = h("node b");
  private static final Bytes32 FILE = h("file");
  private static final long SHARD = 2L * 262_144;

  static Bytes32 h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sectorsFollowTheDocumentedRule() {
    Challenge c = new Challenge(7, R, NODE_A, FILE, 3, SHARD, 4);
    List<Long> expected = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      in.write(0x04);
      in.writeBytes(R.toArray());
      in.writeBytes(NODE_A.toArray());
      in.writeBytes(FILE.toArray());
      in.writeBytes(ByteBuffer.allocate(8).putInt(3).putInt(j).array());
      expected.add(
          new BigInteger(1, Keccak.hash256(in.toByteArray()))
              .mod(BigInteger.valueOf(2048))
              .longValue());
    }
    assertThat(c.sectorCount()).isEqualTo(2048);
    assertThat(c.sectors()).isEqualTo(expected).allSatisfy(s -> assertThat(s).isBetween(0L, 2047L));
    // Locked: changing the derivation changes every challenge ever issued.
    assertThat(c.sectors()).containsExactly(86L, 953L, 1646L, 1723L);
  }

  @Test
  void deterministicAndDifferentPerNodeEpochFileAndShard() {
    List<Long> a = new Challenge(7, R, NODE_A, FILE, 3, SHARD, 8).sectors();
    assertThat(new Challenge(7, R, NODE_A, FILE, 3, SHARD, 8).sectors()).isEqualTo(a);
    assertThat(new Challenge(7, R, NODE_B, FILE, 3, SHARD, 8).sectors()).isNotEqualTo(a);
    assertThat(new Challenge(8, h("randomness of epoch 8"), NODE_A, FILE, 3, SHARD, 8).sectors())
        .isNotEqualTo(a);
    assertThat(new Challenge(7, R, NODE_A, h("other file"), 3, SHARD, 8).sectors()).isNotEqualTo(a);
    assertThat(new Challenge(7, R, NODE_A, FILE, 4, SHARD, 8).sectors()).isNotEqualTo(a);
    // The first sectors do not depend on how many are asked for.
    assertThat(new Challenge(7, R, NODE_A, FILE, 3, SHARD, 3).sectors()).isEqualTo(a.subList(0, 3));
  }

  @Test
  void rejectsOutOfRangeFields() {
    assertThatThrownBy(() -> new Challenge(-1, R, NODE_A, FILE, 0, SHARD, 4))
        .hasMessageContaining("epoch");
    assertThatThrownBy(() -> new Challenge(1, R, NODE_A, FILE, 255, SHARD, 4))
        .hasMessageContaining("shard index");
    assertThatThrownBy(() -> new Challenge(1, R, NODE_A, FILE, 0, SHARD + 256, 4))
        .hasMessageContaining("segments");
    assertThatThrownBy(() -> new Challenge(1, R, NODE_A, FILE, 0, 0, 4))
        .hasMessageContaining("segments");
    assertThatThrownBy(() -> new Challenge(1, R, NODE_A, FILE, 0, SHARD, 0))
        .hasMessageContaining("sector count");
    assertThatThrownBy(() -> new Challenge(1, R, NODE_A, FILE, 0, SHARD, 65))
        .hasMessageContaining("sector count");
  }

  @Test
  void forShardTakesTheShardLengthFromTheSubmission() {
    ShardFixture f = ShardFixture.of(1000, 2, 1, 1);
    Challenge c = Challenge.forShard(f.submission(), 2, 1, R, NODE_A, 4);
    assertThat(c.shardLength()).isEqualTo(262_144);
    assertThatThrownBy(() -> Challenge.forShard(f.submission(), 3, 1, R, NODE_A, 4))
        .hasMessageContaining("3 shards");
  }

  @Property(tries = 200)
  void wireFormRoundTrips(
      @ForAll @LongRange(min = 0) long epoch,
      @ForAll @IntRange(max = 254) int shard,
      @ForAll @IntRange(min = 1, max = 1 << 22) int segments,
      @ForAll @IntRange(min = 1, max = 64) int count) {
    Challenge c = new Challenge(epoch, R, NODE_B, FILE, shard, (long) segments * 262_144, count);
    byte[] wire = c.encode();
    assertThat(wire.length).isLessThanOrEqualTo(Challenge.MAX_ENCODED_BYTES);
    assertThat(Challenge.decode(wire)).isEqualTo(c);
  }

  @Test
  void decodingIsStrict() {
    byte[] wire = new Challenge(7, R, NODE_A, FILE, 3, SHARD, 4).encode();
    byte[] trailing = Arrays.copyOf(wire, wire.length + 1);
    assertThatThrownBy(() -> Challenge.decode(trailing))
        .isInstanceOf(ProofFormatException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> Challenge.decode(Arrays.copyOf(wire, wire.length - 1)))
        .isInstanceOf(ProofFormatException.class);
    assertThatThrownBy(() -> Challenge.decode(new byte[300]))
        .isInstanceOf(ProofFormatException.class)
        .hasMessageContaining("exceeds");
    byte[] manySectors = wire(R.toArray(), 65);
    assertThatThrownBy(() -> Challenge.decode(manySectors))
        .isInstanceOf(ProofFormatException.class)
        .hasMessageContaining("sector count 65");
    byte[] shortRoot = wire(new byte[31], 4);
    assertThatThrownBy(() -> Challenge.decode(shortRoot))
        .isInstanceOf(ProofFormatException.class)
        .hasMessageContaining("randomness must be 32 bytes");
  }

  @Test
  void aSealedChallengeCarriesItsFlagAndAsksAtMostTwentyOneSectors() {
    Challenge plain = new Challenge(7, R, NODE_A, FILE, 3, SHARD, 4);
    Challenge sealed = plain.withSealed(true);
    assertThat(sealed.sectors()).isEqualTo(plain.sectors());
    byte[] wire = sealed.encode();
    assertThat(wire).hasSize(plain.encode().length + 1);
    assertThat(Challenge.decode(wire)).isEqualTo(sealed);
    assertThat(Challenge.decode(plain.encode()).sealed()).isFalse();
    byte[] explicitZero = wire(R.toArray(), 4, 0);
    assertThatThrownBy(() -> Challenge.decode(explicitZero))
        .isInstanceOf(ProofFormatException.class)
        .hasMessageContaining("sealed flag is 1 or absent");
    assertThatThrownBy(() -> new Challenge(7, R, NODE_A, FILE, 3, SHARD, 22, true))
        .hasMessageContaining("out of 1..21");
  }

  /** A challenge's fields as written by hand: epoch 7, node A, shard 3, then {@code tail}. */
  private static byte[] wire(byte[] randomness, long count, long... tail) {
    Rlp.Writer w =
        new Rlp.Writer()
            .number(7)
            .bytes(randomness)
            .bytes(NODE_A)
            .bytes(FILE)
            .number(3)
            .number(SHARD)
            .number(count);
    for (long t : tail) w.number(t);
    return w.toList();
  }
}
