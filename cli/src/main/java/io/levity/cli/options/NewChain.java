package io.levity.cli.options;

import io.levity.execution.block.HeaderValidator;

/**
 * The chain {@code levity devnet} and {@code levity init} create.
 *
 * @param validators size of the validator set, 1..64
 * @param chainId the EIP-155 chain id
 * @param accounts how many accounts of the dev mnemonic genesis funds, 0..1000
 * @param blockTimeMillis target block time, at least 1 ms
 * @param gasLimit the block gas limit, at least {@link HeaderValidator#MIN_GAS_LIMIT}
 */
public record NewChain(
    int validators, long chainId, int accounts, long blockTimeMillis, long gasLimit) {
  /** Ether each funded dev account holds at genesis. */
  public static final long ETHER_EACH = 10_000;

  public NewChain {
    if (validators < 1 || validators > 64)
      throw new IllegalArgumentException("--validators must be in 1..64, got " + validators);
    if (accounts < 0 || accounts > 1000)
      throw new IllegalArgumentException("--accounts must be in 0..1000, got " + accounts);
    if (blockTimeMillis < 1)
      throw new IllegalArgumentException(
          "--block-time must be at least 1 ms, got " + blockTimeMillis);
    if (gasLimit < HeaderValidator.MIN_GAS_LIMIT)
      throw new IllegalArgumentException(
          "--gas-limit must be at least " + HeaderValidator.MIN_GAS_LIMIT + ", got " + gasLimit);
  }
}
