package io.levity.compute.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed bytecode against the committed source, and the Java declarations against the ABI.
 */
class TrainingJobsAbiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = TrainingJobsContract.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  private static String types(JsonNode params) {
    List<String> t = new ArrayList<>();
    for (JsonNode p : params) {
      String type = p.path("type").asText();
      t.add(type.startsWith("tuple") ? types(p.path("components")) + type.substring(5) : type);
    }
    return "(" + String.join(",", t) + ")";
  }

  private static Set<String> compiled(String kind) throws Exception {
    Set<String> out = new HashSet<>();
    for (JsonNode e : resource("TrainingJobs.abi.json")) {
      if (!e.path("type").asText().equals(kind)) continue;
      String sig = e.path("name").asText() + types(e.path("inputs"));
      if (kind.equals("function") && !e.path("outputs").isEmpty())
        sig += " returns " + types(e.path("outputs"));
      out.add(sig);
    }
    return out;
  }

  @Test
  void compiledCodeIsFromTheCommittedSource() throws Exception {
    JsonNode meta = resource("/io/levity/compute/compute.meta.json");
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
  void declarationsMatchTheCompiledAbi() throws Exception {
    Set<String> functions = new HashSet<>();
    for (AbiFunction f :
        List.of(
            TrainingJobsContract.CREATE_JOB,
            TrainingJobsContract.COMMIT_CHECKPOINT,
            TrainingJobsContract.JOB_OF,
            TrainingJobsContract.CHECKPOINT,
            TrainingJobsContract.JOB_COUNT,
            TrainingJobsContract.MAX_SEGMENT_STEPS,
            TrainingJobsContract.MAX_SEGMENTS)) {
      String sig = f.signature();
      if (!f.outputs().isEmpty())
        sig +=
            " returns ("
                + String.join(",", f.outputs().stream().map(t -> t.canonical()).toList())
                + ")";
      functions.add(sig);
    }
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
