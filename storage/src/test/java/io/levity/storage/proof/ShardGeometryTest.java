package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardGeometryTest {
  private static final long SEG = 262_144;

  @Test
  void shardLengthIsWholeSegmentGroups() {
    assertThat(ShardGeometry.shardLength(0, 6)).isEqualTo(SEG);
    assertThat(ShardGeometry.shardLength(1, 6)).isEqualTo(SEG);
    assertThat(ShardGeometry.shardLength(6 * SEG, 6)).isEqualTo(SEG);
    assertThat(ShardGeometry.shardLength(6 * SEG + 1, 6)).isEqualTo(2 * SEG);
    assertThat(ShardGeometry.shardLength(13 * SEG, 6)).isEqualTo(3 * SEG);
    assertThat(ShardGeometry.shardLength(5 * SEG, 1)).isEqualTo(5 * SEG);
    assertThatThrownBy(() -> ShardGeometry.shardLength(-1, 6)).hasMessageContaining("negative");
    assertThatThrownBy(() -> ShardGeometry.shardLength(1, 0)).hasMessageContaining("data shard");
  }

  @Test
  void commitmentHashesTagCodeAndRoots() {
    List<Bytes32> roots =
        List.of(ChallengeTest.h("r0"), ChallengeTest.h("r1"), ChallengeTest.h("r2"));
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(0x03);
    in.write(2);
    in.write(1);
    for (Bytes32 r : roots) in.writeBytes(r.toArray());
    assertThat(ShardGeometry.commitment(2, 1, roots)).isEqualTo(Keccak.hash(in.toByteArray()));
    assertThat(ShardGeometry.commitment(1, 2, roots))
        .isNotEqualTo(ShardGeometry.commitment(2, 1, roots));
    assertThatThrownBy(() -> ShardGeometry.commitment(2, 2, roots))
        .hasMessageContaining("expected 4 shard roots");
  }
}
