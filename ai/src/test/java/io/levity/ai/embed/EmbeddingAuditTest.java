package io.levity.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cosine rule: equal vectors agree, a small drift agrees only within a loose tolerance. */
class EmbeddingAuditTest {
  @Test
  void aSmallDriftPassesTheDefaultButNotATighterTolerance() {
    float[] a = {0.6f, 0.8f, 0f};
    float[] drift = {0.6f, 0.79f, 0.02f};
    assertThat(EmbeddingAudit.agree(a, a.clone())).isTrue();
    assertThat(EmbeddingAudit.cosine(a, drift)).isBetween(0.999, 0.9999);
    assertThat(EmbeddingAudit.agree(a, drift)).isTrue();
    assertThat(EmbeddingAudit.agree(a, drift, 0.9999)).isFalse();
    assertThat(EmbeddingAudit.agree(a, new float[] {0f, 0f, 1f})).isFalse();
    assertThat(EmbeddingAudit.agree(a, new float[] {-0.6f, -0.8f, 0f}, 0.5)).isFalse();
  }

  @Test
  void vectorsThatCannotBeComparedAreRefused() {
    assertThatThrownBy(() -> EmbeddingAudit.agree(new float[2], new float[3]))
        .hasMessageContaining("2 and 3 dimensions");
    assertThatThrownBy(() -> EmbeddingAudit.agree(new float[2], new float[] {1, 0}))
        .hasMessageContaining("zero vector");
    assertThatThrownBy(() -> EmbeddingAudit.agree(new float[] {1}, new float[] {1}, 1.5))
        .hasMessageContaining("tolerance");
  }
}
