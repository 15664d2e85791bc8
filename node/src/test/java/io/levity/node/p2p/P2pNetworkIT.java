package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.P2pMessage.Disconnect;
import io.levity.node.p2p.P2pMessage.GetBlocks;
import io.levity.node.p2p.P2pMessage.Hello;
import io.levity.node.p2p.P2pMessage.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real networks on 127.0.0.1 ephemeral ports: handshakes, gossip, refusals, bans and reconnects.
 */
class P2pNetworkIT extends P2pNetworkFixture {
  @Test
  void ringGossipReachesEveryoneExactlyOnce() throws Exception {
    Node n0 = node(1, 0);
    Node n1 = node(2, 0, at(n0));
    Node n2 = node(3, 0, at(n1));
    Node n3 = node(4, 0, at(n2));
    n0.net().addStaticPeer(at(n3));
    List<Node> ring = List.of(n0, n1, n2, n3);
    await(
        "every node has its two ring neighbours",
        () -> ring.stream().allMatch(n -> n.net().peers().size() == 2));
    assertThat(n0.net().peers()).containsExactlyInAnyOrder(n1.net().nodeId(), n3.net().nodeId());

    // n2 is two hops from n0 and hears it from both sides: the seen-cache must stop the loop
    assertThat(n0.net().gossip(tx(1))).isTrue();
    assertThat(n0.net().gossip(tx(1))).isFalse();
    await(
        "tx1 reached the ring",
        () -> ring.stream().skip(1).allMatch(n -> n.rec().count(tx(1)) > 0));
    n0.net().gossip(tx(2)); // a fence: once tx2 is everywhere, late copies of tx1 had their chance
    await(
        "tx2 reached the ring",
        () -> ring.stream().skip(1).allMatch(n -> n.rec().count(tx(2)) > 0));
    for (Node n : ring.subList(1, 4)) {
      assertThat(n.rec().count(tx(1)))
          .as("tx1 deliveries at " + n.net().nodeId().shortHex())
          .isEqualTo(1);
    }
    assertThat(n0.rec().count(tx(1))).as("the originator never gets its own message back").isZero();
    // per message: 2 sends by n0 + 1 relay by each of the 3 others = 5 copies for 3 receivers, so
    // exactly 2 duplicates; any more would mean a node forwarded twice
    await(
        "the ring's duplicates were dropped",
        () -> ring.stream().mapToLong(n -> n.net().duplicateGossip()).sum() >= 4);
    assertThat(ring.stream().mapToLong(n -> n.net().duplicateGossip()).sum()).isEqualTo(4);
    assertThat(n2.rec().senders.get(tx(1))).isIn(n1.net().nodeId(), n3.net().nodeId());

    // broadcast goes to direct peers only; send to one peer
    Status status = new Status(5, GENESIS);
    assertThat(n1.net().broadcast(status)).isEqualTo(2);
    await(
        "neighbours got the status",
        () -> n0.rec().count(status) == 1 && n2.rec().count(status) == 1);
    assertThat(n3.rec().count(status)).isZero();
    GetBlocks get = new GetBlocks(3, 10);
    assertThat(n0.net().send(n1.net().nodeId(), get)).isTrue();
    await("n1 got the request", () -> n1.rec().count(get) == 1);
    assertThat(n1.rec().senders.get(get)).isEqualTo(n0.net().nodeId());
    assertThat(n0.net().send(n2.net().nodeId(), get)).as("not a direct peer").isFalse();
  }

