package io.levity.node.p2p;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;

/** A node's identity on the network: its Ed25519 public key (32 bytes). */
public record NodeId(Bytes publicKey) implements Comparable<NodeId> {
  public NodeId {
    if (publicKey.size() != Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException(
          "a node id is a 32-byte Ed25519 public key, got " + publicKey.size() + " bytes");
    }
  }

  public static NodeId of(Ed25519.KeyPair key) {
    return new NodeId(Bytes.of(key.publicKey()));
  }

  @Override
  public int compareTo(NodeId o) {
    return publicKey.compareTo(o.publicKey);
  }

  /** The first 8 bytes in hex, enough to tell peers apart in logs. */
  public String shortHex() {
    return publicKey.slice(0, 8).toHex();
  }

  @Override
  public String toString() {
    return "NodeId[" + publicKey.toHex() + "]";
  }
}
