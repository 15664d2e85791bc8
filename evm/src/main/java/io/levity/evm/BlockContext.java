package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;

/**
 * What the EVM reads from the block being built or imported.
 *
 * @param number block number (unsigned)
 * @param timestamp seconds (unsigned)
 * @param prevRandao the beacon randomness (PREVRANDAO, EIP-4399)
 * @param blobBaseFee per-blob-gas price derived from the excess blob gas (EIP-4844, read by
 *     BLOBBASEFEE)
 * @param blockHashes hashes of earlier blocks; the EVM only asks for the 256 most recent
 */
public record BlockContext(
    Address coinbase,
    long number,
    long timestamp,
    long gasLimit,
    Bytes32 prevRandao,
    UInt256 baseFee,
    UInt256 blobBaseFee,
    long chainId,
    BlockHashLookup blockHashes) {

  /** Hash of an earlier block by number; may return null or zero for an unknown block. */
  @FunctionalInterface
  public interface BlockHashLookup {
    Bytes32 hash(long number);
  }
}
