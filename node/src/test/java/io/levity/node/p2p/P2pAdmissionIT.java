package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.node.p2p.P2pMessage.Disconnect;
import io.levity.node.p2p.P2pMessage.Hello;
import io.levity.node.p2p.P2pMessage.Transactions;
import java.io.EOFException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Admission and flow control on real sockets: reserved validator slots against Sybils, per-IP caps
 * before the handshake, consensus first under a transaction flood, and peers that never read.
 */
class P2pAdmissionIT extends P2pNetworkFixture {
  @Test
  void validatorsGetInWhileSybilsFillMaxPeers() throws Exception {
    NodeId validator = NodeId.of(HandshakeTest.key(2));
    P2pNetwork n0 =
        started(
            config(0)
                .withMaxPeers(2)
                .withAdmission(AdmissionLimits.DEFAULT.withReservedPeers(Set.of(validator))),
            1,
            new Recorder());
    List<RawPeer> sybils = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawPeer raw = new RawPeer(n0.port());
        sybils.add(raw);
        assertThat(raw.handshake(HandshakeTest.key(40 + i), CHAIN, GENESIS)).isNull();
        if (i < 2) {
          NodeId id = NodeId.of(HandshakeTest.key(40 + i));
          await("sybil " + i + " admitted", () -> n0.isConnected(id));
        } else {
          assertThat(raw.read())
              .as("a third ordinary peer is refused")
              .isEqualTo(new Disconnect(DisconnectReason.TOO_MANY_PEERS));
        }
      }
      Node v = node(2, 0, new PeerAddress("127.0.0.1", n0.port()));
      await("the validator gets in anyway", () -> n0.isConnected(v.net().nodeId()));
      assertThat(n0.peers()).hasSize(3);
    } finally {
      for (RawPeer r : sybils) r.close();
    }
  }

  @Test
  void inboundConnectionsPerIpAreCappedBeforeTheHandshake() throws Exception {
    P2pNetwork n0 =
        started(config(0).withAdmission(new AdmissionLimits(Set.of(), 100, 2)), 1, new Recorder());
    try (RawPeer a = new RawPeer(n0.port());
        RawPeer b = new RawPeer(n0.port());
        RawPeer c = new RawPeer(n0.port())) {
      assertThat(a.read()).isInstanceOf(Hello.class);
      assertThat(b.read()).isInstanceOf(Hello.class);
      assertThatThrownBy(c::read)
          .as("the third from 127.0.0.1 is closed at once, without a Hello")
          .isInstanceOfAny(EOFException.class, SocketException.class);
    }
    await("the refused connection is gone", () -> n0.openConnections() <= 2);
  }

  @Test
  void consensusMessagesGetThroughWhileTransactionsFloodTheInboundQueue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<P2pMessage> consensus = new CopyOnWriteArrayList<>();
    MessageHandler slow =
        (from, m) -> {
          if (m instanceof P2pMessage.ConsensusMessage) {
            consensus.add(m);
          } else {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    P2pNetwork n0 = started(config(0).withFlow(50, FlowLimits.DEFAULT), 1, slow);
    NodeId flooderId = NodeId.of(HandshakeTest.key(50));
    NodeId validatorId = NodeId.of(HandshakeTest.key(51));
    try (RawPeer flooder = new RawPeer(n0.port());
        RawPeer validator = new RawPeer(n0.port())) {
      assertThat(flooder.handshake(HandshakeTest.key(50), CHAIN, GENESIS)).isNull();
      assertThat(validator.handshake(HandshakeTest.key(51), CHAIN, GENESIS)).isNull();
      await("both admitted", () -> n0.isConnected(flooderId) && n0.isConnected(validatorId));
      for (int i = 0; i < 500; i++) {
        flooder.send(
            new Transactions(List.of(Bytes.wrap(new byte[] {3, (byte) i, (byte) (i >> 8)}))));
      }
      await("the flood fills the queue", () -> n0.droppedInbound() > 0);
      for (int i = 0; i < 20; i++) {
        validator.send(new P2pMessage.ConsensusMessage(Bytes.wrap(new byte[] {9, (byte) i})));
      }
      await("every consensus message is delivered", () -> consensus.size() == 20);
    } finally {
      release.countDown();
    }
    assertThat(n0.droppedInbound()).as("dropped transactions are counted").isPositive();
  }

  @Test
  void aPeerThatNeverReadsIsDisconnectedAndItsBufferStaysBounded() throws Exception {
    P2pNetwork n0 =
        started(
            config(0)
                .withFlow(
                    10_000, new FlowLimits(1000, 64 << 10, 256 << 10, Duration.ofMillis(500))),
            1,
            new Recorder());
    NodeId id = NodeId.of(HandshakeTest.key(60));
    try (RawPeer deaf = new RawPeer(n0.port(), 4096)) {
      assertThat(deaf.handshake(HandshakeTest.key(60), CHAIN, GENESIS)).isNull();
      await("admitted", () -> n0.isConnected(id));
      byte[] big = new byte[100_000];
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (int i = 0; n0.isConnected(id) && System.nanoTime() < deadline; i++) {
        big[0] = (byte) i;
        big[1] = (byte) (i >> 8);
        big[2] = (byte) (i >> 16);
        n0.gossip(new Transactions(List.of(Bytes.wrap(big.clone()))));
        if (i % 50 == 0) Thread.sleep(10);
      }
      assertThat(n0.isConnected(id)).as("a peer that never reads is dropped").isFalse();
      assertThat(n0.droppedOutbound())
          .as("messages to it were dropped, not buffered, while it was unwritable")
          .isPositive();
    }
  }
}
