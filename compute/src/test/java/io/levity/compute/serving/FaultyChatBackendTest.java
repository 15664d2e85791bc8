package io.levity.compute.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.compute.serving.ChatBackend.ChatMessage;
import io.levity.compute.serving.ChatBackend.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faulty wrapper corrupts about its rate of answers, the same ones for the same seed. */
class FaultyChatBackendTest {
  static List<Boolean> run(long seed) {
    StubBackends.Echo honest = new StubBackends.Echo();
    FaultyChatBackend faulty = new FaultyChatBackend(honest, 0.2, seed);
    List<Boolean> wrong = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ChatRequest r = new ChatRequest(List.of(new ChatMessage("user", "q" + i)), 8, 1, 1, i);
      StringBuilder streamed = new StringBuilder();
      ChatBackend.ChatCompletion c = faulty.complete(r, streamed::append);
      String right = honest.complete(r, ChatBackend.TokenSink.ignore()).text();
      assertThat(streamed.toString()).isEqualTo(c.text());
      assertThat(c.outputHash()).isEqualTo(InferenceApi.text(c.text()));
      wrong.add(!c.text().equals(right));
    }
    long count = wrong.stream().filter(w -> w).count();
    assertThat(faulty.tally()).isEqualTo(new FaultyChatBackend.Tally(200, count));
    return wrong;
  }

  @Test
  void answersWronglyAtAboutItsRateAndRepeatsBySeed() {
    List<Boolean> a = run(42);
    long wrong = a.stream().filter(w -> w).count();
    assertThat(wrong).isBetween(25L, 55L);
    assertThat(run(42)).isEqualTo(a);
    assertThat(run(43)).isNotEqualTo(a);
  }
}
