package io.levity.compute.audit;

import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;

/**
 * Which leaves an auditor re-executes: leaf {@code index} of batch {@code batchId} is sampled when
 * the first 8 bytes of Keccak-256(seed || batchId || index) (big-endian, 8 + 8 + 4 bytes), read as
 * an unsigned number modulo 10,000, fall below the rate in basis points. The choice is a pure
 * function of the auditor's seed, so a run with the same seed replays it exactly, while a provider
 * that does not know the seed cannot tell which answers will be checked.
 *
 * @param rateBps 0 (none) to 10,000 (every leaf)
 */
public record SampleChoice(long seed, int rateBps) {
  public static final int ALL = 10_000;

  public SampleChoice {
    if (rateBps < 0 || rateBps > ALL)
      throw new IllegalArgumentException("the sample rate must be 0..10000 bps, got " + rateBps);
  }

  public boolean sampled(long batchId, int index) {
    if (rateBps == ALL) return true;
    if (rateBps == 0) return false;
    byte[] in = ByteBuffer.allocate(20).putLong(seed).putLong(batchId).putInt(index).array();
    long draw = ByteBuffer.wrap(Keccak.hash(in).toArray()).getLong();
    return Long.remainderUnsigned(draw, ALL) < rateBps;
  }
}
