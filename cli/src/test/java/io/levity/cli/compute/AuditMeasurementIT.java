package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.compute.audit.AuditException;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.audit.Reexecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's Done criterion on a real chain: a provider answering 20% of 200 requests wrongly
 * (FaultyChatBackend), three auditors re-executing every answer with the model fetched by its root
 * (here a local file checked against that root), threshold two. Every wrong answer is disputed,
 * every batch holding one is voided with a slash, no correct answer is disputed and every batch of
 * correct answers is paid. The attack tests break the auditors' re-execution and show the same
 * checks then fail: the measurement can tell a working auditor from a broken one. The test chain
 * makes a block every 20 ms and each block's timestamp at least its parent's plus one second, so
 * block time runs about fifty times faster than the wall clock: a 1,500-second window is about half
 * a minute here.
 */
class AuditMeasurementIT {
  @TempDir static Path dir;
  static MarketHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = MarketHarness.start(dir);
  }

  @AfterAll
  static void stop() {
    if (h != null) h.close();
  }

  private static Reexecutor realReexecution() {
    try {
      return new ChatReexecutor(
          ModelCatalog.of(List.of(h.modelFile), Optional.empty()), h.kernels());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyWrongAnswerIsDisputedAndItsBatchSlashedAndNoCorrectAnswerIs() throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("measured"), 1)
            .run(200, 10, 15, 1500, 500, AuditMeasurementIT::realReexecution);
    System.out.println("audit measurement: " + f.summary());
    assertThat(f.requests()).isGreaterThanOrEqualTo(200);
    assertThat(f.wrong()).as("the faulty provider answered some requests wrongly").isPositive();
    assertThat(f.violations()).isEmpty();
    assertThat(f.disputedWrong()).isEqualTo(f.wrong());
    assertThat(f.disputedRight()).isZero();
    assertThat(f.voided()).isEqualTo(f.batchesWithWrong());
    assertThat(f.honestPaid()).isEqualTo(f.batches() - f.batchesWithWrong());
    assertThat(f.slashed()).isPositive();
  }

  @Test
  void auditorsWithoutReexecutionMissTheWrongAnswersAndTheMeasurementSaysSo() throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("removed"), 6)
            .run(
                20,
                10,
                14,
                300,
                100,
                () ->
                    (receipt, body) -> {
                      throw new AuditException("re-execution removed");
                    });
    System.out.println("auditors without re-execution: " + f.summary());
    assertThat(f.wrong()).isPositive();
    assertThat(f.violations()).anyMatch(v -> v.contains("was not disputed"));
  }

  @Test
  void auditorsWhoseReexecutionIsBrokenDisputeCorrectAnswersAndTheMeasurementSaysSo()
      throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("broken"), 11)
            .run(20, 10, 14, 300, 100, () -> (receipt, body) -> "not what the model says");
    System.out.println("auditors with broken re-execution: " + f.summary());
    assertThat(f.violations()).anyMatch(v -> v.contains("correct answer"));
  }
}
