package io.levity.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.engine.Reject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Many seeded runs with faults and Byzantine validators: nothing may break, and broken variants
 * must be caught.
 */
class SimulationTest {
  // 80 rounds: faults until round 40 (GST), then at least 40 rounds of recovery; the CLI defaults
  // to 120.
  private static final SimConfig FOUR = SimConfig.of(4, 1).with(b -> b.rounds = 80);
  private static final SimConfig SEVEN = SimConfig.of(7, 2).with(b -> b.rounds = 80);

  @Test
  void aSeedReplaysExactly() {
    SimResult a = new Simulation(FOUR, 42).run();
    SimResult b = new Simulation(FOUR, 42).run();
    assertThat(b.traceHash()).isEqualTo(a.traceHash());
    assertThat(b.metrics()).isEqualTo(a.metrics());
    assertThat(new Simulation(FOUR, 43).run().traceHash()).isNotEqualTo(a.traceHash());
  }

  @Test
  void aSeedReplaysExactlyWithEd25519() {
    SimConfig cfg = ed25519(SEVEN, 40);
    SimResult a = new Simulation(cfg, 7).run();
    assertThat(a.passed()).as("%s", a.violations()).isTrue();
    assertThat(new Simulation(cfg, 7).run().traceHash()).isEqualTo(a.traceHash());
  }

  @Test
  void fourValidatorsOneByzantineHundredFiftySeeds() {
    assertAllPassAndLive(Seeds.run(FOUR, 0, 150), FOUR);
  }

  @Test
  void sevenValidatorsTwoByzantineEightySeeds() {
    assertAllPassAndLive(Seeds.run(SEVEN, 0, 80), SEVEN);
  }

  @Test
  void realEd25519SignaturesToo() {
    SimConfig cfg = ed25519(FOUR, 60);
    assertAllPassAndLive(Seeds.run(cfg, 1_000, 6), cfg);
  }

  @Test
  void everyByzantineBehaviourAloneIsSurvivedAndRejected() {
    for (Behaviour b : Behaviour.values()) {
      SimConfig cfg = FOUR.with(x -> x.behaviours = Set.of(b));
      assertAllPassAndLive(Seeds.run(cfg, 500, 10), cfg);
    }
    Simulation spam = new Simulation(FOUR.with(b -> b.behaviours = Set.of(Behaviour.SPAM)), 3);
    assertThat(spam.run().metrics().malformed()).isPositive();
    long unjustifiedOrFar = 0;
    for (SimNode n : spam.nodes()) {
      if (n.isHonest() && n.isUp()) {
        unjustifiedOrFar +=
            n.engine().stats().rejected(Reject.UNJUSTIFIED_ROUND)
                + n.engine().stats().rejected(Reject.TOO_FAR_AHEAD)
                + n.engine().stats().rejected(Reject.STALE);
      }
    }
    assertThat(unjustifiedOrFar).isPositive();
    Simulation forger =
        new Simulation(FOUR.with(b -> b.behaviours = Set.of(Behaviour.INVALID_SIGNATURES)), 3);
    forger.run();
    long bad = 0;
    for (SimNode n : forger.nodes()) {
      if (n.isHonest() && n.isUp()) {
        bad +=
            n.engine().stats().rejected(Reject.BAD_SIGNATURE)
                + n.engine().stats().rejected(Reject.BAD_CERTIFICATE);
      }
    }
    assertThat(bad).isPositive();
  }

  @Test
  void honestLedgersArePrefixesOfOneAnotherAfterARun() {
    Simulation sim = new Simulation(SEVEN, 11);
    assertThat(sim.run().passed()).isTrue();
    List<SimNode> honest = sim.nodes().stream().filter(SimNode::isHonest).toList();
    SimNode longest =
        honest.stream()
            .max((x, y) -> Long.compare(x.ledger().height(), y.ledger().height()))
            .orElseThrow();
    for (SimNode n : honest) {
      assertThat(n.ledger().height()).isPositive();
      for (long h = 1; h <= n.ledger().height(); h++) {
        assertThat(n.ledger().at(h).id()).isEqualTo(longest.ledger().at(h).id());
      }
    }
  }

