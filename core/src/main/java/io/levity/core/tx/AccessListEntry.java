package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * One EIP-2930 access-list entry: an address and the storage keys of it the transaction declares.
 */
public record AccessListEntry(Address address, List<Bytes32> storageKeys) {
  public AccessListEntry {
    Objects.requireNonNull(address, "address");
    storageKeys = List.copyOf(storageKeys);
  }
}
