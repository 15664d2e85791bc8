package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hex quantities from clients: only 0x followed by hex digits, nothing BigInteger would also
 * accept.
 */
class ParamsTest {

  @ParameterizedTest
  @ValueSource(strings = {"0x+1", "0x-1", "0x 1", "0x1 ", "0x_1", "0xg", "0x\u0663", "1", "0x"})
  void refusesAnythingButHexDigits(String s) {
    assertThatThrownBy(() -> Params.parseQuantity(s, "value"))
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("value");
  }

  @Test
  void readsHexQuantities() throws RpcException {
    assertThat(Params.parseLongQuantity("0x1a", "n")).isEqualTo(26);
    assertThat(Params.parseLongQuantity("0xFF", "n")).isEqualTo(255);
    assertThat(Params.parseLongQuantity("0x0", "n")).isZero();
  }
}
