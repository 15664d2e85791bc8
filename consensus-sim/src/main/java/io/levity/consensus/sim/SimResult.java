package io.levity.consensus.sim;

import java.util.List;

/**
 * The outcome of one seed: what broke (first few, and how many), what was measured, and the trace
 * hash.
 */
public record SimResult(
    long seed,
    List<Violation> violations,
    long violationCount,
    SimMetrics metrics,
    long traceHash,
    List<String> traceLines) {
  public SimResult {
    violations = List.copyOf(violations);
    traceLines = List.copyOf(traceLines);
  }

  public boolean passed() {
    return violationCount == 0;
  }

  public boolean has(Violation.Kind kind) {
    return violations.stream().anyMatch(v -> v.kind() == kind);
  }
}
