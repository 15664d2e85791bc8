package io.levity.node.p2p;

import java.time.Duration;

/**
 * How much a peer can make this node hold: messages waiting for the handler, and bytes waiting to
 * be written to a peer that reads slowly or not at all.
 *
 * @param consensusQueuePerPeer consensus messages from one peer waiting for the handler; more are
 *     dropped (and counted)
 * @param writeBufferLow a connection that was unwritable becomes writable again below this many
 *     pending bytes
 * @param writeBufferHigh above this many pending bytes a connection is unwritable: further messages
 *     to that peer are dropped (and counted) instead of buffered
 * @param writeStallTimeout a connection unwritable for this long is closed
 */
public record FlowLimits(
    int consensusQueuePerPeer,
    int writeBufferLow,
    int writeBufferHigh,
    Duration writeStallTimeout) {
  /** 1000 consensus messages a peer; write buffer 1 MiB..4 MiB; stalled for 10 s: closed. */
  public static final FlowLimits DEFAULT =
      new FlowLimits(1000, 1 << 20, 4 << 20, Duration.ofSeconds(10));

  public FlowLimits {
    if (consensusQueuePerPeer < 1)
      throw new IllegalArgumentException("consensusQueuePerPeer must be positive");
    if (writeBufferLow < 1 || writeBufferHigh < writeBufferLow)
      throw new IllegalArgumentException("need 0 < writeBufferLow <= writeBufferHigh");
    if (writeStallTimeout.isNegative() || writeStallTimeout.isZero())
      throw new IllegalArgumentException("writeStallTimeout must be positive");
  }
}
