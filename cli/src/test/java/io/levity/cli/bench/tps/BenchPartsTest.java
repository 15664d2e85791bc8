package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.options.DurationConverter;
import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations, back-off, calldata, fresh recipients, gas margin and ratio formatting. */
class BenchPartsTest {
  @Test
  void durations() {
    assertThat(DurationConverter.parse("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(DurationConverter.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(DurationConverter.parse("0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> DurationConverter.parse("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("20s");
    assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("above zero");
    assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("above zero");
  }

  @Test
  void backoffDoublesUpToTheCapAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(5), Duration.ofMillis(30));
    assertThat(
            List.of(b.nextDelayNanos(), b.nextDelayNanos(), b.nextDelayNanos(), b.nextDelayNanos()))
        .containsExactly(5_000_000L, 10_000_000L, 20_000_000L, 30_000_000L);
    b.reset();
    assertThat(b.nextDelayNanos()).isEqualTo(5_000_000L);
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(5), Duration.ofMillis(1)))
        .hasMessageContaining("initial");
  }

  @Test
  void transferCalldataIsTheAbiEncoding() {
    Address to = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(Workload.TokenTransfers.transferCall(to, UInt256.valueOf(258)).toHex())
        .isEqualTo(
            "0xa9059cbb"
                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"
                + "0000000000000000000000000000000000000000000000000000000000000102");
  }

  @Test
  void recipientsAreFreshPerSenderSequenceAndRun() {
    Set<Address> seen = new HashSet<>();
    for (int sender = 0; sender < 10; sender++) {
      for (long seq = 0; seq < 100; seq++) seen.add(Workload.freshRecipient(7, sender, seq));
    }
    seen.add(Workload.freshRecipient(8, 0, 0));
    assertThat(seen).hasSize(1001);
    assertThat(Workload.freshRecipient(7, 3, 4)).isEqualTo(Workload.freshRecipient(7, 3, 4));
  }

  @Test
  void gasMarginAndRatios() {
    assertThat(TokenSetup.withMargin(51_234))
        .isEqualTo(57_000); // 51234 + 5124 = 56358, up to a thousand
    assertThat(TokenSetup.withMargin(21_000)).isEqualTo(24_000); // 21000 + 2100 = 23100
    assertThat(ResultTable.ratio(300, 100)).isEqualTo("3.00x");
    assertThat(ResultTable.ratio(1, 0)).isEqualTo("n/a");
  }

  @Test
  void theDevnetGetsTheBlockTimeGasLimitAndValidatorsOnlyWhenGiven() {
    Path dir = Path.of("/tmp/levity-tps-x");
    assertThat(LevityDevnet.arguments(dir, 20, 0, 0, 0))
        .startsWith("devnet")
        .containsSequence("--accounts", "20")
        .doesNotContain("--block-time", "--gas-limit", "--validators");
    assertThat(LevityDevnet.arguments(dir, 20, 200, 60_000_000, 1))
        .containsSequence("--block-time", "200")
        .containsSequence("--gas-limit", "60000000")
        .containsSequence("--validators", "1");
  }
}
