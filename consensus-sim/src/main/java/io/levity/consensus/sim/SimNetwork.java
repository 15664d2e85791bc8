package io.levity.consensus.sim;

import java.util.random.RandomGenerator;

/**
 * The simulated network: per-message latency (base + exponential, spikes during chaos, capped after
 * GST), drops, duplicates, reordering (a consequence of independent delays) and two-sided
 * partitions. Counts every message sent.
 */
final class SimNetwork {
  /** Where messages arrive. */
  interface Receiver {
    void deliver(int to, int from, byte[] wire);
  }

  /**
   * What crossed the network: messages sent (a broadcast is n-1), their bytes, those lost to drops
   * and partitions, and those that arrived but failed to decode.
   */
  record Traffic(long messages, long bytes, long dropped, long malformed) {}

  private final SimConfig.Latency latency;
  private final double dropRate;
  private final double duplicateRate;
  private final SimEventQueue events;
  private final RandomGenerator rng;
  private final Receiver receiver;
  private boolean stable;
  private int[] side;
  private long messages;
  private long bytes;
  private long dropped;
  private long malformed;

  /**
   * Delivers to {@code receiver} through {@code events}, with the latency and rates of {@code cfg}.
   */
  SimNetwork(SimConfig cfg, SimEventQueue events, RandomGenerator rng, Receiver receiver) {
    this.latency = cfg.latency();
    this.dropRate = cfg.dropRate();
    this.duplicateRate = cfg.duplicateRate();
    this.events = events;
    this.rng = rng;
    this.receiver = receiver;
  }

  void send(int from, int to, byte[] wire, long digest) {
    messages++;
    bytes += wire.length;
    if (side != null && side[from] != side[to]) {
      dropped++;
      return;
    }
    if (!stable && rng.nextDouble() < dropRate) {
      dropped++;
      return;
    }
    schedule(from, to, wire, digest);
    if (rng.nextDouble() < duplicateRate) schedule(from, to, wire, digest);
  }

  private void schedule(int from, int to, byte[] wire, long digest) {
    events.after(
        latency.delay(rng, stable),
        SimEventQueue.Kind.DELIVER,
        to,
        digest * 31 + from,
        () -> receiver.deliver(to, from, wire));
  }

  /** Splits the nodes into two sides; messages across are lost until {@link #heal}. */
  void partition(int[] sides) {
    side = sides.clone();
  }

  void heal() {
    side = null;
  }

  boolean partitioned() {
    return side != null;
  }

  /** GST: no more drops, spikes or partitions; delays bounded. */
  void stabilise() {
    stable = true;
    side = null;
  }

  /** A message arrived that failed to decode. */
  void malformed() {
    malformed++;
  }

  Traffic traffic() {
    return new Traffic(messages, bytes, dropped, malformed);
  }
}
