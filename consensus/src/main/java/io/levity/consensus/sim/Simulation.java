package io.levity.consensus.sim;

import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * One seeded, single-threaded, deterministic run of n validators on a simulated network and clock.
 * All randomness comes from one generator seeded by the seed, so a seed replays exactly; {@link
 * SimResult#traceHash()} proves it.
 */
public final class Simulation {
  static final long CHAIN_ID = 7;
  private static final int MAX_PAYLOAD = 64 << 10;

  private final SimConfig cfg;
  private final long seed;
  private final RandomGenerator rng;
  private final TraceHash trace;
  private final Scheduler scheduler;
  private final SimNetwork network;
  private final Checkers checkers;
  private final List<SimNode> nodes = new ArrayList<>();
  private final EngineConfig engineConfig;
  private long maxHonestRound;
  private int crashedHonest;

  public Simulation(SimConfig cfg, long seed) {
    this(cfg, seed, RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed));
  }

  /** A run driven by the given generator; everything random in the run is drawn from it. */
  public Simulation(SimConfig cfg, long seed, RandomGenerator rng) {
    this.cfg = cfg;
    this.seed = seed;
    this.rng = rng;
    this.trace = new TraceHash(cfg.traceLines());
    this.scheduler = new Scheduler(trace);
    this.network =
        new SimNetwork(scheduler, rng, cfg, (to, from, wire) -> nodes.get(to).deliver(from, wire));
    this.engineConfig =
        EngineConfig.defaults(CHAIN_ID)
            .withTimeouts(cfg.baseTimeoutMillis(), 1.5, 10 * cfg.baseTimeoutMillis())
            .withUnsafeFault(cfg.unsafeFault());
    int n = cfg.validators();
    boolean[] honest = new boolean[n];
    java.util.Arrays.fill(honest, true);
    for (int placed = 0; placed < cfg.byzantine(); ) {
      int i = rng.nextInt(n);
      if (honest[i]) {
        honest[i] = false;
        placed++;
      }
    }
    this.checkers = new Checkers(n, honest);
    SignatureScheme scheme =
        cfg.crypto() == SimConfig.Crypto.ED25519
            ? Ed25519Scheme.INSTANCE
            : new FastSimulatedSignatures();
    List<Signer> signers = new ArrayList<>();
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seedBytes = new byte[32];
      rng.nextBytes(seedBytes);
      Signer s = scheme.signer(seedBytes);
      signers.add(s);
      vs.add(new Validator(s.publicKey(), 1));
    }
    ValidatorSet set = new ValidatorSet(1, vs);
    ConsensusCodec codec =
        new ConsensusCodec(
            new DecodeLimits(
                8 << 20, MAX_PAYLOAD, ValidatorSet.MAX_VALIDATORS, scheme.maxSignatureBytes(), 64));
    SimNode.World world = new World();
    for (int i = 0; i < n; i++) {
      Byzantine b =
          honest[i]
              ? null
              : new Byzantine(
                  pickBehaviours(),
                  i,
                  signers.get(i),
                  scheme,
                  new SigningDomain(CHAIN_ID),
                  set,
                  rng,
                  MAX_PAYLOAD + 1);
      nodes.add(
          new SimNode(
              i,
              world,
              engineConfig,
              set,
              signers.get(i),
              scheme,
              codec,
              b,
              cfg.forgetSafetyOnRestart(),
              cfg.payloadBytes()));
    }
  }

  private Set<Behaviour> pickBehaviours() {
    if (!cfg.behaviours().isEmpty()) return cfg.behaviours();
    EnumSet<Behaviour> s = EnumSet.noneOf(Behaviour.class);
    for (Behaviour b : Behaviour.values()) if (rng.nextBoolean()) s.add(b);
    if (s.isEmpty()) s.add(Behaviour.values()[rng.nextInt(Behaviour.values().length)]);
    return s;
  }

  public SimResult run() {
    for (int i = 0; i < nodes.size(); i++) {
      SimNode node = nodes.get(i);
      scheduler.at(rng.nextLong(50), Scheduler.Kind.START, i, 0, node::start);
    }
    if (cfg.crashes()) scheduleCrash();
    if (cfg.partitions()) schedulePartition();
    long chaosRounds = cfg.rounds() / 2;
    long chaosTimeCap = chaosRounds * cfg.baseTimeoutMillis();
    long bound = cfg.effectiveLivenessRounds();
    long stallCap = bound * engineConfig.maxTimeoutMillis();
    String end = null;
    while (end == null) {
      if (!scheduler.step()) {
        end = "the event queue ran dry";
        checkers.violate(Violation.Kind.LIVENESS, end);
        break;
      }
      if (scheduler.executed() > cfg.maxEvents()) {
        checkers.violate(
            Violation.Kind.BUDGET,
            "more than " + cfg.maxEvents() + " events by round " + maxHonestRound);
        break;
      }
      if (!checkers.atGst()) {
        if (maxHonestRound >= chaosRounds || scheduler.now() >= chaosTimeCap) stabilise();
        continue;
      }
      if (checkers.allResumed() && maxHonestRound >= cfg.rounds()) break;
      if (!checkers.allResumed()
          && (maxHonestRound > checkers.gstRound() + bound
              || scheduler.now() > checkers.gstTime() + stallCap)) {
        checkers.violate(
            Violation.Kind.LIVENESS,
            "after GST at round "
                + checkers.gstRound()
                + " ("
                + checkers.gstTime()
                + " ms), nodes "
                + checkers.notResumed()
                + " had not committed a new block by round "
                + maxHonestRound
                + " ("
                + scheduler.now()
                + " ms); bound "
                + bound
                + " rounds");
        break;
      }
    }
    return result();
  }

  private void stabilise() {
    network.stabilise();
    for (int i = 0; i < nodes.size(); i++) {
      SimNode node = nodes.get(i);
      if (!node.isUp()) {
        crashedHonest--;
        scheduler.after(0, Scheduler.Kind.RESTART, i, 0, node::restart);
      }
    }
    scheduler.after(0, Scheduler.Kind.GST, -1, maxHonestRound, () -> {});
    checkers.onGst(maxHonestRound, scheduler.now());
  }

  private void scheduleCrash() {
    long wait = (long) (-1_500 * Math.log(1 - rng.nextDouble()));
    scheduler.after(
        wait,
        Scheduler.Kind.CHAOS,
        -1,
        1,
        () -> {
          if (checkers.atGst()) return;
          int i = rng.nextInt(nodes.size());
          SimNode node = nodes.get(i);
          if (node.isHonest() && node.isUp() && crashedHonest < Math.max(1, cfg.byzantine())) {
            crashedHonest++;
            node.crash();
            scheduler.after(
                300 + rng.nextLong(4_000),
                Scheduler.Kind.RESTART,
                i,
                0,
                () -> {
                  if (!node.isUp() && !checkers.atGst()) {
                    crashedHonest--;
                    node.restart();
                  }
                });
          }
          scheduleCrash();
        });
  }

  private void schedulePartition() {
    scheduler.after(
        1_000 + rng.nextLong(4_000),
        Scheduler.Kind.CHAOS,
        -1,
        2,
        () -> {
          if (checkers.atGst()) return;
          if (!network.partitioned()) {
            int n = nodes.size();
            int[] side = new int[n];
            int ones = 0;
            for (int i = 0; i < n; i++) ones += side[i] = rng.nextInt(2);
            if (ones == 0) side[rng.nextInt(n)] = 1;
            if (ones == n) side[rng.nextInt(n)] = 0;
            network.partition(side);
            scheduler.after(300 + rng.nextLong(3_000), Scheduler.Kind.HEAL, -1, 0, network::heal);
          }
          schedulePartition();
        });
  }

  private SimResult result() {
    long commits = checkers.maxCommittedHeight();
    double seconds = scheduler.now() / 1000.0;
    long resumedIn = checkers.allResumed() ? checkers.resumedByRound() - checkers.gstRound() : -1;
    long malformed = 0;
    for (SimNode n : nodes) malformed += n.malformed();
    SimMetrics m =
        new SimMetrics(
            commits,
            checkers.minHonestHeight(),
            seconds,
            maxHonestRound,
            network.messages(),
            network.bytes(),
            network.dropped(),
            malformed,
            scheduler.executed(),
            resumedIn);
    return new SimResult(
        seed, checkers.violations(), checkers.violationCount(), m, trace.value(), trace.lines());
  }

  /** The honest nodes' engines, for tests that look inside after a run. */
  List<SimNode> nodes() {
    return List.copyOf(nodes);
  }

  private final class World implements SimNode.World {
    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public SimNetwork network() {
      return network;
    }

    @Override
    public Checkers checkers() {
      return checkers;
    }

    @Override
    public RandomGenerator rng() {
      return rng;
    }

    @Override
    public void noteRound(int node, long round) {
      if (round > maxHonestRound) maxHonestRound = round;
    }

    @Override
    public long maxHonestRound() {
      return maxHonestRound;
    }
  }
}