  @Test
  void peersOnAnotherChainOrGenesisAreRefused() throws Exception {
    Node n0 = node(1, 0);
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      P2pMessage reply = raw.handshake(HandshakeTest.key(9), CHAIN + 1, GENESIS);
      assertThat(reply).isEqualTo(new Disconnect(DisconnectReason.WRONG_CHAIN));
      assertThat(raw.closedByPeer()).isTrue();
    }
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      P2pMessage reply = raw.handshake(HandshakeTest.key(9), CHAIN, Bytes32.ZERO);
      assertThat(reply).isEqualTo(new Disconnect(DisconnectReason.WRONG_GENESIS));
    }
    // a real node on another chain never gets in either way
    Ed25519.KeyPair other = HandshakeTest.key(8);
    P2pNetwork wrong =
        new P2pNetwork(
            P2pConfig.defaults(CHAIN + 1, GENESIS).withPort(0).withStaticPeers(List.of(at(n0))),
            other,
            new Recorder());
    started.add(wrong);
    wrong.start();
    Node n1 = node(2, 0, at(n0));
    await("the right node connects", () -> n0.net().isConnected(n1.net().nodeId()));
    assertThat(n0.net().peers()).containsExactly(n1.net().nodeId());
    assertThat(wrong.peers()).isEmpty();
  }

  @Test
  void aPeerSendingGarbageIsDisconnectedAndBanned() throws Exception {
    Node n0 = node(1, 0);
    int maxFrame = MessageLimits.DEFAULT_MAX_FRAME_BYTES;

    // before the handshake: an oversized length prefix just closes the connection
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      raw.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
      assertThat(raw.closedByPeer()).isTrue();
    }

    // after the handshake: an oversized frame bans the node id
    Ed25519.KeyPair bad = HandshakeTest.key(20);
    NodeId badId = NodeId.of(bad);
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      assertThat(raw.handshake(bad, CHAIN, GENESIS)).isNull();
      await("the raw peer is admitted", () -> n0.net().isConnected(badId));
      raw.sendRaw(
          new byte[] {
            (byte) ((maxFrame + 1) >>> 24),
            (byte) ((maxFrame + 1) >>> 16),
            (byte) ((maxFrame + 1) >>> 8),
            (byte) (maxFrame + 1)
          });
      assertThat(raw.read()).isEqualTo(new Disconnect(DisconnectReason.BANNED));
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertThat(n0.net().isBanned(badId)).isTrue();
    await("the banned peer is dropped", () -> !n0.net().isConnected(badId));
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      // refused on its Hello, before either side signs
      assertThat(raw.handshake(bad, CHAIN, GENESIS))
          .isEqualTo(new Disconnect(DisconnectReason.BANNED));
      assertThat(raw.closedByPeer()).isTrue();
    }

    // garbage inside a well-formed frame: unknown type, then malformed RLP
    Ed25519.KeyPair junk = HandshakeTest.key(21);
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      assertThat(raw.handshake(junk, CHAIN, GENESIS)).isNull();
      await("the junk peer is admitted", () -> n0.net().isConnected(NodeId.of(junk)));
      raw.sendFrame(new byte[] {0x66, (byte) 0xc0});
      assertThat(raw.read()).isEqualTo(new Disconnect(DisconnectReason.BANNED));
    }
    assertThat(n0.net().isBanned(NodeId.of(junk))).isTrue();

    // a Hello after the handshake costs 50: disconnected, not yet banned
    Ed25519.KeyPair rude = HandshakeTest.key(22);
    try (RawPeer raw = new RawPeer(n0.net().port())) {
      assertThat(raw.handshake(rude, CHAIN, GENESIS)).isNull();
      await("the rude peer is admitted", () -> n0.net().isConnected(NodeId.of(rude)));
      raw.send(new Hello(1, CHAIN, GENESIS, NodeId.of(rude), GENESIS, 1));
      assertThat(raw.read()).isEqualTo(new Disconnect(DisconnectReason.BAD_MESSAGE));
    }
    assertThat(n0.net().isBanned(NodeId.of(rude))).isFalse();
    assertThat(n0.net().score(NodeId.of(rude))).isEqualTo(-50);
  }

  @Test
  void upperLayersPenalizeUntilBan() throws Exception {
    Node n0 = node(1, 0);
    Node n1 = node(2, 0, at(n0));
    NodeId id1 = n1.net().nodeId();
    await("connected", () -> n0.net().isConnected(id1));
    for (int i = 0; i < 3; i++) n0.net().penalize(id1, Misbehavior.INVALID_DATA);
    assertThat(n0.net().isConnected(id1)).isTrue();
    n0.net().penalize(id1, Misbehavior.INVALID_DATA);
    assertThat(n0.net().isBanned(id1)).isTrue();
    await(
        "n1 is dropped on both sides",
        () -> !n0.net().isConnected(id1) && n1.net().peers().isEmpty());
    // n1 keeps redialing with backoff, and n0 keeps refusing it before the handshake completes on
    // either side
    assertThat(n1.rec().messages).isEmpty();
    assertThat(n0.net().isConnected(id1)).isFalse();
  }

  @Test
  void reconnectsAfterAPeerRestarts() throws Exception {
    Node n0 = node(1, 0);
    int port = n0.net().port();
    Node n1 = node(2, 0, at(n0));
    await("connected", () -> n1.net().isConnected(n0.net().nodeId()));
    n0.net().close();
    await("n1 notices", () -> n1.net().peers().isEmpty());

    Node again = node(1, port);
    assertThat(again.net().nodeId()).isEqualTo(n0.net().nodeId());
    await(
        "n1 redials the restarted node",
        () ->
            n1.net().isConnected(again.net().nodeId())
                && again.net().isConnected(n1.net().nodeId()));
    again.net().gossip(tx(7));
    await("gossip flows again", () -> n1.rec().count(tx(7)) == 1);
  }

  @Test
  void twoNodesDialingEachOtherKeepOneConnection() throws Exception {
    int portA = freePortHint();
    Node b = node(2, 0, new PeerAddress("127.0.0.1", portA));
    Node a = node(1, portA, at(b));
    await(
        "one connection each way collapsed to one",
        () ->
            a.net().isConnected(b.net().nodeId())
                && b.net().isConnected(a.net().nodeId())
                && a.net().openConnections() == 1
                && b.net().openConnections() == 1);
    a.net().gossip(tx(3));
    b.net().gossip(tx(4));
    await("messages cross", () -> b.rec().count(tx(3)) == 1 && a.rec().count(tx(4)) == 1);
  }

  @Test
  void aNodeListingItselfDoesNotConnect() throws Exception {
    int port = freePortHint();
    Node self = node(1, port, new PeerAddress("127.0.0.1", port));
    Node other = node(2, 0, at(self));
    await("the other node connects", () -> self.net().isConnected(other.net().nodeId()));
    assertThat(self.net().peers()).containsExactly(other.net().nodeId());
  }

  @Test
  void aSilentConnectionTimesOutInTheHandshake() throws Exception {
    P2pConfig quick =
        config(0)
            .withTimeouts(
                Duration.ofMillis(300),
                Duration.ofSeconds(1),
                Duration.ofMillis(50),
                Duration.ofMillis(400));
    P2pNetwork net = new P2pNetwork(quick, HandshakeTest.key(1), new Recorder());
    started.add(net);
    net.start();
    try (RawPeer raw = new RawPeer(net.port())) {
      assertThat(raw.read()).isInstanceOf(Hello.class);
      assertThat(raw.read()).isEqualTo(new Disconnect(DisconnectReason.TIMEOUT));
      assertThat(raw.closedByPeer()).isTrue();
    }
    await("the connection is gone", () -> net.openConnections() == 0);
  }
}
