package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Hello;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final Bytes32 GENESIS = Bytes32.wrap32(new byte[32]);
  private final Random random = new Random(7);

  static Ed25519.KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Ed25519.KeyPair.fromSeed(seed);
  }

  private Handshake side(Ed25519.KeyPair key, int version, long chain, Bytes32 genesis) {
    return new Handshake(key, version, chain, genesis, 30303, random);
  }

  private Handshake side(Ed25519.KeyPair key) {
    return side(key, 1, 7, GENESIS);
  }

  @Test
  void bothSidesProveTheirKeys() throws Exception {
    Handshake a = side(key(1));
    Handshake b = side(key(2));
    Auth authA = a.onHello(b.localHello());
    Auth authB = b.onHello(a.localHello());
    assertThat(a.onAuth(authB)).isEqualTo(NodeId.of(key(2)));
    assertThat(b.onAuth(authA)).isEqualTo(NodeId.of(key(1)));
    assertThat(a.localHello().nonce()).isNotEqualTo(b.localHello().nonce());
  }

  @Test
  void refusesWrongChainGenesisAndProtocol() {
    Handshake a = side(key(1));
    assertRefused(a, side(key(2), 1, 8, GENESIS).localHello(), DisconnectReason.WRONG_CHAIN);
    assertRefused(
        side(key(1)),
        side(
                key(2),
                1,
                7,
                Bytes32.wrap32(
                    new byte[] {
                      1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                      0, 0, 0, 0, 0, 0
                    }))
            .localHello(),
        DisconnectReason.WRONG_GENESIS);
    assertRefused(
        side(key(1)), side(key(2), 2, 7, GENESIS).localHello(), DisconnectReason.PROTOCOL_MISMATCH);
  }

  @Test
  void refusesItself() {
    assertRefused(side(key(1)), side(key(1)).localHello(), DisconnectReason.SELF_CONNECTION);
  }

  @Test
  void refusesAnEchoedNonce() {
    Handshake a = side(key(1));
    Hello h = a.localHello();
    Hello echo =
        new Hello(
            h.protocolVersion(), h.chainId(), h.genesisHash(), NodeId.of(key(2)), h.nonce(), 1);
    assertRefused(a, echo, DisconnectReason.BAD_AUTHENTICATION);
  }

  @Test
  void refusesAForgedOrTamperedSignature() throws Exception {
    Handshake a = side(key(1));
    Auth good = helloBothWays(a, side(key(2)));
    byte[] bad = good.signature().toArray();
    bad[5] ^= 1;
    assertBadAuthentication(a, new Auth(Bytes.wrap(bad)));
  }

  @Test
  void claimingSomeoneElsesKeyFails() throws Exception {
    // the impostor announces key 2 but can only sign with key 3
    Handshake a = side(key(1));
    Handshake impostor = side(key(3));
    Hello claimed = new Hello(1, 7, GENESIS, NodeId.of(key(2)), impostor.localHello().nonce(), 1);
    a.onHello(claimed);
    Auth sig = new Auth(Bytes.wrap(key(3).sign(Handshake.transcript(claimed, a.localHello()))));
    assertThatThrownBy(() -> a.onAuth(sig)).isInstanceOf(HandshakeException.class);
  }

  @Test
  void aSignatureFromAnotherSessionDoesNotVerify() throws Exception {
    Handshake a1 = side(key(1));
    Handshake b = side(key(2));
    Auth recorded = helloBothWays(a1, b);
    // replay b's hello and signature to a fresh session of a: a's nonce differs, so the transcript
    // differs
    Handshake a2 = side(key(1));
    a2.onHello(b.localHello());
    assertBadAuthentication(a2, recorded);
  }

  @Test
  void aReflectedSignatureDoesNotVerify() throws Exception {
    // a's own Auth sent back to a (as if from b) must fail: the transcript order binds the signer's
    // role
    Handshake a = side(key(1));
    Handshake b = side(key(2));
    Auth fromA = a.onHello(b.localHello());
    assertThatThrownBy(() -> a.onAuth(fromA)).isInstanceOf(HandshakeException.class);
  }

  @Test
  void messagesOutOfOrderAreRefused() throws Exception {
    Handshake a = side(key(1));
    Handshake b = side(key(2));
    assertThatThrownBy(() -> a.onAuth(new Auth(Bytes.wrap(new byte[64]))))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.BAD_MESSAGE));
    a.onHello(b.localHello());
    assertThatThrownBy(() -> a.onHello(b.localHello()))
        .isInstanceOf(HandshakeException.class)
        .hasMessageContaining("second Hello");
  }

  private static void assertRefused(Handshake local, Hello remote, DisconnectReason reason) {
    assertThatThrownBy(() -> local.onHello(remote))
        .isInstanceOfSatisfying(
            HandshakeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static void assertBadAuthentication(Handshake side, Auth auth) {
    assertThatThrownBy(() -> side.onAuth(auth))
        .isInstanceOfSatisfying(
            HandshakeException.class,
            e -> assertThat(e.reason()).isEqualTo(DisconnectReason.BAD_AUTHENTICATION));
  }

  /** The two sides exchange Hellos; returns the Auth {@code b} answers {@code a}'s Hello with. */
  private static Auth helloBothWays(Handshake a, Handshake b) throws HandshakeException {
    a.onHello(b.localHello());
    return b.onHello(a.localHello());
  }
}
