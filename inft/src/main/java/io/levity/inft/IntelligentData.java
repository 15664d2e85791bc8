package io.levity.inft;

import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * One item of an agent's private data: what it is, and the hash naming its ciphertext (the file's
 * storage root on the storage network).
 */
public record IntelligentData(String dataDescription, Bytes32 dataHash) {
  public IntelligentData {
    Objects.requireNonNull(dataDescription, "dataDescription");
    Objects.requireNonNull(dataHash, "dataHash");
  }

  /** The ABI value of the Solidity struct {@code (string,bytes32)}. */
  List<Object> abiValue() {
    return List.of(dataDescription, dataHash);
  }
}
