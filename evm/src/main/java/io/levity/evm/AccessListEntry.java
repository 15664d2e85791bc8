package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/** One EIP-2930 access list entry: an address and storage keys to start warm. */
public record AccessListEntry(Address address, List<Bytes32> storageKeys) {
  public AccessListEntry {
    storageKeys = List.copyOf(storageKeys);
  }
}
