package io.levity.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real model: unit vectors of 384, repeatable on one machine, meaning reflected in distance.
 */
class MiniLmEmbedderTest {
  static MiniLmEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = new MiniLmEmbedder(200);
  }

  @Test
  void theSameTextTwiceGivesTheSameBitsOnOneMachine() {
    float[] a = embedder.embed("The validator signed the block.");
    float[] b = embedder.embed("The validator signed the block.");
    assertThat(a).hasSize(384).hasSize(embedder.dimension());
    assertThat(a).isEqualTo(b);
    double norm = 0;
    for (float x : a) norm += x * x;
    assertThat(norm).isCloseTo(1.0, offset(1e-5));
  }

  @Test
  void similarSentencesAreCloserThanUnrelatedOnes() {
    float[] cat = embedder.embed("A cat is sleeping on the sofa.");
    float[] kitten = embedder.embed("A kitten naps on the couch.");
    float[] rates = embedder.embed("The central bank raised interest rates again.");
    double close = EmbeddingAudit.cosine(cat, kitten);
    double far = EmbeddingAudit.cosine(cat, rates);
    assertThat(close).isGreaterThan(far + 0.3);
    // A paraphrase is not the same embedding: the audit's default tolerance tells them apart.
    assertThat(EmbeddingAudit.agree(cat, kitten)).isFalse();
    assertThat(EmbeddingAudit.agree(cat, embedder.embed("A cat is sleeping on the sofa.")))
        .isTrue();
  }

  @Test
  void aTextOverTheLimitIsRefusedWithTheLimit() {
    assertThat(embedder.maxChars()).isEqualTo(200);
    assertThat(embedder.modelId()).contains("all-MiniLM-L6-v2");
    assertThatThrownBy(() -> embedder.embed("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("201 chars is longer than this embedder's limit of 200");
    assertThatThrownBy(() -> new MiniLmEmbedder(0)).hasMessageContaining("positive");
  }
}
