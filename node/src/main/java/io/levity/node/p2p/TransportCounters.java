package io.levity.node.p2p;

/**
 * What the transport dropped so far, for metrics: nothing is dropped silently.
 *
 * @param droppedInbound messages other than consensus messages dropped because the handler's queue
 *     was full
 * @param droppedConsensus consensus messages dropped because their peer's queue was full
 * @param droppedOutbound messages not sent because the peer read too slowly
 * @param duplicateGossip gossip copies dropped by the seen-cache
 */
public record TransportCounters(
    long droppedInbound, long droppedConsensus, long droppedOutbound, long duplicateGossip) {
  /** Nothing dropped (a transport that never drops). */
  public static final TransportCounters NONE = new TransportCounters(0, 0, 0, 0);
}
