package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.shard.ShardEncoder;
import org.junit.jupiter.api.Test;

/**
 * The proof package restates two rules of the shard format (shard length, commitment) and its tests
 * cut files into shards by hand; this checks both against the shard package's encoder, and that
 * proofs work on its shards.
 */
class ShardFormatInteropTest {
  @Test
  void agreesWithTheShardEncoder() {
    Prover prover = new Prover(Ed25519.KeyPair.fromSeed(new byte[32]));
    int[][] cases = {{0, 6, 3}, {1, 6, 3}, {700_000, 6, 3}, {4 * 262_144 + 5, 2, 1}};
    for (int[] c : cases) {
      int length = c[0], k = c[1], m = c[2];
      ShardFixture mine = ShardFixture.of(length, k, m, length);
      ShardEncoder.InMemory theirs = new ShardEncoder(ReedSolomon.create(k, m)).encode(mine.file());
      assertThat(theirs.file().shardRoots())
          .as("shard roots of %d bytes, %d+%d", length, k, m)
          .isEqualTo(mine.roots());
      assertThat(theirs.file().submission(Bytes32.ZERO)).isEqualTo(mine.submission());
      assertThat(ShardGeometry.shardLength(length, k))
          .isEqualTo(theirs.file().layout().shardSize());
      for (int i = 0; i < k + m; i++) {
        Challenge ch =
            Challenge.forShard(mine.submission(), i, 1, Bytes32.ZERO, prover.nodeId(), 4);
        Answer a = prover.answer(ch, theirs.shards()[i], theirs.file().shardRoots());
        assertThat(ProofVerifier.verify(mine.submission(), ch, a.encode()).passed()).isTrue();
      }
    }
  }
}
