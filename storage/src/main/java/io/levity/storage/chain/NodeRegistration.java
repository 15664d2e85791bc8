package io.levity.storage.chain;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The proof that a node registration comes from whoever holds the node's key: the node key's
 * Ed25519 signature over {@code keccak256("levity-storage-registration" ‖ uint256 chainId ‖
 * registry ‖ account ‖ nodeId ‖ keccak256(endpoint))} (Solidity's {@code abi.encodePacked}: the
 * domain's 27 ASCII bytes, a 32-byte word, two 20-byte addresses, two 32-byte words). It binds the
 * chain, the registry, the account sending the registration, the id and the endpoint, so a
 * signature copied from the mempool registers nothing for another account or another endpoint. The
 * StorageRegistry contract computes the same digest ({@code registrationDigest}) and checks the
 * signature with Levity's Ed25519 precompile; the in-memory and file chains check it here.
 */
public final class NodeRegistration {
  /** The domain string that starts every digest. */
  public static final String DOMAIN = "levity-storage-registration";

  private NodeRegistration() {}

  /** The digest the node's key signs to let {@code account} register {@code node}. */
  public static Bytes32 digest(
      long chainId, Address registry, Address account, StorageNodeRecord node) {
    byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(domain.length + 32 + 20 + 20 + 32 + 32);
    b.put(domain);
    b.put(new byte[24]).putLong(chainId); // uint256, big-endian
    b.put(registry.unsafeArray());
    b.put(account.unsafeArray());
    b.put(node.nodeId().unsafeArray());
    b.put(Keccak.hash(node.endpoint().getBytes(StandardCharsets.UTF_8)).unsafeArray());
    return Keccak.hash(b.array());
  }

  /**
   * The digest of the in-memory and file chains, which have no chain id, registry address or
   * accounts: zero for all three, binding the id and the endpoint.
   */
  public static Bytes32 localDigest(StorageNodeRecord node) {
    return digest(0, Address.ZERO, Address.ZERO, node);
  }

  /** The node key's signature of {@code digest} (64 bytes). */
  public static Bytes sign(Ed25519.KeyPair nodeKey, Bytes32 digest) {
    return Bytes.wrap(nodeKey.sign(digest.toArray()));
  }

  /** True when {@code signature} is {@code node}'s key's Ed25519 signature of {@code digest}. */
  public static boolean verify(Bytes32 digest, Bytes32 nodeId, Bytes signature) {
    if (signature.size() != Ed25519.SIGNATURE_SIZE) return false;
    try {
      return Ed25519.verify(nodeId.toArray(), digest.toArray(), signature.toArray());
    } catch (RuntimeException malformed) {
      return false; // an id that is not a curve point
    }
  }

  /**
   * Throws {@link IllegalArgumentException} unless {@code signature} is {@code node}'s key's
   * signature of {@code digest}: the same refusal as the registry's "bad node signature".
   */
  public static void check(Bytes32 digest, StorageNodeRecord node, Bytes signature) {
    if (!verify(digest, node.nodeId(), signature))
      throw new IllegalArgumentException(
          "bad node signature: registering node "
              + node.nodeId()
              + " needs its key's signature of "
              + digest);
  }
}
