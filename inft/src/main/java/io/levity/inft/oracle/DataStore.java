package io.levity.inft.oracle;

import io.levity.core.bytes.Bytes32;

/**
 * Where ciphertexts live, named by their storage root (the port; {@link StorageDataStore} over the
 * storage network). Failures are {@link OracleException}s ({@code DATA_NOT_STORED}, {@code
 * STORAGE_FAILED}).
 */
public interface DataStore {
  /** Stores {@code ciphertext}; returns its root. */
  Bytes32 upload(byte[] ciphertext);

  /** The verified bytes of the file with {@code root}. */
  byte[] download(Bytes32 root);
}
