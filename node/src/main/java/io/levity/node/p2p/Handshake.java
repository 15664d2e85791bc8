package io.levity.node.p2p;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Hello;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One side of the authentication handshake, as pure logic (no I/O). Both sides send a {@link
 * Hello}; on receiving the peer's Hello each side checks it and answers with an {@link Auth}: its
 * signature over {@code DOMAIN || helloBody(own) || helloBody(peer)}. The transcript holds both
 * fresh nonces and both keys, so a signature cannot be replayed on another connection or reflected
 * back; the order (own first) binds the role. This authenticates the peer; it does not encrypt the
 * connection.
 */
public final class Handshake {
  /** Domain separation for transcript signatures; never used for any other Ed25519 message. */
  public static final byte[] DOMAIN = "levity/p2p/handshake/v1".getBytes(StandardCharsets.US_ASCII);

  private final Ed25519.KeyPair key;
  private final Hello local;
  private Hello remote;
  private NodeId authenticated;

  /**
   * @param random the source of the nonce; a {@link java.security.SecureRandom} in production
   */
  public Handshake(
      Ed25519.KeyPair key,
      int protocolVersion,
      long chainId,
      Bytes32 genesisHash,
      int listenPort,
      Random random) {
    this.key = key;
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    this.local =
        new Hello(
            protocolVersion,
            chainId,
            genesisHash,
            NodeId.of(key),
            Bytes32.wrap32(nonce),
            listenPort);
  }

  public Hello localHello() {
    return local;
  }

  /** The peer's Hello, once received. */
  public Hello remoteHello() {
    return remote;
  }

  /** Checks the peer's Hello and returns this side's Auth to send. */
  public Auth onHello(Hello hello) throws HandshakeException {
    if (remote != null)
      throw new HandshakeException(DisconnectReason.BAD_MESSAGE, "second Hello in one handshake");
    if (hello.protocolVersion() != local.protocolVersion()) {
      throw new HandshakeException(
          DisconnectReason.PROTOCOL_MISMATCH,
          "peer speaks protocol version "
              + hello.protocolVersion()
              + ", this node "
              + local.protocolVersion());
    }
    if (hello.chainId() != local.chainId()) {
      throw new HandshakeException(
          DisconnectReason.WRONG_CHAIN,
          "peer is on chain " + hello.chainId() + ", this node on " + local.chainId());
    }
    if (!hello.genesisHash().equals(local.genesisHash())) {
      throw new HandshakeException(
          DisconnectReason.WRONG_GENESIS,
          "peer genesis "
              + hello.genesisHash().toHex()
              + " differs from ours "
              + local.genesisHash().toHex());
    }
    if (hello.nodeId().equals(local.nodeId())) {
      throw new HandshakeException(DisconnectReason.SELF_CONNECTION, "connected to itself");
    }
    if (hello.nonce().equals(local.nonce())) {
      throw new HandshakeException(DisconnectReason.BAD_AUTHENTICATION, "peer echoed our nonce");
    }
    remote = hello;
    return new Auth(Bytes.wrap(key.sign(transcript(local, remote))));
  }

  /** Verifies the peer's Auth; returns its proven node id. */
  public NodeId onAuth(Auth auth) throws HandshakeException {
    if (remote == null)
      throw new HandshakeException(DisconnectReason.BAD_MESSAGE, "Auth before Hello");
    if (authenticated != null)
      throw new HandshakeException(DisconnectReason.BAD_MESSAGE, "second Auth");
    byte[] msg = transcript(remote, local);
    if (!Ed25519.verify(remote.nodeId().publicKey().toArray(), msg, auth.signature().toArray())) {
      throw new HandshakeException(
          DisconnectReason.BAD_AUTHENTICATION,
          "handshake signature does not verify for node " + remote.nodeId().shortHex());
    }
    authenticated = remote.nodeId();
    return authenticated;
  }

  /** The bytes the owner of {@code signer} signs. */
  static byte[] transcript(Hello signer, Hello peer) {
    byte[] a = P2pCodec.helloBody(signer);
    byte[] b = P2pCodec.helloBody(peer);
    byte[] out = new byte[DOMAIN.length + a.length + b.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(a, 0, out, DOMAIN.length, a.length);
    System.arraycopy(b, 0, out, DOMAIN.length + a.length, b.length);
    return out;
  }
}
