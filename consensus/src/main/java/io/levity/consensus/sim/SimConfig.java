package io.levity.consensus.sim;

import io.levity.consensus.safety.UnsafeFault;
import java.util.EnumSet;
import java.util.Set;

/**
 * One simulation's parameters. Faults (crashes, partitions, drops, latency spikes) happen during
 * the chaos phase, which lasts until the highest honest round reaches {@code rounds / 2} (or the
 * time that would take at one round per base timeout). Then the network stabilises (GST):
 * partitions heal, crashed nodes restart, drops and spikes stop, latency is bounded. The run ends
 * when the highest honest round reaches {@code rounds} and commits have resumed.
 *
 * @param validators n
 * @param byzantine how many validators are Byzantine (equal power each)
 * @param rounds length of the run in rounds
 * @param crashes crash and restart honest nodes during chaos
 * @param partitions split the network in two during chaos
 * @param dropRate chance that a message is lost during chaos
 * @param duplicateRate chance that a message is delivered twice (whole run)
 * @param crypto signature scheme
 * @param behaviours what Byzantine nodes do; empty picks a random non-empty subset per node
 * @param unsafeFault a deliberate bug in honest nodes, to test the checkers
 * @param forgetSafetyOnRestart honest nodes lose their safety store on restart (a deliberate bug)
 * @param livenessRounds after GST every honest node must commit a new block within this many rounds
 *     (0: 2n + 10)
 * @param latency network delays
 * @param payloadBytes payload size of each proposal
 * @param baseTimeoutMillis the engine's round timeout after a QC
 * @param maxEvents safety valve on the number of scheduled tasks
 * @param traceLines keep this many trace lines as text (0 for none)
 */
public record SimConfig(
    int validators,
    int byzantine,
    long rounds,
    boolean crashes,
    boolean partitions,
    double dropRate,
    double duplicateRate,
    Crypto crypto,
    Set<Behaviour> behaviours,
    UnsafeFault unsafeFault,
    boolean forgetSafetyOnRestart,
    int livenessRounds,
    Latency latency,
    int payloadBytes,
    long baseTimeoutMillis,
    long maxEvents,
    int traceLines) {

  /**
   * The signature scheme: real Ed25519, or a fast keyed hash that stands in for it when speed
   * matters.
   */
  public enum Crypto {
    ED25519,
    FAST
  }

  /**
   * Delay of one message: {@code baseMillis} plus an exponential with mean {@code meanMillis};
   * during chaos, with probability {@code spikeRate}, a spike up to {@code spikeMaxMillis}; after
   * GST at most {@code gstCapMillis}.
   */
  public record Latency(
      long baseMillis,
      double meanMillis,
      double spikeRate,
      long spikeMaxMillis,
      long gstCapMillis) {
    public static final Latency DEFAULT = new Latency(5, 20, 0.03, 1_500, 150);
  }

  public SimConfig {
    if (validators < 1 || byzantine < 0 || 3L * byzantine >= validators && byzantine > 0) {
      throw new IllegalArgumentException(
          "need n >= 1 and f < n/3, got n=" + validators + " f=" + byzantine);
    }
    if (rounds < 4)
      throw new IllegalArgumentException("a run needs at least 4 rounds, got " + rounds);
    if (dropRate < 0 || dropRate >= 1 || duplicateRate < 0 || duplicateRate >= 1) {
      throw new IllegalArgumentException(
          "rates must be in [0, 1): drop " + dropRate + " duplicate " + duplicateRate);
    }
    behaviours = behaviours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(behaviours));
  }

  /** n validators, f of them Byzantine, every fault on, fast crypto. */
  public static SimConfig of(int validators, int byzantine) {
    return new SimConfig(
        validators,
        byzantine,
        120,
        true,
        true,
        0.02,
        0.01,
        Crypto.FAST,
        Set.of(),
        UnsafeFault.NONE,
        false,
        0,
        Latency.DEFAULT,
        64,
        1_000,
        50_000_000,
        0);
  }

  public int effectiveLivenessRounds() {
    return livenessRounds > 0 ? livenessRounds : 2 * validators + 10;
  }

  public SimConfig withRounds(long r) {
    return new SimConfig(
        validators,
        byzantine,
        r,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withFaults(boolean crash, boolean partition, double drop, double duplicate) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crash,
        partition,
        drop,
        duplicate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withCrypto(Crypto c) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        c,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withBehaviours(Set<Behaviour> b) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        b,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withUnsafeFault(UnsafeFault u) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        u,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withForgetSafetyOnRestart(boolean forget) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forget,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withLivenessRounds(int l) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        l,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withLatency(Latency l) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        l,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withPayloadBytes(int p) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        p,
        baseTimeoutMillis,
        maxEvents,
        traceLines);
  }

  public SimConfig withTraceLines(int t) {
    return new SimConfig(
        validators,
        byzantine,
        rounds,
        crashes,
        partitions,
        dropRate,
        duplicateRate,
        crypto,
        behaviours,
        unsafeFault,
        forgetSafetyOnRestart,
        livenessRounds,
        latency,
        payloadBytes,
        baseTimeoutMillis,
        maxEvents,
        t);
  }
}
