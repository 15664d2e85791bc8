package io.levity.core.lang;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {
  @Test
  void namesTheFirstNullValue() {
    assertThatCode(() -> Require.nonNull("a", 1, "b", "x")).doesNotThrowAnyException();
    assertThatThrownBy(() -> Require.nonNull("a", 1, "b", null, "c", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("b");
  }

  @Test
  void refusesArgumentsThatAreNotPairs() {
    assertThatThrownBy(() -> Require.nonNull("a", 1, "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Require.nonNull(1, "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Require::nonNull).isInstanceOf(IllegalArgumentException.class);
  }
}
