package io.levity.node.runtime;

import io.levity.core.time.TimeSource;
import io.levity.node.metrics.NodeMetrics;
import io.levity.node.p2p.TransportCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node runtime's metrics in a {@link NodeMetrics} registry: commits, synced blocks, block
 * interval and commit latency (measured with the injected {@link TimeSource}), and gauges read at
 * scrape time. The recording methods are called from the consensus thread only.
 */
final class RuntimeMetrics {
  private final NodeMetrics registry = new NodeMetrics();
  private final TimeSource time;
  private final NodeMetrics.Counter committedBlocks =
      registry.counter(
          "levity_committed_blocks_total", "Blocks committed by consensus and executed.");
  private final NodeMetrics.Counter committedTxs =
      registry.counter(
          "levity_committed_transactions_total",
          "Transactions in committed blocks (rate() gives tx/s).");
  private final NodeMetrics.Counter syncedBlocks =
      registry.counter(
          "levity_synced_blocks_total", "Committed blocks fetched from peers and executed.");
  private final NodeMetrics.Counter oversizePayloads =
      registry.counter(
          "levity_consensus_oversize_payloads_total",
          "Payloads this leader built over the engine's size limit (a bug: the round was lost).");
  private final NodeMetrics.Counter equivocations =
      registry.counter(
          "levity_consensus_equivocations_total",
          "Equivocations caught since start (two signed proposals or votes of one validator for one round).");
  private final NodeMetrics.Summary blockInterval =
      registry.summary(
          "levity_block_interval_seconds", "Wall time between consecutive commits on this node.");
  private final NodeMetrics.Summary commitLatency =
      registry.summary(
          "levity_commit_latency_seconds",
          "Wall time from this node's first sight of a proposal (or its own payload request) to its commit.");

  /** When this node first saw each round not committed yet. */
  private final Map<Long, Long> firstSeenNanos = new HashMap<>();

  private long lastCommitNanos;

  RuntimeMetrics(TimeSource time) {
    this.time = time;
  }

  /** What the gauges read. */
  record Gauges(
      LongSupplier height,
      LongSupplier round,
      LongSupplier mempoolSize,
      LongSupplier peers,
      BooleanSupplier syncing,
      Supplier<TransportCounters> transport,
      LongSupplier evidence) {}

  /** Registers the gauges (once, at start-up). */
  void register(Gauges g) {
    registry.gauge("levity_chain_height", "Number of the head block.", g.height());
    registry.gauge("levity_consensus_round", "Current consensus round.", g.round());
    registry.gauge(
        "levity_mempool_transactions", "Transactions waiting in the mempool.", g.mempoolSize());
    registry.gauge("levity_p2p_peers", "Connected peers.", g.peers());
    registry.gauge(
        "levity_syncing",
        "1 while the node fetches blocks it is missing, else 0.",
        () -> g.syncing().getAsBoolean() ? 1 : 0);
    registry.gauge(
        "levity_p2p_dropped_inbound_total",
        "Messages from peers (not consensus) dropped because the handler's queue was full.",
        () -> g.transport().get().droppedInbound());
    registry.gauge(
        "levity_p2p_dropped_consensus_total",
        "Consensus messages from peers dropped because their peer's queue was full.",
        () -> g.transport().get().droppedConsensus());
    registry.gauge(
        "levity_p2p_dropped_outbound_total",
        "Messages not sent because the peer read too slowly.",
        () -> g.transport().get().droppedOutbound());
    registry.gauge(
        "levity_consensus_equivocation_evidence",
        "Equivocation cases kept on disk (they survive restarts).",
        g.evidence());
  }

  NodeMetrics registry() {
    return registry;
  }

  /** The engine is in {@code round}: the commit latency of that round counts from now. */
  void roundSeen(long round) {
    firstSeenNanos.putIfAbsent(round, time.nanoTime());
  }

  /** Consensus committed the block of {@code round}; observed before it is executed. */
  void committing(long round) {
    long now = time.nanoTime();
    Long seen = firstSeenNanos.get(round);
    if (seen != null) commitLatency.observe((now - seen) / 1e9);
    firstSeenNanos.keySet().removeIf(r -> r <= round);
    if (lastCommitNanos != 0) blockInterval.observe((now - lastCommitNanos) / 1e9);
    lastCommitNanos = now;
  }

  /** A committed block with {@code transactions} was executed and stored. */
  void committed(int transactions) {
    committedBlocks.add(1);
    committedTxs.add(transactions);
  }

  /** The engine refused a payload this node built as too large. */
  void oversizePayload() {
    oversizePayloads.add(1);
  }

  /** The engine caught a validator equivocating. */
  void equivocation() {
    equivocations.add(1);
  }

  /** A block fetched by sync with {@code transactions} was executed and stored. */
  void synced(int transactions) {
    syncedBlocks.add(1);
    committedTxs.add(transactions);
  }
}
