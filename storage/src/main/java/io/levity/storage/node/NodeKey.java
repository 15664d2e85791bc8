package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A storage node's identity: an Ed25519 key kept in {@code DATA/node.key} (the 32-byte seed in hex,
 * owner-only permissions where the file system has them), created on first start. The node id is
 * the public key.
 */
public final class NodeKey {
  static final String FILE = "node.key";

  private final Ed25519.KeyPair keys;

  private NodeKey(Ed25519.KeyPair keys) {
    this.keys = keys;
  }

  /** Loads the key of {@code dataDir}, creating (durably) a random one when there is none. */
  public static NodeKey loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
      byte[] seed;
      try {
        seed = Hex.decode(hex);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " is not a hex Ed25519 seed: " + e.getMessage(), e);
      }
      if (seed.length != Ed25519.SECRET_KEY_SIZE)
        throw new IOException(file + " must hold a 32-byte seed in hex");
      return new NodeKey(Ed25519.KeyPair.fromSeed(seed));
    }
    Files.createDirectories(dataDir);
    Ed25519.KeyPair keys = Ed25519.KeyPair.random(new SecureRandom());
    StorageFiles.replaceDurably(
        file, (Hex.encode(keys.secretKey()) + "\n").getBytes(StandardCharsets.US_ASCII), true);
    return new NodeKey(keys);
  }

  /** The node id: the Ed25519 public key. */
  public Bytes32 nodeId() {
    return Bytes32.of32(keys.publicKey());
  }

  /** The key pair, for signing proof-of-storage answers. */
  public Ed25519.KeyPair keyPair() {
    return keys;
  }
}
