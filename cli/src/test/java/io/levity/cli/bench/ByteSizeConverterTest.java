package io.levity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Sizes for {@code levity bench storage --size}. */
class ByteSizeConverterTest {
  @Test
  void readsBytesAndPowersOf1024() {
    assertThat(ByteSizeConverter.parse("1000000")).isEqualTo(1_000_000);
    assertThat(ByteSizeConverter.parse("64MB")).isEqualTo(64L << 20);
    assertThat(ByteSizeConverter.parse("64mib")).isEqualTo(64L << 20);
    assertThat(ByteSizeConverter.parse(" 2 K ")).isEqualTo(2048);
    assertThat(ByteSizeConverter.parse("1GB")).isEqualTo(1L << 30);
    assertThatThrownBy(() -> ByteSizeConverter.parse("0"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("64MB");
    assertThatThrownBy(() -> ByteSizeConverter.parse("lots")).hasMessageContaining("lots");
  }

  @Test
  void printsWholeUnitsWhereItCan() {
    assertThat(ByteSizeConverter.human(64L << 20)).isEqualTo("64 MiB");
    assertThat(ByteSizeConverter.human(2L << 30)).isEqualTo("2 GiB");
    assertThat(ByteSizeConverter.human(1_000_000)).isEqualTo("1,000,000 bytes");
  }
}
