package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.Hkdf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * {@link OracleKeystore} in RocksDB, written with fsync. Data keys are stored wrapped (AES-256-GCM
 * under a key the oracle derives from its own secret, the root as associated data), so a copy of
 * the database alone reads nothing and a key cannot be moved to another root.
 */
public final class RocksDbOracleKeystore implements OracleKeystore {
  private static final byte KEY = 'k';
  private static final byte NONCE = 'n';

  private final RocksDB db;
  private final Options options;
  private final WriteOptions sync = new WriteOptions().setSync(true);
  private final byte[] wrapKey;
  private final Aead aead;

  private RocksDbOracleKeystore(RocksDB db, Options options, byte[] wrapKey, SecureRandom random) {
    this.db = db;
    this.options = options;
    this.wrapKey = wrapKey.clone();
    this.aead = new Aead(random);
  }

  /**
   * The wrap key of an oracle: HKDF-SHA256 of its signing key, so a restart reads its keys back.
   */
  public static byte[] wrapKeyOf(Secp256k1.KeyPair oracle) {
    return Hkdf.sha256(
        oracle.privateKey().toArray(),
        "levity.inft.keystore.v1".getBytes(StandardCharsets.US_ASCII),
        new byte[0],
        Aead.KEY_SIZE);
  }

  /** Opens (creating) the keystore in {@code dir}, wrapping keys under {@code wrapKey}. */
  public static RocksDbOracleKeystore open(Path dir, byte[] wrapKey, SecureRandom random)
      throws IOException {
    RocksDB.loadLibrary();
    Options options = new Options().setCreateIfMissing(true);
    try {
      RocksDB db = RocksDB.open(options, Files.createDirectories(dir).toString());
      return new RocksDbOracleKeystore(db, options, wrapKey, random);
    } catch (RocksDBException e) {
      options.close();
      throw new IOException("cannot open the oracle keystore in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void putKey(Bytes32 root, byte[] dataKey) {
    put(prefixed(KEY, root), aead.seal(wrapKey, dataKey, root.toArray()));
  }

  @Override
  public synchronized Optional<byte[]> key(Bytes32 root) {
    byte[] wrapped = get(prefixed(KEY, root));
    if (wrapped == null) return Optional.empty();
    try {
      return Optional.of(Aead.open(wrapKey, wrapped, root.toArray()));
    } catch (DecryptionException e) {
      throw new OracleException(
          OracleError.INTERNAL,
          "the keystore entry of " + root + " does not open: " + e.getMessage());
    }
  }

  @Override
  public synchronized boolean spendNonce(Address signer, Bytes32 nonce) {
    byte[] k = prefixed(NONCE, Bytes.concat(signer, nonce));
    if (get(k) != null) return false;
    put(k, new byte[] {1});
    return true;
  }

  private static byte[] prefixed(byte prefix, Bytes b) {
    byte[] out = new byte[1 + b.size()];
    out[0] = prefix;
    System.arraycopy(b.unsafeArray(), 0, out, 1, b.size());
    return out;
  }

  private byte[] get(byte[] k) {
    try {
      return db.get(k);
    } catch (RocksDBException e) {
      throw new OracleException(OracleError.INTERNAL, "keystore read failed: " + e.getMessage(), e);
    }
  }

  private void put(byte[] k, byte[] v) {
    try {
      db.put(sync, k, v);
    } catch (RocksDBException e) {
      throw new OracleException(
          OracleError.INTERNAL, "keystore write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    sync.close();
    db.close();
    options.close();
  }
}
