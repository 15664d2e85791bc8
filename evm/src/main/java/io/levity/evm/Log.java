package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/** A log entry emitted by LOG0..LOG4. */
public record Log(Address address, List<Bytes32> topics, Bytes data) {
  public Log {
    topics = List.copyOf(topics);
  }
}
