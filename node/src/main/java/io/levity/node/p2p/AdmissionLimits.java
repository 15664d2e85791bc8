package io.levity.node.p2p;

import java.util.Set;

/**
 * Who gets a connection when many ask: limits that keep cheap identities (node ids are free) and
 * single hosts from crowding out the peers a node needs.
 *
 * @param reservedPeers node ids admitted even when {@code maxPeers} ordinary peers are connected
 *     (the validators); connections this node dialed (its static peers) are admitted the same way
 * @param maxInboundConnections open inbound TCP connections, handshakes included; more are closed
 *     before the handshake
 * @param maxConnectionsPerIp open inbound TCP connections from one IP address; more are closed
 *     before the handshake
 */
public record AdmissionLimits(
    Set<NodeId> reservedPeers, int maxInboundConnections, int maxConnectionsPerIp) {
  /**
   * No reserved ids, 100 inbound connections, 64 from one address (a devnet of 64 nodes on loopback
   * still connects).
   */
  public static final AdmissionLimits DEFAULT = new AdmissionLimits(Set.of(), 100, 64);

  public AdmissionLimits {
    reservedPeers = Set.copyOf(reservedPeers);
    if (maxInboundConnections < 1 || maxConnectionsPerIp < 1)
      throw new IllegalArgumentException("connection limits must be positive");
  }

  /** With these node ids reserved. */
  public AdmissionLimits withReservedPeers(Set<NodeId> ids) {
    return new AdmissionLimits(ids, maxInboundConnections, maxConnectionsPerIp);
  }
}
