package io.levity.consensus.sim;

import java.util.random.RandomGenerator;

/**
 * The simulated network: per-message latency (base + exponential, spikes during chaos, capped after
 * GST), drops, duplicates, reordering (a consequence of independent delays) and two-sided
 * partitions. Counts every message sent.
 */
final class SimNetwork {
  interface Receiver {
    void deliver(int to, int from, byte[] wire);
  }

  private final Scheduler scheduler;
  private final RandomGenerator rng;
  private final SimConfig cfg;
  private final Receiver receiver;
  private boolean stable;
  private int[] side;
  private long messages;
  private long bytes;
  private long dropped;

  SimNetwork(Scheduler scheduler, RandomGenerator rng, SimConfig cfg, Receiver receiver) {
    this.scheduler = scheduler;
    this.rng = rng;
    this.cfg = cfg;
    this.receiver = receiver;
  }

  void send(int from, int to, byte[] wire, long digest) {
    messages++;
    bytes += wire.length;
    if (side != null && side[from] != side[to]) {
      dropped++;
      return;
    }
    if (!stable && rng.nextDouble() < cfg.dropRate()) {
      dropped++;
      return;
    }
    schedule(from, to, wire, digest);
    if (rng.nextDouble() < cfg.duplicateRate()) schedule(from, to, wire, digest);
  }

  private void schedule(int from, int to, byte[] wire, long digest) {
    scheduler.after(
        delay(),
        Scheduler.Kind.DELIVER,
        to,
        digest * 31 + from,
        () -> receiver.deliver(to, from, wire));
  }

  private long delay() {
    SimConfig.Latency l = cfg.latency();
    long d = l.baseMillis() + (long) (-l.meanMillis() * Math.log(1 - rng.nextDouble()));
    if (stable) return Math.min(d, l.gstCapMillis());
    if (rng.nextDouble() < l.spikeRate()) d += rng.nextLong(l.spikeMaxMillis() + 1);
    return d;
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

  long messages() {
    return messages;
  }

  long bytes() {
    return bytes;
  }

  long dropped() {
    return dropped;
  }
}
