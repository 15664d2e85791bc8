package io.levity.compute.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.compute.CompiledAbi;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed bytecode against the committed source, and the Java declarations against the ABI.
 */
class TrainingJobsAbiTest {
  private static Set<String> compiled(String kind) {
    return CompiledAbi.signatures(TrainingJobsContract.class, "TrainingJobs.abi.json", kind);
  }

  @Test
  void compiledCodeIsFromTheCommittedSource() throws Exception {
    JsonNode meta =
        CompiledAbi.json(TrainingJobsContract.class, "/io/levity/compute/compute.meta.json");
    assertThat(meta.path("compiler").asText()).startsWith("solc 0.8.30+");
    Path source = Path.of("contracts", "TrainingJobs.sol");
    assertThat(meta.path("sources").path("compute/contracts/TrainingJobs.sol").asText())
        .as("rerun node compute/contracts/compile.js")
        .isEqualTo(Keccak.hash(Files.readAllBytes(source)).toHex());
    assertThat(TrainingJobsContract.runtimeCode().size()).isBetween(100, 24_576);
    assertThat(TrainingJobsContract.creationCode().size())
        .isGreaterThan(TrainingJobsContract.runtimeCode().size());
  }

  @Test
  void declarationsMatchTheCompiledAbi() {
    Set<String> functions = new HashSet<>();
    for (AbiFunction f :
        List.of(
            TrainingJobsContract.CREATE_JOB,
            TrainingJobsContract.COMMIT_CHECKPOINT,
            TrainingJobsContract.JOB_OF,
            TrainingJobsContract.CHECKPOINT,
            TrainingJobsContract.JOB_COUNT,
            TrainingJobsContract.MAX_SEGMENT_STEPS,
            TrainingJobsContract.MAX_SEGMENTS)) functions.add(CompiledAbi.declared(f));
    assertThat(functions).isEqualTo(compiled("function"));
    Set<String> events = new HashSet<>();
    for (AbiEvent e :
        List.of(TrainingJobsContract.JOB_CREATED, TrainingJobsContract.CHECKPOINT_COMMITTED))
      events.add(e.signature());
    assertThat(events).isEqualTo(compiled("event"));
    assertThat(new HashSet<>(TrainingJobsContract.ERRORS.declarations()))
        .isEqualTo(compiled("error"));
  }
}
