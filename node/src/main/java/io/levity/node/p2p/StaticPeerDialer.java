package io.levity.node.p2p;

import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one static peer connected: dials, and after a failed dial or a lost connection dials again
 * after a delay that doubles per failure from {@code reconnectMin} up to {@code reconnectMax}, plus
 * up to 20% random jitter. It stays idle while the peer (known by id after the first handshake) is
 * connected the other way round, and is poked when that connection ends.
 */
final class StaticPeerDialer {
  private static final Logger LOG = LoggerFactory.getLogger(StaticPeerDialer.class);

  private final PeerAddress address;
  private final P2pNetwork network;
  private final EventExecutor scheduler;
  private int failures;
  private boolean dialing;
  private boolean stopped;
  private ScheduledFuture<?> pending;
  private volatile NodeId knownId;

  /** A dialer of {@code address} for {@code network}, timing its attempts on {@code scheduler}. */
  StaticPeerDialer(PeerAddress address, P2pNetwork network, EventExecutor scheduler) {
    this.address = address;
    this.network = network;
    this.scheduler = scheduler;
  }

  PeerAddress address() {
    return address;
  }

  NodeId knownId() {
    return knownId;
  }

  synchronized void dialNow() {
    if (stopped || dialing) return;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
    NodeId id = knownId;
    if (id != null && network.isConnected(id)) return; // poked again when that connection ends
    dialing = true;
    ChannelFuture f;
    try {
      f = network.dial(address, this);
    } catch (RuntimeException e) { // the event loop is shutting down
      LOG.debug("cannot dial {}: {}", address, e.toString());
      dialing = false;
      return;
    }
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            LOG.debug("dialing {} failed: {}", address, String.valueOf(done.cause()));
            closed();
          }
        });
  }

  /** The peer at this address proved it is {@code id}. */
  void identified(NodeId id) {
    knownId = id;
  }

  /** The connection passed the handshake and was registered. */
  synchronized void admitted() {
    failures = 0;
  }

  /** The dial failed or the connection closed: schedule the next attempt. */
  synchronized void closed() {
    dialing = false;
    if (stopped) return;
    Duration min = network.config().reconnectMin();
    Duration max = network.config().reconnectMax();
    long base = Math.min(max.toMillis(), min.toMillis() << Math.min(failures, 20));
    failures++;
    long delay = base + network.random().nextLong(base / 5 + 1);
    pending = scheduler.schedule(this::dialNow, delay, TimeUnit.MILLISECONDS);
  }

  /** The peer's connection (either direction) ended; reconnect soon if this dialer is idle. */
  synchronized void peerGone() {
    if (stopped || dialing) return;
    if (pending != null) pending.cancel(false);
    pending =
        scheduler.schedule(
            this::dialNow, network.config().reconnectMin().toMillis(), TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    stopped = true;
    if (pending != null) pending.cancel(false);
  }
}
