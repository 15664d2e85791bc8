package io.levity.core.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void eip55Vectors() {
    for (String s :
        new String[] {
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
        }) {
      assertThat(Address.fromHex(s.toLowerCase(Locale.ROOT)).toChecksumHex()).isEqualTo(s);
      assertThat(Address.fromHex(s).toChecksumHex()).isEqualTo(s);
    }
  }

  @Test
  void badChecksumAndLengthRejected() {
    assertThatThrownBy(() -> Address.fromHex("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> Address.fromHex("0x1234")).hasMessageContaining("40 hex digits");
    assertThatThrownBy(() -> Hex.decode("0x123")).hasMessageContaining("odd");
    assertThatThrownBy(() -> Hex.decode("0xzz")).hasMessageContaining("invalid hex");
  }
}
