package io.levity.inft.oracle;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.ProgressListener;
import io.levity.storage.client.StorageClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link DataStore} on the storage network: ciphertexts go through files in a work folder (the
 * storage client reads and writes files), deleted once done.
 */
public final class StorageDataStore implements DataStore {
  private final StorageClient client;
  private final Path workDir;

  public StorageDataStore(StorageClient client, Path workDir) {
    this.client = client;
    this.workDir = workDir;
  }

  @Override
  public Bytes32 upload(byte[] ciphertext) {
    Path file = null;
    try {
      file = Files.createTempFile(Files.createDirectories(workDir), "inft-up-", ".bin");
      Files.write(file, ciphertext);
      return client.upload(file, ProgressListener.NONE).fileRoot();
    } catch (IOException | RuntimeException e) {
      throw new OracleException(
          OracleError.STORAGE_FAILED, "storing a ciphertext failed: " + e.getMessage(), e);
    } finally {
      delete(file);
    }
  }

  @Override
  public byte[] download(Bytes32 root) {
    Path file = null;
    try {
      file = Files.createTempFile(Files.createDirectories(workDir), "inft-down-", ".bin");
      client.download(root, file, ProgressListener.NONE);
      return Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      boolean unknown = e.getMessage() != null && e.getMessage().contains("no submission");
      throw new OracleException(
          unknown ? OracleError.DATA_NOT_STORED : OracleError.STORAGE_FAILED,
          "fetching " + root + " from the storage network failed: " + e.getMessage(),
          e);
    } finally {
      delete(file);
    }
  }

  private static void delete(Path file) {
    if (file == null) return;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
