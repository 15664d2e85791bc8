package io.levity.node.p2p;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open inbound TCP connections, in total and per remote IP, so that a new one over either
 * cap is closed at accept, before the node spends a handshake (and a signature) on it. Thread-safe.
 */
final class InboundSlots {
  private final int maxInbound;
  private final int maxPerIp;
  private final Map<InetAddress, Integer> perIp = new HashMap<>();
  private int open;

  InboundSlots(AdmissionLimits limits) {
    this.maxInbound = limits.maxInboundConnections();
    this.maxPerIp = limits.maxConnectionsPerIp();
  }

  /** Takes a slot for a connection from {@code ip}; false (and nothing taken) when full. */
  synchronized boolean tryAcquire(InetAddress ip) {
    int fromIp = perIp.getOrDefault(ip, 0);
    if (open >= maxInbound || fromIp >= maxPerIp) return false;
    open++;
    perIp.put(ip, fromIp + 1);
    return true;
  }

  /** Gives back the slot of a closed connection from {@code ip}. */
  synchronized void release(InetAddress ip) {
    open--;
    perIp.computeIfPresent(ip, (k, n) -> n == 1 ? null : n - 1);
  }
}
