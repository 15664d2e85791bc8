package io.levity.compute.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobSpecTest {
  private static final JobSpec SPEC = TrainingPresets.of("test", LocalTrainingTest.CORPUS);

  @Test
  void roundTripsByteForByte() {
    byte[] bytes = SPEC.toBytes();
    JobSpec back = JobSpec.parse(bytes);
    assertThat(back.train()).isEqualTo(SPEC.train());
    assertThat(back.tokenizer().merges()).isEqualTo(SPEC.tokenizer().merges());
    assertThat(back.toBytes()).isEqualTo(bytes);
    assertThat(back.runtimeId()).isEqualTo(JobSpec.runtimeId(JobSpec.RUNTIME));
  }

  @Test
  void refusesWhatIsNotACompleteValidSpec() {
    String json = new String(SPEC.toBytes(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JobSpec.parse("{".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse(json.replace("levity-training-job/1", "other/9")))
        .hasMessageContaining("not a job spec");
    assertThatThrownBy(() -> parse(json.replace("\"segments\":3", "\"segmentz\":3")))
        .hasMessageContaining("has no \"segments\"");
    assertThatThrownBy(() -> parse(json.replace("\"segments\":3", "\"segments\":0")))
        .hasMessageContaining("segments must be in");
    assertThatThrownBy(() -> parse(json.replace("\"segmentSteps\":4", "\"segmentSteps\":2000000")))
        .hasMessageContaining("segmentSteps must be in");
    assertThatThrownBy(() -> parse(json.replace("\"tokenizer\":\"", "\"tokenizer\":\"x")))
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> parse(json.replace("\"format\"", "\"format\":\"x\",\"format\"")))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesATokenizerLargerThanTheModel() {
    JobSpec big = TrainingPresets.of("tiny", LocalTrainingTest.CORPUS);
    assertThatThrownBy(() -> new JobSpec(JobSpec.RUNTIME, SPEC.train(), big.tokenizer(), 4, 3))
        .hasMessageContaining("the model only 300");
  }

  private static JobSpec parse(String json) {
    return JobSpec.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
