package io.levity.compute.inference;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiCodec;
import java.math.BigInteger;
import java.util.List;

/**
 * The market's constructor arguments, fixed for its life. Periods are in seconds; shares in basis
 * points: the share of a provider's stake a voided batch slashes, the share of that the challenger
 * gets (the rest is burned), and the rate of receipts auditors are asked to re-execute.
 *
 * @param unbondingPeriod at least {@code challengeWindow + votingPeriod}
 * @param threshold how many auditors' "wrong" votes uphold a dispute
 */
public record MarketParameters(
    BigInteger minProviderStake,
    BigInteger minAuditorStake,
    BigInteger challengeBond,
    long unbondingPeriod,
    long refundLockTime,
    long challengeWindow,
    long votingPeriod,
    int threshold,
    int slashBps,
    int challengerShareBps,
    int sampleRateBps) {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  public MarketParameters {
    if (threshold < 1 || slashBps > 10_000 || challengerShareBps > 10_000 || sampleRateBps > 10_000)
      throw new IllegalArgumentException("threshold >= 1 and shares <= 10000 bps");
    if (challengeWindow <= 0 || votingPeriod <= 0 || refundLockTime < 0)
      throw new IllegalArgumentException("the window and the voting period must be positive");
    if (unbondingPeriod < challengeWindow + votingPeriod)
      throw new IllegalArgumentException("unbonding must outlast a window and a vote");
  }

  /**
   * The devnet's: 10 ETH provider stake, 1 ETH auditor stake and challenge bond, 10-minute window,
   * 5-minute vote, 1-hour unbonding and refund lock, one vote, half the stake slashed, half of that
   * to the challenger, every receipt sampled.
   */
  public static MarketParameters devnet() {
    return new MarketParameters(
        ETHER.multiply(BigInteger.TEN), ETHER, ETHER, 3600, 3600, 600, 300, 1, 5000, 5000, 10_000);
  }

  /** The ABI-encoded constructor arguments. */
  public Bytes constructorArguments() {
    return AbiCodec.encode(
        InferenceMarketContract.CONSTRUCTOR.inputs(),
        List.of(
            minProviderStake,
            minAuditorStake,
            challengeBond,
            List.of(unbondingPeriod, refundLockTime, challengeWindow, votingPeriod),
            threshold,
            slashBps,
            challengerShareBps,
            sampleRateBps));
  }
}
