package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.util.List;

/**
 * What the EVM reads from the transaction: ORIGIN, GASPRICE (the effective gas price) and BLOBHASH.
 */
public record TxContext(Address origin, UInt256 gasPrice, List<Bytes32> blobVersionedHashes) {
  public TxContext {
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
  }
}