  @Test
  void ignoringTheLockIsCaughtAsAFork() {
    SimConfig broken = withFault(SafetyFault.IGNORE_LOCK, Behaviour.FORK);
    List<SimResult> rs = Seeds.run(broken, 0, 60);
    assertThat(rs)
        .anyMatch(r -> r.has(Violation.Kind.SAFETY) || r.has(Violation.Kind.CONFLICTING_COMMIT));
    // The same attack against correct nodes gets nowhere.
    SimConfig correct = withFault(SafetyFault.NONE, Behaviour.FORK);
    assertAllPassAndLive(Seeds.run(correct, 0, 30), correct);
  }

  @Test
  void votingTwiceIsCaught() {
    SimConfig broken = withFault(SafetyFault.VOTE_TWICE, Behaviour.EQUIVOCATE);
    List<SimResult> rs = Seeds.run(broken, 0, 10);
    assertThat(rs).anyMatch(r -> r.has(Violation.Kind.HONEST_EQUIVOCATION));
    // Correct nodes vote once however the leader equivocates.
    SimConfig correct = withFault(SafetyFault.NONE, Behaviour.EQUIVOCATE);
    assertAllPassAndLive(Seeds.run(correct, 0, 10), correct);
  }

  @Test
  void equivocationsLeaveEvidenceAgainstTheByzantineValidatorOnly() {
    for (Behaviour attack : List.of(Behaviour.EQUIVOCATE, Behaviour.DOUBLE_VOTE)) {
      Simulation sim = new Simulation(FOUR.with(b -> b.behaviours = Set.of(attack)), 5);
      SimResult r = sim.run();
      assertThat(r.passed()).as("%s: %s", attack, r.violations()).isTrue();
      long against = 0;
      for (int i = 0; i < 4; i++) {
        if (sim.nodes().get(i).isHonest()) assertThat(sim.evidenceAgainst(i)).isZero();
        else against += sim.evidenceAgainst(i);
      }
      assertThat(against).as("evidence of %s", attack).isPositive();
    }
    Simulation honest = new Simulation(SimConfig.of(4, 0).with(b -> b.rounds = 80), 5);
    assertThat(honest.run().passed()).isTrue();
    for (int i = 0; i < 4; i++) assertThat(honest.evidenceAgainst(i)).isZero();
  }

  /** {@code cfg} with real Ed25519 signatures, shortened to {@code rounds} (they are slow). */
  private static SimConfig ed25519(SimConfig cfg, long rounds) {
    return cfg.with(
        b -> {
          b.crypto = SimConfig.Crypto.ED25519;
          b.rounds = rounds;
        });
  }

  /** Honest nodes with {@code fault}, every Byzantine node mounting {@code attack}. */
  private static SimConfig withFault(SafetyFault fault, Behaviour attack) {
    return FOUR.with(
        b -> {
          b.safetyFault = fault;
          b.behaviours = Set.of(attack);
        });
  }

  @Test
  void forgettingTheSafetyStateOnRestartIsCaught() {
    SimConfig broken = FOUR.with(b -> b.forgetSafetyOnRestart = true);
    List<SimResult> rs = Seeds.run(broken, 0, 30);
    assertThat(rs)
        .anyMatch(r -> r.has(Violation.Kind.HONEST_EQUIVOCATION) || r.has(Violation.Kind.SAFETY));
  }

  private static void assertAllPassAndLive(List<SimResult> rs, SimConfig cfg) {
    assertThat(rs).as("failing seeds:%n%s", Seeds.failures(rs)).allMatch(SimResult::passed);
    for (SimResult r : rs) {
      assertThat(r.metrics().resumedWithinRounds())
          .as("seed %d resumed", r.seed())
          .isBetween(0L, (long) cfg.effectiveLivenessRounds());
      assertThat(r.metrics().commits()).as("seed %d commits", r.seed()).isPositive();
    }
  }
}
