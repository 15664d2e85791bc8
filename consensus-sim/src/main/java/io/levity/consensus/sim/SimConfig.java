package io.levity.consensus.sim;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One simulation's parameters. Faults (crashes, partitions, drops, latency spikes) happen during
 * the chaos phase, which lasts until the highest honest round reaches {@code rounds / 2} (or the
 * time that would take at one round per base timeout). Then the network stabilises (GST):
 * partitions heal, crashed nodes restart, drops and spikes stop, latency is bounded. The run ends
 * when the highest honest round reaches {@code rounds} and commits have resumed.
 *
 * <p>Start from {@link #of} and change what differs with {@link #with}: {@code SimConfig.of(4,
 * 1).with(b -> b.rounds = 80)}.
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
 * @param safetyFault a deliberate bug in the nodes' safety rules, to test the checkers
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
    SafetyFault safetyFault,
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

    /** One message's delay, drawn from {@code rng}; {@code stable} after GST. */
    long delay(RandomGenerator rng, boolean stable) {
      long d = baseMillis + (long) (-meanMillis * Math.log(1 - rng.nextDouble()));
      if (stable) return Math.min(d, gstCapMillis);
      if (rng.nextDouble() < spikeRate) d += rng.nextLong(spikeMaxMillis + 1);
      return d;
    }
  }

  public SimConfig {
    if (validators < 1 || byzantine < 0 || (3L * byzantine >= validators && byzantine > 0)) {
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
    return builder(validators, byzantine).build();
  }

  /** The parameters of {@link #of}, to change before {@link Builder#build}. */
  public static Builder builder(int validators, int byzantine) {
    return new Builder(validators, byzantine);
  }

  /** This configuration with what {@code edit} changes in a copy of its parameters. */
  public SimConfig with(Consumer<Builder> edit) {
    Builder b = new Builder(this);
    edit.accept(b);
    return b.build();
  }

  public int effectiveLivenessRounds() {
    return livenessRounds > 0 ? livenessRounds : 2 * validators + 10;
  }

  /**
   * The parameters of a {@link SimConfig} before {@link #build} checks them; see the record for
   * their meaning. Plain fields, since each is set by one assignment: {@code b -> b.rounds = 80}.
   */
  public static final class Builder {
    public int validators;
    public int byzantine;
    public long rounds = 120;
    public boolean crashes = true;
    public boolean partitions = true;
    public double dropRate = 0.02;
    public double duplicateRate = 0.01;
    public Crypto crypto = Crypto.FAST;
    public Set<Behaviour> behaviours = Set.of();
    public SafetyFault safetyFault = SafetyFault.NONE;
    public boolean forgetSafetyOnRestart;
    public int livenessRounds;
    public Latency latency = Latency.DEFAULT;
    public int payloadBytes = 64;
    public long baseTimeoutMillis = 1_000;
    public long maxEvents = 50_000_000;
    public int traceLines;

    private Builder(int validators, int byzantine) {
      this.validators = validators;
      this.byzantine = byzantine;
    }

    private Builder(SimConfig c) {
      this(c.validators, c.byzantine);
      rounds = c.rounds;
      crashes = c.crashes;
      partitions = c.partitions;
      dropRate = c.dropRate;
      duplicateRate = c.duplicateRate;
      crypto = c.crypto;
      behaviours = c.behaviours;
      safetyFault = c.safetyFault;
      forgetSafetyOnRestart = c.forgetSafetyOnRestart;
      livenessRounds = c.livenessRounds;
      latency = c.latency;
      payloadBytes = c.payloadBytes;
      baseTimeoutMillis = c.baseTimeoutMillis;
      maxEvents = c.maxEvents;
      traceLines = c.traceLines;
    }

    public SimConfig build() {
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
          safetyFault,
          forgetSafetyOnRestart,
          livenessRounds,
          latency,
          payloadBytes,
          baseTimeoutMillis,
          maxEvents,
          traceLines);
    }
  }
}
