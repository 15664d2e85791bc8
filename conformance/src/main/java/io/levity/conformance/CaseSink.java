package io.levity.conformance;

import io.levity.conformance.RefTestSuite.Status;
import java.util.function.Supplier;

/** Where a fixture runner reports the outcome of each case, exactly once per case. */
@FunctionalInterface
public interface CaseSink {
  /** One case's outcome; the reason is null for a pass. */
  void report(String caseName, Status status, String reason);

  default void passed(String caseName) {
    report(caseName, Status.PASSED, null);
  }

  default void failed(String caseName, String reason) {
    report(caseName, Status.FAILED, reason);
  }

  default void skipped(String caseName, String reason) {
    report(caseName, Status.SKIPPED, reason);
  }

  /**
   * Runs one case's check and reports it: a null result passes, a text fails the case with that
   * reason, and a runtime exception fails it as {@code unexpected <exception>}.
   */
  default void check(String caseName, Supplier<String> check) {
    String reason;
    try {
      reason = check.get();
    } catch (RuntimeException e) {
      reason = "unexpected " + e;
    }
    if (reason == null) passed(caseName);
    else failed(caseName, reason);
  }
}
