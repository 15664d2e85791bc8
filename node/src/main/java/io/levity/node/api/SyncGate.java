package io.levity.node.api;

/**
 * Whether the node may answer from its head: one that knows it is behind its peers (at least f + 1
 * validators announce a higher block) would hand out a stale pending nonce and acknowledge
 * transactions whose nonce is already used, which are then lost. eth_getTransactionCount(pending)
 * and eth_sendRawTransaction ask first and refuse with "node is syncing, N blocks behind" when the
 * node is still behind after a short bounded wait.
 */
@FunctionalInterface
public interface SyncGate {
  /** A node that never knows better than its head (tests, a node with no peers). */
  SyncGate NEVER_BEHIND = () -> 0;

  /**
   * Waits, within the node's bound, until the node is no longer known to be behind; returns how
   * many blocks it still is (0: answer from the head).
   */
  long awaitCaughtUp();
}
