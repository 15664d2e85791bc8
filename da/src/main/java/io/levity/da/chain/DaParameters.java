package io.levity.da.chain;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiCodec;
import java.math.BigInteger;
import java.util.List;

/**
 * The DataAvailability contract's constructor arguments.
 *
 * @param epochBlocks blocks per epoch
 * @param thresholdBps the share of an epoch's stake a certificate needs, in basis points
 * @param minStake the least stake a node registers with, in wei
 * @param maxNodes how many nodes may ever register (at most 256: one bitmap word)
 * @param withdrawalDelayEpochs epochs between a node leaving the quorums and its stake's return
 */
public record DaParameters(
    long epochBlocks,
    int thresholdBps,
    BigInteger minStake,
    int maxNodes,
    long withdrawalDelayEpochs) {
  public DaParameters {
    if (epochBlocks < 1) throw new IllegalArgumentException("epochBlocks must be positive");
    if (thresholdBps < 1 || thresholdBps > 10_000)
      throw new IllegalArgumentException("thresholdBps must be in [1, 10000]: " + thresholdBps);
    if (minStake.signum() <= 0) throw new IllegalArgumentException("minStake must be positive");
    if (maxNodes < 1 || maxNodes > DaRules.MAX_NODES)
      throw new IllegalArgumentException("maxNodes must be in [1, 256]: " + maxNodes);
    if (withdrawalDelayEpochs < 1)
      throw new IllegalArgumentException("withdrawalDelayEpochs must be positive");
  }

  /**
   * The devnet's: 30-block epochs (30 s at one block a second: a certificate stays fresh for 30 to
   * 60 s, room for a 16 MiB blob's round on a loaded laptop), 2/3 of stake, 1 ether minimum, 256
   * nodes, 2 epochs' delay.
   */
  public static DaParameters devnet() {
    return new DaParameters(
        30, DaRules.DEFAULT_THRESHOLD_BPS, BigInteger.TEN.pow(18), DaRules.MAX_NODES, 2);
  }

  /** ABI-encoded, as appended to the creation code. */
  public Bytes constructorArguments() {
    return AbiCodec.encode(
        DataAvailabilityContract.CONSTRUCTOR.inputs(),
        List.of(epochBlocks, thresholdBps, minStake, maxNodes, withdrawalDelayEpochs));
  }
}
