package io.levity.evm.fork;

/**
 * The behavioural switches and limits of a fork that are not gas prices.
 *
 * @param maxCodeSize EIP-170 limit on deployed code (24576)
 * @param maxInitcodeSize EIP-3860 limit on initcode (2 * maxCodeSize)
 * @param maxCallDepth call/create depth limit (1024)
 * @param rejectEfCode EIP-3541: deploying code that starts with 0xEF fails
 * @param warmCoinbase EIP-3651: the coinbase starts warm
 * @param selfdestructOnlyInSameTx EIP-6780: SELFDESTRUCT deletes only contracts created in the same
 *     transaction
 */
public record Rules(
    int maxCodeSize,
    int maxInitcodeSize,
    int maxCallDepth,
    boolean rejectEfCode,
    boolean warmCoinbase,
    boolean selfdestructOnlyInSameTx) {

  /** These rules with EIP-6780's SELFDESTRUCT switched on or off. */
  public Rules withSelfdestructOnlyInSameTx(boolean v) {
    return new Rules(maxCodeSize, maxInitcodeSize, maxCallDepth, rejectEfCode, warmCoinbase, v);
  }
}
