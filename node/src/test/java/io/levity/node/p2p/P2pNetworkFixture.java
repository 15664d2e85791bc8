package io.levity.node.p2p;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.P2pMessage.Transactions;
import io.levity.testing.Await;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/**
 * What the p2p socket tests share: networks on 127.0.0.1 ephemeral ports with short timeouts, a
 * recording handler that relays gossip, and cleanup after each test.
 */
abstract class P2pNetworkFixture {
  static final long CHAIN = 4242;
  static final Bytes32 GENESIS =
      Bytes32.wrap32(
          new byte[] {
            7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 9
          });
  static final Duration WAIT = Duration.ofSeconds(10);

  final List<P2pNetwork> started = new ArrayList<>();

  /** A handler that records everything and relays gossip, as the node's upper layers will. */
  static final class Recorder implements MessageHandler {
    final List<P2pMessage> messages = new CopyOnWriteArrayList<>();
    final Map<P2pMessage, AtomicInteger> counts = new ConcurrentHashMap<>();
    final Map<P2pMessage, NodeId> senders = new ConcurrentHashMap<>();
    volatile P2pNetwork network;

    @Override
    public void onMessage(NodeId from, P2pMessage message) {
      messages.add(message);
      senders.put(message, from);
      counts.computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
      if (P2pMessage.isGossip(message)) network.gossip(message);
    }

    int count(P2pMessage m) {
      AtomicInteger n = counts.get(m);
      return n == null ? 0 : n.get();
    }
  }

  record Node(P2pNetwork net, Recorder rec, Ed25519.KeyPair key) {}

  static P2pConfig config(int port) {
    return P2pConfig.defaults(CHAIN, GENESIS)
        .withPort(port)
        .withTimeouts(
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Duration.ofMillis(50),
            Duration.ofMillis(400));
  }

  Node node(int keyIndex, int port, PeerAddress... peers) throws InterruptedException {
    Ed25519.KeyPair key = HandshakeTest.key(keyIndex);
    Recorder rec = new Recorder();
    P2pNetwork net =
        new P2pNetwork(
            config(port).withStaticPeers(List.of(peers)),
            key,
            rec,
            new Random(keyIndex),
            System::nanoTime);
    rec.network = net;
    started.add(net);
    net.start();
    return new Node(net, rec, key);
  }

  static PeerAddress at(Node n) {
    return new PeerAddress("127.0.0.1", n.net().port());
  }

  @AfterEach
  void stopAll() {
    started.forEach(P2pNetwork::close);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(WAIT, what, condition);
  }

  static Transactions tx(int i) {
    return new Transactions(List.of(Bytes.wrap(new byte[] {1, 2, (byte) i})));
  }

  /** A port free right now, for a node that must be dialed before it starts. */
  static int freePortHint() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  P2pNetwork started(P2pConfig cfg, int keyIndex, MessageHandler handler)
      throws InterruptedException {
    P2pNetwork net =
        new P2pNetwork(
            // a seed no RawPeer uses: equal nonces are refused as an echo
            cfg, HandshakeTest.key(keyIndex), handler, new Random(-keyIndex), System::nanoTime);
    started.add(net);
    net.start();
    return net;
  }
}
