package io.levity.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlpFixturesTest {
  @Test
  void everyRlpFixturePasses() {
    Path dir = FixtureRoot.require("RLPTests");
    RefTestSuite.Summary s =
        RefTestSuite.standard().run(RefTestSuite.collect(List.of(dir)), o -> {});
    assertThat(s.failures()).isEmpty();
    assertThat(s.passed()).isGreaterThan(50);
  }

  @Test
  void unknownShapeIsAFailureNotASkip(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("odd.json");
    Files.writeString(f, "{\"x\": {\"y\": 1}}");
    RefTestSuite.Summary s = RefTestSuite.standard().run(List.of(f), o -> {});
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.failures().get(0).reason()).contains("unknown fixture shape");
  }
}
