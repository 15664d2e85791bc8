package io.levity.inft;

import io.levity.core.bytes.Bytes32;
import io.levity.inft.oracle.DataStore;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.storage.layout.MerkleFile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Ciphertexts in memory, named by the storage network's file root. */
final class InMemoryDataStore implements DataStore {
  final Map<Bytes32, byte[]> files = new ConcurrentHashMap<>();

  @Override
  public Bytes32 upload(byte[] ciphertext) {
    Bytes32 root = MerkleFile.root(ciphertext);
    files.put(root, ciphertext.clone());
    return root;
  }

  @Override
  public byte[] download(Bytes32 root) {
    byte[] f = files.get(root);
    if (f == null) throw new OracleException(OracleError.DATA_NOT_STORED, "no file " + root);
    return f.clone();
  }
}
