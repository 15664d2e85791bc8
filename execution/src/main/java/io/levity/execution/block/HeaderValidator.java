package io.levity.execution.block;

import io.levity.core.num.UInt256;

/**
 * The checks of a header against its parent that need no execution: linkage, number, time, gas, the
 * fee market and the post-merge constants. The gas limit may change freely between blocks (a chain
 * parameter on Levity, not voted by miners), so Ethereum's 1/1024 bound is not applied.
 */
public final class HeaderValidator {
  /** The smallest gas limit a block may have (as in Ethereum). */
  public static final long MIN_GAS_LIMIT = 5000;

  private HeaderValidator() {}

  /**
   * Checks a header against its parent.
   *
   * @throws InvalidBlockException naming the first rule the header breaks
   */
  public static void validate(BlockHeader parent, BlockHeader h) throws InvalidBlockException {
    require(
        h.parentHash().equals(parent.hash()),
        "parent hash " + h.parentHash() + " is not " + parent.hash());
    require(
        h.number() == parent.number() + 1,
        "number "
            + Long.toUnsignedString(h.number())
            + " does not follow "
            + Long.toUnsignedString(parent.number()));
    require(
        Long.compareUnsigned(h.timestamp(), parent.timestamp()) > 0,
        "timestamp "
            + Long.toUnsignedString(h.timestamp())
            + " is not after the parent's "
            + Long.toUnsignedString(parent.timestamp()));
    require(
        Long.compareUnsigned(h.gasLimit(), MIN_GAS_LIMIT) >= 0, "gas limit below " + MIN_GAS_LIMIT);
    require(
        Long.compareUnsigned(h.gasUsed(), h.gasLimit()) <= 0,
        "gas used "
            + Long.toUnsignedString(h.gasUsed())
            + " exceeds the gas limit "
            + Long.toUnsignedString(h.gasLimit()));
    require(
        h.extraData().size() <= BlockHeader.MAX_EXTRA_DATA,
        "extra data of " + h.extraData().size() + " bytes exceeds " + BlockHeader.MAX_EXTRA_DATA);
    require(h.isCancun(), "not a Cancun header (a field from London to Cancun is missing)");
    require(
        h.ommersHash().equals(BlockHeader.EMPTY_OMMERS_HASH),
        "ommers hash is not that of an empty list");
    require(h.difficulty().isZero(), "difficulty is not 0");
    require(h.nonce() == 0, "nonce is not 0");
    require(
        h.withdrawalsRoot().equals(BlockHeader.EMPTY_TRIE_ROOT),
        "withdrawals root is not the empty root");
    UInt256 baseFee = FeeMarket.nextBaseFee(parent);
    require(
        h.baseFeePerGas().equals(baseFee),
        "base fee " + h.baseFeePerGas() + " should be " + baseFee);
    long excess = FeeMarket.nextExcessBlobGas(parent);
    require(
        h.excessBlobGas() == excess,
        "excess blob gas "
            + Long.toUnsignedString(h.excessBlobGas())
            + " should be "
            + Long.toUnsignedString(excess));
  }

  private static void require(boolean ok, String message) throws InvalidBlockException {
    if (!ok) throw new InvalidBlockException("invalid header: " + message);
  }
}
