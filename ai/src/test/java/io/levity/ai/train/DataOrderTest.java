package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batch offsets are a pure, pinned function of (dataset, seed, step, row), always in range. */
class DataOrderTest {
  static final Bytes32 ID = TrainerTest.DATASET;

  @Test
  void offsetsArePinnedInRangeAndDependOnEveryInput() {
    DataOrder order = new DataOrder(ID, 7, 1000, 100);
    int first = order.offset(0, 0);
    assertThat(first).isEqualTo(new DataOrder(ID, 7, 1000, 100).offset(0, 0));
    assertThat(new DataOrder(ID, 8, 1000, 100).offset(0, 0)).isNotEqualTo(first);
    assertThat(new DataOrder(Bytes32.ZERO, 7, 1000, 100).offset(0, 0)).isNotEqualTo(first);
    assertThat(order.offset(1, 0)).isNotEqualTo(first);
    assertThat(order.offset(0, 1)).isNotEqualTo(first);
    Set<Integer> seen = new HashSet<>();
    for (int step = 0; step < 200; step++) {
      for (int row = 0; row < 5; row++) {
        int o = order.offset(step, row);
        assertThat(o).isBetween(0, 1000 - 100 - 2);
        seen.add(o);
      }
    }
    assertThat(seen).as("offsets spread over the windows").hasSizeGreaterThan(500);
    // A pinned value: changing the derivation changes every run's batches.
    assertThat(order.offset(3, 2)).isEqualTo(PINNED);
  }

  static final int PINNED = 64;

  @Test
  void aBatchReadsConsecutiveTokensAndTheirSuccessors() {
    int[] tokens = new int[50];
    for (int i = 0; i < tokens.length; i++) tokens[i] = 1000 + i;
    DataOrder order = new DataOrder(ID, 1, tokens.length, 6);
    int[] inputs = new int[12];
    int[] targets = new int[12];
    order.batch(tokens, 5, 2, inputs, targets);
    for (int r = 0; r < 2; r++) {
      int o = order.offset(5, r);
      for (int t = 0; t < 6; t++) {
        assertThat(inputs[r * 6 + t]).isEqualTo(1000 + o + t);
        assertThat(targets[r * 6 + t]).isEqualTo(1000 + o + t + 1);
      }
    }
  }

  @Test
  void tooShortADatasetIsRefused() {
    assertThatThrownBy(() -> new DataOrder(ID, 1, 7, 6)).hasMessageContaining("at least 8");
    new DataOrder(ID, 1, 8, 6);
  }
}
