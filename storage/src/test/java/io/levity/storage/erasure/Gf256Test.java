package io.levity.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Gf256Test {
  @Test
  void productTableMatchesBitwiseMultiplication() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) assertThat(Gf256.mul(a, b)).isEqualTo(Gf256.mulReference(a, b));
    }
  }

  @Test
  void everyNonZeroElementHasAnInverse() {
    for (int a = 1; a < 256; a++) assertThat(Gf256.mul(a, Gf256.inv(a))).isEqualTo(1);
    assertThatThrownBy(() -> Gf256.inv(0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void twoGeneratesTheMultiplicativeGroup() {
    boolean[] seen = new boolean[256];
    for (int e = 0; e < 255; e++) seen[Gf256.exp(e)] = true;
    for (int a = 1; a < 256; a++) assertThat(seen[a]).isTrue();
    // x^8 = x^4 + x^3 + x^2 + 1 under 0x11d
    assertThat(Gf256.exp(8)).isEqualTo(0x1d);
  }

  @Test
  void knownProducts() {
    assertThat(Gf256.mul(0x80, 2)).isEqualTo(0x1d);
    assertThat(Gf256.mul(3, 7)).isEqualTo(9);
    assertThat(Gf256.div(Gf256.mul(0x53, 0xca), 0xca)).isEqualTo(0x53);
  }
}
