package io.levity.node.mempool;

import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;

/** The account state the mempool needs: read at the latest committed block. */
public interface AccountReader {
  long nonce(Address address);

  UInt256 balance(Address address);
}
