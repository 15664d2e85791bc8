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
import java.util.Arrays;
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
  private final SimEventQueue events;
  private final SimNetwork network;
  private final Checkers checkers;
  private final List<SimNode> nodes = new ArrayList<>();
  private final EngineConfig engineConfig;
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
    this.events = new SimEventQueue(trace);
    this.network =
        new SimNetwork(cfg, events, rng, (to, from, wire) -> nodes.get(to).deliver(from, wire));
    this.engineConfig =
        EngineConfig.defaults(CHAIN_ID)
            .withTimeouts(cfg.baseTimeoutMillis(), 1.5, 10 * cfg.baseTimeoutMillis());
    int n = cfg.validators();
    boolean[] honest = new boolean[n];
    Arrays.fill(honest, true);
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
    SimWorld world =
        new SimWorld(
            cfg,
            engineConfig,
            set,
            scheme,
            new SigningDomain(CHAIN_ID),
            codec,
            events,
            network,
            checkers,
            rng);
    for (int i = 0; i < n; i++) {
      Byzantine b = honest[i] ? null : new Byzantine(pickBehaviours(), i, signers.get(i), world);
      nodes.add(new SimNode(i, world, signers.get(i), b));
    }
  }

  private Set<Behaviour> pickBehaviours() {
    if (!cfg.behaviours().isEmpty()) return cfg.behaviours();
    EnumSet<Behaviour> s = EnumSet.noneOf(Behaviour.class);
    for (Behaviour b : Behaviour.values()) if (rng.nextBoolean()) s.add(b);
    List<Behaviour> all = List.of(Behaviour.values());
    if (s.isEmpty()) s.add(all.get(rng.nextInt(all.size())));
    return s;
  }

  /** Equivocation evidence honest nodes caught against validator {@code v} (after {@link #run}). */
  public long evidenceAgainst(int v) {
    return checkers.evidenceAgainst(v);
  }

  public SimResult run() {
    for (int i = 0; i < nodes.size(); i++) {
      SimNode node = nodes.get(i);
      events.at(rng.nextLong(50), SimEventQueue.Kind.START, i, 0, node::start);
    }
    if (cfg.crashes()) scheduleCrash();
    if (cfg.partitions()) schedulePartition();
    long chaosRounds = cfg.rounds() / 2;
    long chaosTimeCap = chaosRounds * cfg.baseTimeoutMillis();
    long bound = cfg.effectiveLivenessRounds();
    long stallCap = bound * engineConfig.maxTimeoutMillis();
    Liveness liveness = checkers.liveness();
    while (true) {
      if (!events.step()) {
        checkers.violate(Violation.Kind.LIVENESS, "the event queue ran dry");
        break;
      }
      long round = liveness.maxHonestRound();
      if (events.executed() > cfg.maxEvents()) {
        checkers.violate(
            Violation.Kind.BUDGET, "more than " + cfg.maxEvents() + " events by round " + round);
        break;
      }
      if (liveness.gst().isEmpty()) {
        if (round >= chaosRounds || events.now() >= chaosTimeCap) stabilise();
        continue;
      }
      Liveness.Gst gst = liveness.gst().get();
      if (liveness.allResumed()) {
        if (round >= cfg.rounds()) break;
      } else if (round > gst.round() + bound || events.now() > gst.time() + stallCap) {
        checkers.violate(
            Violation.Kind.LIVENESS,
            "after GST at round "
                + gst.round()
                + " ("
                + gst.time()
                + " ms), nodes "
                + liveness.notResumed()
                + " had not committed a new block by round "
                + round
                + " ("
                + events.now()
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
        events.after(0, SimEventQueue.Kind.RESTART, i, 0, node::restart);
      }
    }
    events.after(0, SimEventQueue.Kind.GST, -1, checkers.liveness().maxHonestRound(), () -> {});
    checkers.liveness().onGst(events.now());
  }

  private void scheduleCrash() {
    long wait = (long) (-1_500 * Math.log(1 - rng.nextDouble()));
    events.after(
        wait,
        SimEventQueue.Kind.CHAOS,
        -1,
        1,
        () -> {
          if (atGst()) return;
          int i = rng.nextInt(nodes.size());
          SimNode node = nodes.get(i);
          if (node.isHonest() && node.isUp() && crashedHonest < Math.max(1, cfg.byzantine())) {
            crashedHonest++;
            node.crash();
            events.after(
                300 + rng.nextLong(4_000),
                SimEventQueue.Kind.RESTART,
                i,
                0,
                () -> {
                  if (!node.isUp() && !atGst()) {
                    crashedHonest--;
                    node.restart();
                  }
                });
          }
          scheduleCrash();
        });
  }

  private void schedulePartition() {
    events.after(
        1_000 + rng.nextLong(4_000),
        SimEventQueue.Kind.CHAOS,
        -1,
        2,
        () -> {
          if (atGst()) return;
          if (!network.partitioned()) {
            int n = nodes.size();
            int[] side = new int[n];
            int ones = 0;
            for (int i = 0; i < n; i++) {
              side[i] = rng.nextInt(2);
              ones += side[i];
            }
            if (ones == 0) side[rng.nextInt(n)] = 1;
            if (ones == n) side[rng.nextInt(n)] = 0;
            network.partition(side);
            events.after(300 + rng.nextLong(3_000), SimEventQueue.Kind.HEAL, -1, 0, network::heal);
          }
          schedulePartition();
        });
  }

  private boolean atGst() {
    return checkers.liveness().gst().isPresent();
  }

  private SimResult result() {
    SimNetwork.Traffic traffic = network.traffic();
    SimMetrics m =
        new SimMetrics(
            checkers.maxCommittedHeight(),
            checkers.minHonestHeight(),
            events.now() / 1000.0,
            checkers.liveness().maxHonestRound(),
            traffic.messages(),
            traffic.bytes(),
            traffic.dropped(),
            traffic.malformed(),
            events.executed(),
            checkers.liveness().resumedWithinRounds());
    return new SimResult(
        seed, checkers.violations(), checkers.violationCount(), m, trace.value(), trace.lines());
  }

  /** The honest nodes' engines, for tests that look inside after a run. */
  List<SimNode> nodes() {
    return List.copyOf(nodes);
  }
}
