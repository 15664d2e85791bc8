package io.levity.cli.sim;

import io.levity.consensus.sim.Behaviour;
import io.levity.consensus.sim.SimConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Who takes part in a simulated run: n validators, f of them Byzantine, and how they sign. */
final class CommitteeOptions {
  /**
   * The committee.
   *
   * @param behaviours what Byzantine nodes do; empty: a random mix per node and seed
   */
  record Committee(
      int validators, int byzantine, Set<Behaviour> behaviours, SimConfig.Crypto crypto) {
    /** A config builder for this committee, the rest at the simulator's defaults. */
    SimConfig.Builder builder() {
      SimConfig.Builder b = SimConfig.builder(validators, byzantine);
      b.behaviours = behaviours;
      b.crypto = crypto;
      return b;
    }
  }

  @Option(names = "--validators", paramLabel = "N")
  int validators = 4;

  @Option(names = "--byzantine", paramLabel = "F")
  Integer byzantine;

  @Option(names = "--behaviours", split = ",", paramLabel = "B")
  List<Behaviour> behaviours;

  @Option(names = "--crypto", paramLabel = "SCHEME")
  SimConfig.Crypto crypto = SimConfig.Crypto.FAST;

  Committee committee() {
    return new Committee(
        validators,
        byzantine != null ? byzantine : (validators - 1) / 3,
        behaviours == null || behaviours.isEmpty() ? Set.of() : EnumSet.copyOf(behaviours),
        crypto);
  }
}
